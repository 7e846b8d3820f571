import { describe, expect, it } from "vitest";
import { isLocale, localeFromPathname, localePath, localized, stripLocale } from "./i18n";

describe("localePath", () => {
  it("keeps Indonesian paths at the root and prefixes English with /en", () => {
    expect(localePath("id", "/motifs")).toBe("/motifs");
    expect(localePath("en", "/motifs")).toBe("/en/motifs");
    expect(localePath("en", "/")).toBe("/en");
    expect(localePath("id", "/")).toBe("/");
  });

  it("adds a missing leading slash", () => {
    expect(localePath("en", "products/kain-kawung")).toBe("/en/products/kain-kawung");
    expect(localePath("id", "products")).toBe("/products");
  });
});

describe("stripLocale", () => {
  it("removes only a whole /en segment", () => {
    expect(stripLocale("/en")).toBe("/");
    expect(stripLocale("/en/events/hari-batik")).toBe("/events/hari-batik");
    expect(stripLocale("/motifs")).toBe("/motifs");
    // "/english-batik" is an Indonesian path that merely starts with "en".
    expect(stripLocale("/english-batik")).toBe("/english-batik");
  });

  it("round-trips with localePath", () => {
    for (const path of ["/", "/motifs", "/events/2026"]) {
      expect(stripLocale(localePath("en", path))).toBe(path);
      expect(stripLocale(localePath("id", path))).toBe(path);
    }
  });
});

describe("localeFromPathname", () => {
  it("detects English only from the /en segment", () => {
    expect(localeFromPathname("/en")).toBe("en");
    expect(localeFromPathname("/en/motifs")).toBe("en");
    expect(localeFromPathname("/")).toBe("id");
    expect(localeFromPathname("/motifs")).toBe("id");
    expect(localeFromPathname("/enak")).toBe("id");
  });
});

describe("isLocale", () => {
  it("accepts only the two languages", () => {
    expect(isLocale("id")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("fr")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe("localized", () => {
  it("prefers the page's language", () => {
    expect(localized("id", "Kain", "Cloth")).toBe("Kain");
    expect(localized("en", "Kain", "Cloth")).toBe("Cloth");
  });

  it("falls back to the other language when the text is missing or blank", () => {
    expect(localized("en", "Kain", null)).toBe("Kain");
    expect(localized("en", "Kain", "   ")).toBe("Kain");
    expect(localized("id", undefined, "Cloth")).toBe("Cloth");
    expect(localized("id", "", "Cloth")).toBe("Cloth");
  });

  it("gives an empty string when neither language has text", () => {
    expect(localized("id", null, undefined)).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { countryName, formatDate, formatDateTime, formatRupiah, wibDay, wibDayStart } from "./format";

describe("formatRupiah", () => {
  it("groups whole rupiah the Indonesian way with a plain space", () => {
    expect(formatRupiah(1250000)).toBe("Rp 1.250.000");
    expect(formatRupiah(0)).toBe("Rp 0");
    expect(formatRupiah(150000)).toBe("Rp 150.000");
  });

  it("never shows decimals, even for a fractional input", () => {
    expect(formatRupiah(999.6)).toBe("Rp 1.000");
  });

  it("has no non-breaking spaces left (tests and e-mails compare plain text)", () => {
    expect(formatRupiah(75000)).not.toMatch(/\u00a0/);
  });
});

describe("wibDay", () => {
  it("cuts days at midnight in Asia/Jakarta (UTC+7), not in the machine's zone", () => {
    expect(wibDay("2026-10-01T16:59:59.999Z")).toBe("2026-10-01");
    expect(wibDay("2026-10-01T17:00:00Z")).toBe("2026-10-02");
    expect(wibDay(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });

  it("inverts wibDayStart", () => {
    expect(wibDayStart("2026-10-02").toISOString()).toBe("2026-10-01T17:00:00.000Z");
    expect(wibDay(wibDayStart("2026-03-01"))).toBe("2026-03-01");
  });
});

describe("formatDate / formatDateTime", () => {
  it("shows the WIB date in each language", () => {
    // 20:00 UTC on 1 Oct is already 2 Oct in Blitar.
    expect(formatDate("2026-10-01T20:00:00Z", "id")).toBe("2 Oktober 2026");
    expect(formatDate("2026-10-01T20:00:00Z", "en")).toBe("2 October 2026");
  });

  it("shows WIB time with the zone name", () => {
    const id = formatDateTime("2026-10-02T12:00:00Z", "id");
    expect(id).toMatch(/^2 Okt 2026/);
    expect(id).toMatch(/19[.:]00 WIB$/);
    expect(formatDateTime("2026-10-02T12:00:00Z", "en")).toMatch(/^2 Oct 2026.*19:00 WIB$/);
  });
});

describe("countryName", () => {
  it("names a country in the page's language and keeps an unknown code", () => {
    expect(countryName("ID", "id")).toBe("Indonesia");
    expect(countryName("sg", "en")).toBe("Singapore");
    expect(countryName("NL", "id")).toBe("Belanda");
    expect(countryName("??", "en")).toBe("??");
  });
});

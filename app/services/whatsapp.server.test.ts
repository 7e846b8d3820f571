import { describe, expect, it } from "vitest";
import { normaliseIndonesianNumber, waMeUrl } from "./whatsapp.server";

describe("normaliseIndonesianNumber", () => {
  it("turns Indonesian national numbers into international digits", () => {
    expect(normaliseIndonesianNumber("0812-3456-7890")).toBe("6281234567890");
    expect(normaliseIndonesianNumber("0812 3456 789")).toBe("628123456789");
    expect(normaliseIndonesianNumber("81234567890")).toBe("6281234567890");
  });

  it("keeps international numbers, without the plus, spaces and dashes", () => {
    expect(normaliseIndonesianNumber("+62 812-0000-0101")).toBe("6281200000101");
    expect(normaliseIndonesianNumber("+6281200000101")).toBe("6281200000101");
    expect(normaliseIndonesianNumber("6281200000101")).toBe("6281200000101");
    expect(normaliseIndonesianNumber("(0342) 801.234")).toBe("62342801234");
    expect(normaliseIndonesianNumber("0061 2 9999 0000")).toBe("61299990000");
  });

  it("refuses what is not a phone number", () => {
    expect(normaliseIndonesianNumber("")).toBeNull();
    expect(normaliseIndonesianNumber("call me")).toBeNull();
    expect(normaliseIndonesianNumber("0812")).toBeNull();
    expect(normaliseIndonesianNumber("+62 812 3456 7890 1234")).toBeNull();
    expect(normaliseIndonesianNumber("+62+812345678")).toBeNull();
  });
});

describe("waMeUrl", () => {
  it("puts the digits in the path and the encoded message in text", () => {
    expect(waMeUrl({ number: "0812-0000-0101", text: "Halo Batik X, kode: BB-7K3QX9 & (tes)?" })).toBe(
      "https://wa.me/6281200000101?text=Halo%20Batik%20X%2C%20kode%3A%20BB-7K3QX9%20%26%20(tes)%3F",
    );
    expect(new URL(waMeUrl({ number: "+6281200000101", text: "Kain “Sekar” – https://x.test/products/a?b=1" })).searchParams.get("text")).toBe(
      "Kain “Sekar” – https://x.test/products/a?b=1",
    );
  });

  it("throws for a number it cannot use", () => {
    expect(() => waMeUrl({ number: "nope", text: "x" })).toThrow("Not a usable WhatsApp number");
  });
});

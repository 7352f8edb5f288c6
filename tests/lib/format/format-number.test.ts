import { describe, expect, it } from "vitest";
import { decimalsFor, formatCompact, formatCount, formatFixed, formatNumber } from "../../../src/lib/format/format-number.js";

describe("formatNumber", () => {
  it("keeps three significant digits and never rounds a small effect to zero", () => {
    expect([0.1234, 0.001234, 0.0001234, 0.00004, -0.00004].map((x) => formatNumber(x))).toEqual(["0.123", "0.00123", "0.000123", "4.00e-5", "-4.00e-5"]);
  });
  it("keeps every integer digit and groups thousands", () => {
    expect([5538.4, 14080, 1234567.8, 12.345, 999.96].map((x) => formatNumber(x))).toEqual(["5,538", "14,080", "1,234,568", "12.3", "1,000"]);
  });
  it("decides the decimals on the rounded value (9.996 is 10.0, not 10.00)", () => {
    expect(formatNumber(9.996)).toBe("10.0");
    expect(decimalsFor(9.996, 3)).toBe(1);
    expect(decimalsFor(0.0999, 2)).toBe(2);
  });
  it("signs positive numbers on request, never zero", () => {
    expect([formatNumber(0.5, { signed: true }), formatNumber(-0.5, { signed: true }), formatNumber(0, { signed: true })]).toEqual(["+0.500", "-0.500", "0"]);
    expect(formatNumber(3e-6, { signed: true, digits: 2 })).toBe("+3.0e-6");
  });
  it("prints missing and infinite values as words a reader understands", () => {
    expect([null, undefined, Number.NaN, Infinity, -Infinity].map((x) => formatNumber(x))).toEqual(["—", "—", "—", "∞", "-∞"]);
  });
  it("uses exponent form for huge numbers", () => {
    expect(formatNumber(2.5e16)).toBe("2.50e16");
  });
  it("rejects a digit count outside 1..15", () => {
    expect(() => formatNumber(1, { digits: 0 })).toThrowError(/digits: expected an integer in \[1, 15\], got 0/);
  });
});

describe("formatFixed", () => {
  it("prints exactly the decimals asked, without a negative zero", () => {
    expect([formatFixed(-0.00001, 3), formatFixed(1234.5, 1), formatFixed(0.25, 2, { signed: true })]).toEqual(["0.000", "1,234.5", "+0.25"]);
  });
  it("rejects impossible decimals", () => {
    expect(() => formatFixed(1, -1)).toThrowError(/decimals: expected an integer in \[0, 20\], got -1/);
  });
});

describe("formatCount and formatCompact", () => {
  it("groups counts and shortens large numbers with a prefix", () => {
    expect(formatCount(14080)).toBe("14,080");
    expect([950, 6800, 2_134_567, 999_999, 3.2e9].map((x) => formatCompact(x))).toEqual(["950", "6.80 k", "2.13 M", "1.00 M", "3.20 G"]);
  });
});

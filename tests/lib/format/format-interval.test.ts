import { describe, expect, it } from "vitest";
import { formatEstimate, formatInterval, formatPointEstimate, intervalDecimals, intervalOf } from "../../../src/lib/format/format-interval.js";

describe("formatEstimate", () => {
  it("prints the estimate and its CI at the precision of the interval's width", () => {
    expect(formatEstimate({ estimate: 0.012345, lower: 0.010123, upper: 0.014567, level: 0.95 }, { signed: true })).toBe("+0.0123 (95% CI +0.0101 to +0.0146)");
    expect(formatEstimate({ estimate: 5538.4, lower: 5012.2, upper: 6101.9, level: 0.9 }, { unit: "USD" })).toBe("5,538 USD (90% CI 5,012 to 6,102)");
  });
  it("keeps a small effect with a narrow CI visible instead of rounding it to 0", () => {
    expect(formatEstimate({ estimate: -0.00031, lower: -0.00052, upper: -0.00011 }, { signed: true })).toBe("-0.00031 (CI -0.00052 to -0.00011)");
  });
  it("switches to exponent form below a millionth", () => {
    expect(formatEstimate({ estimate: 4.2e-8, lower: 1.1e-8, upper: 7.3e-8, level: 0.95 })).toBe("4.2e-8 (95% CI 1.1e-8 to 7.3e-8)");
  });
  it("falls back to three significant digits when the interval has no width or is missing", () => {
    expect(intervalDecimals({ estimate: 0.5, lower: 0.5, upper: 0.5 })).toBe(3);
    expect(formatEstimate({ estimate: 0.5, lower: Number.NaN, upper: Number.NaN })).toBe("0.500");
    expect(formatEstimate({ estimate: Number.NaN, lower: 0, upper: 1 })).toBe("—");
  });
  it("prints the interval alone in brackets", () => {
    expect(formatInterval({ estimate: 0, lower: -0.0213, upper: 0.0456 })).toBe("[-0.021, 0.046]");
  });
});

describe("formatPointEstimate and intervalOf", () => {
  it("prints the estimate alone at its interval's precision, so a table's estimate and CI columns agree", () => {
    const e = { estimate: -0.0291, lower: -0.0382, upper: -0.0205 };
    expect(formatPointEstimate(e, { signed: true })).toBe("-0.0291");
    expect(formatEstimate(e)).toMatch(/^-0\.0291 \(/);
    expect(formatPointEstimate({ estimate: 0.1, lower: 0.09, upper: 0.11 }, { signed: true })).toBe("+0.100");
    // without an interval: 3 significant digits, never "0.000"
    expect(formatPointEstimate({ estimate: 0.000123, lower: Number.NaN, upper: Number.NaN })).toBe("0.000123");
  });
  it("turns absent parts (null: not estimated) into dashes rather than zeros", () => {
    expect(formatEstimate(intervalOf(null, null, null, 0.95))).toBe("—");
    expect(formatInterval(intervalOf(0.01, null, 0.02))).toBe("—");
    expect(formatEstimate(intervalOf(0.012, 0.002, 0.022, 0.9), { signed: true })).toBe("+0.012 (90% CI +0.002 to +0.022)");
  });
});

import { describe, expect, it } from "vitest";
import { formatBytes, formatCounted, formatDuration, formatMoney, formatPercent, formatRate } from "../../../src/lib/format/format-units.js";

describe("formatDuration", () => {
  it("picks the unit a reader expects at each scale", () => {
    expect([0, 0.0000042, 0.85, 1.234, 12.34, 59.96, 125, 3725].map(formatDuration)).toEqual(["0 s", "4.20 µs", "850 ms", "1.23 s", "12.3 s", "1 min 00 s", "2 min 05 s", "1 h 02 min"]);
  });
  it("rejects a negative duration", () => {
    expect(() => formatDuration(-1)).toThrowError(/expected seconds >= 0, got -1/);
  });
});

describe("formatBytes, formatPercent, formatRate, formatCounted, formatMoney", () => {
  it("formats each quantity with its unit", () => {
    expect([512, 1234, 1_234_567, 999_999, 4.5e9].map(formatBytes)).toEqual(["512 B", "1.23 kB", "1.23 MB", "1.00 MB", "4.50 GB"]);
    expect([0.1234, 0.00004, 1].map((x) => formatPercent(x))).toEqual(["12.3%", "0.00400%", "100%"]);
    expect(formatRate(6800, "rows")).toBe("6.80 k rows/s");
    expect([formatCounted(1, "row"), formatCounted(14080, "row"), formatCounted(2, "customer", "customers")]).toEqual(["1 row", "14,080 rows", "2 customers"]);
    expect([formatMoney(5538.4, "USD"), formatMoney(0.4234, null)]).toEqual(["5,538 USD", "0.423 (currency units)"]);
  });
});

import { describe, expect, it } from "vitest";
import { siteDifference } from "../../../src/lib/site-summary/site-cells.js";
import type { PairedDifference } from "../../../src/lib/records/metrics-record.js";

const diff = (lower: number, upper: number, pHolm?: number): PairedDifference => ({
  estimate: (lower + upper) / 2,
  lower,
  upper,
  level: 0.95,
  resamples: 1000,
  rows: 500,
  customers: 50,
  ...(pHolm === undefined ? {} : { pHolm }),
});
const big = () => false;

describe("siteDifference", () => {
  it("judges cells of older runs (no recorded verdict) by their rule: CI excludes 0 and Holm-adjusted p below 1 − level", () => {
    const cell = { rows: 500, customers: 50 };
    expect(siteDifference(cell, diff(0.004, 0.037, 0.25), true, big).verdict).toBe("inconclusive");
    expect(siteDifference(cell, diff(0.004, 0.037, 0.01), true, big).verdict).toBe("irm-better");
    expect(siteDifference(cell, diff(-0.015, -0.003, 0.061), false, big).verdict).toBe("inconclusive");
    expect(siteDifference(cell, diff(-0.015, -0.003, 0.02), false, big).verdict).toBe("irm-better");
    expect(siteDifference(cell, diff(-0.01, 0.02, 0.001), true, big).verdict).toBe("inconclusive");
  });

  it("judges an overall difference (no Holm p) by its CI alone", () => {
    expect(siteDifference({ rows: 9, customers: 90 }, diff(0.01, 0.02), false, big).verdict).toBe("crm-better");
  });

  it("publishes the run's four-way verdict, the Holm-consistent interval, the margin and the TOST p", () => {
    const d = { ...diff(-0.001, 0.002, 0.6), pValue: 0.3, adjusted: { lower: -0.003, upper: 0.004, level: 0.975 }, margin: 0.01, pTost: 0.001, verdict: "equivalent" as const };
    expect(siteDifference({ rows: 500, customers: 50 }, d, true, big)).toEqual({
      rows: 500, customers: 50, suppressed: false, estimate: 0.0005, lower: -0.001, upper: 0.002, verdict: "equivalent",
      adjusted: { lower: -0.003, upper: 0.004, level: 0.975 }, margin: 0.01, pTost: 0.001, pValue: 0.3, pHolm: 0.6,
    });
  });

  it("withholds small cells entirely", () => {
    expect(siteDifference({ rows: 9, customers: 3 }, diff(0.01, 0.02, 0.001), true, (n) => n < 10)).toEqual({
      rows: null, customers: null, suppressed: true, estimate: null, lower: null, upper: null, verdict: null,
    });
  });
});

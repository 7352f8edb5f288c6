import { describe, expect, it } from "vitest";
import { siteDifference } from "../../../src/lib/report/site-cells.js";
import type { PairedDifference } from "../../../src/lib/run/run-record.js";

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
  it("marks a cell a win only when the CI excludes 0 and the Holm-adjusted p is below 1 − level", () => {
    const cell = { rows: 500, customers: 50 };
    expect(siteDifference(cell, diff(0.004, 0.037, 0.25), true, big).winner).toBe("none");
    expect(siteDifference(cell, diff(0.004, 0.037, 0.01), true, big).winner).toBe("irm");
    expect(siteDifference(cell, diff(-0.015, -0.003, 0.061), false, big).winner).toBe("none");
    expect(siteDifference(cell, diff(-0.015, -0.003, 0.02), false, big).winner).toBe("irm");
    expect(siteDifference(cell, diff(-0.01, 0.02, 0.001), true, big).winner).toBe("none");
  });

  it("judges an overall difference (no Holm p) by its CI alone", () => {
    expect(siteDifference({ rows: 9, customers: 90 }, diff(0.01, 0.02), false, big).winner).toBe("crm");
  });

  it("withholds small cells entirely", () => {
    expect(siteDifference({ rows: 9, customers: 3 }, diff(0.01, 0.02, 0.001), true, (n) => n < 10)).toEqual({
      rows: null, customers: null, suppressed: true, estimate: null, lower: null, upper: null, winner: null,
    });
  });
});

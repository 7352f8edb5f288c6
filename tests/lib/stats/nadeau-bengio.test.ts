import { describe, expect, it } from "vitest";
import { nadeauBengio } from "../../../src/lib/stats/nadeau-bengio.js";
import { expectRelClose, statsFixture } from "./fixture.js";

const fx = statsFixture("nadeau-bengio.json");

describe("nadeauBengio", () => {
  for (const c of fx.cases) {
    it(`matches the published formula with scipy's t for J=${c.differences.length}, ${c.nTrain}/${c.nTest}`, () => {
      const r = nadeauBengio(c.differences, c.nTrain, c.nTest, c.level);
      for (const key of ["mean", "variance", "se", "t", "df", "pValue"] as const) expect(r[key]).toBeCloseTo(c[key], 12);
      for (const key of ["lower", "upper"] as const) expectRelClose(r[key], c[key], key);
      // the correction shrinks |t| compared with the naive paired t-test
      expect(Math.abs(r.t)).toBeLessThan(Math.abs(c.naiveT));
    });
  }
  it("rejects too few splits, NaN, bad sizes and zero variance", () => {
    expect(() => nadeauBengio([0.1], 90, 10)).toThrowError(/need at least 2 split differences, got 1/);
    expect(() => nadeauBengio([0.1, NaN], 90, 10)).toThrowError(/differences\[1\] must be a finite number, got NaN/);
    expect(() => nadeauBengio([0.1, 0.2], 0, 10)).toThrowError(/nTrain and nTest must be positive, got 0 and 10/);
    expect(() => nadeauBengio([0.1, 0.1, 0.1], 90, 10)).toThrowError(/all 3 differences equal 0.1; the variance is 0/);
  });
});

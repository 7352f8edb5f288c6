import { describe, expect, it } from "vitest";
import { quantileSorted } from "../../../src/lib/stats/quantile.js";

describe("quantileSorted", () => {
  it("interpolates linearly between order statistics (type 7, as R and NumPy)", () => {
    const x = [1, 2, 4, 8];
    // numpy.percentile([1,2,4,8], [0, 25, 50, 97.5, 100]) = 1, 1.75, 3, 7.7, 8
    expect([0, 0.25, 0.5, 0.975, 1].map((p) => quantileSorted(x, p))).toEqual([1, 1.75, 3, 7.699999999999999, 8]);
    expect(quantileSorted([5], 0.3)).toBe(5);
  });
  it("rejects empty input and p outside [0, 1]", () => {
    expect(() => quantileSorted([], 0.5)).toThrowError(/quantileSorted: no values/);
    expect(() => quantileSorted([1], 1.5)).toThrowError(/p must be in \[0, 1\], got 1.5/);
  });
});

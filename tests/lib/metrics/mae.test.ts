import { describe, expect, it } from "vitest";
import { mae } from "../../../src/lib/metrics/mae.js";

describe("mae", () => {
  it("is the mean absolute error, weights as frequencies", () => {
    expect(mae([1, 2, 3], [1, 4, 0])).toBeCloseTo(5 / 3, 15);
    expect(mae([1, 2, 3], [1, 4, 0], [1, 0, 2])).toBeCloseTo(2, 15);
    expect(mae([5], [3])).toBe(2);
  });
  it("rejects length mismatch, Infinity and empty input", () => {
    expect(() => mae([1, 2], [1, 2, 3])).toThrowError(/mae: y has 2 rows but yhat has 3/);
    expect(() => mae([1, 2], [1, Infinity])).toThrowError(/mae: yhat\[1\] must be a finite number, got Infinity/);
    expect(() => mae([], [])).toThrowError(/mae: input is empty/);
  });
});

import { describe, expect, it } from "vitest";
import { rmse } from "../../../src/lib/metrics/rmse.js";

describe("rmse", () => {
  it("is the root mean square error, weights as frequencies", () => {
    expect(rmse([1, 2, 3], [1, 4, 0])).toBeCloseTo(Math.sqrt((0 + 4 + 9) / 3), 15);
    expect(rmse([1, 2, 3], [1, 4, 0], [1, 0, 2])).toBeCloseTo(Math.sqrt(18 / 3), 15);
    expect(rmse([5], [3])).toBe(2);
  });
  it("rejects NaN, negative weights and empty input", () => {
    expect(() => rmse([1, NaN], [1, 2])).toThrowError(/rmse: y\[1\] must be a finite number, got NaN/);
    expect(() => rmse([1], [1], [-0.5])).toThrowError(/rmse: weights\[0\] must be a non-negative finite number, got -0.5/);
    expect(() => rmse([], [])).toThrowError(/rmse: input is empty/);
  });
});

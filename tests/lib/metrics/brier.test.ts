import { describe, expect, it } from "vitest";
import { brier } from "../../../src/lib/metrics/brier.js";

describe("brier", () => {
  it("is the mean squared error of the probability", () => {
    expect(brier([1, 0, 1], [0.5, 0.25, 1])).toBeCloseTo((0.25 + 0.0625 + 0) / 3, 15);
    expect(brier([1, 0], [0.5, 0.25], [3, 1])).toBeCloseTo((3 * 0.25 + 0.0625) / 4, 15);
  });
  it("rejects bad labels and weights", () => {
    expect(() => brier([2], [0.5])).toThrowError(/brier: labels\[0\] must be 0 or 1, got 2/);
    expect(() => brier([1], [0.5], [Infinity])).toThrowError(/brier: weights\[0\] must be a non-negative finite number, got Infinity/);
  });
});

import { describe, expect, it } from "vitest";
import { logLoss } from "../../../src/lib/metrics/log-loss.js";

describe("logLoss", () => {
  it("is the mean negative log-likelihood in nats", () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
  });
  it("clips 0 and 1 to 1e-15 like scikit-learn", () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10);
    expect(logLoss([0, 1], [0, 1])).toBeCloseTo(-Math.log(1 - 1e-15), 20);
  });
  it("uses weights as frequencies", () => {
    expect(logLoss([1, 0, 1], [0.8, 0.4, 0.3], [2, 1, 0])).toBeCloseTo(logLoss([1, 1, 0], [0.8, 0.8, 0.4]), 15);
  });
  it("rejects labels not 0/1, probabilities outside [0, 1], zero total weight", () => {
    expect(() => logLoss([1, 0.5], [0.5, 0.5])).toThrowError(/logLoss: labels\[1\] must be 0 or 1, got 0.5/);
    expect(() => logLoss([1, 0], [0.5, 1.2])).toThrowError(/logLoss: probs\[1\] must be a probability in \[0, 1\], got 1.2/);
    expect(() => logLoss([1, 0], [NaN, 0.2])).toThrowError(/logLoss: probs\[0\] must be a probability in \[0, 1\], got NaN/);
    expect(() => logLoss([1, 0], [0.5, 0.5], [0, 0])).toThrowError(/logLoss: weights sum to 0/);
    expect(() => logLoss([], [])).toThrowError(/logLoss: input is empty/);
  });
});

import { describe, expect, it } from "vitest";
import { hyp2f1, logAddExp, logBeta, logGamma } from "../../../src/lib/clv/special-functions.js";

import { REF as ref } from "./reference.js";

describe("special-functions", () => {
  it("logGamma matches SciPy gammaln to 1e-12 relative, negative non-integers included", () => {
    for (const [x, want] of ref.gammaln) expect(logGamma(x)).toBeCloseTo(want, 11);
  });

  it("logGamma is +Infinity at the poles and NaN for NaN", () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
    expect(logGamma(NaN)).toBeNaN();
  });

  it("logBeta(2, 3) is log(1/12)", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });

  it("logAddExp is exact for -Infinity and does not overflow", () => {
    expect(logAddExp(-Infinity, 2)).toBe(2);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
  });

  it("hyp2f1 matches SciPy hyp2f1, including z = 0.95, a terminating series and negative non-integer c", () => {
    for (const [a, b, c, z, want] of ref.hyp2f1) expect(hyp2f1(a, b, c, z) / want).toBeCloseTo(1, 11);
  });

  it("hyp2f1 rejects z outside [0, 1) and c at a pole (0, negative integers) with the value quoted", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrowError(/z must be in \[0, 1\), got "1"/);
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrowError(/c must be a finite number other than 0 and the negative integers, got "0"/);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrowError(/got "-2"/);
    expect(() => hyp2f1(1, 1, NaN, 0.5)).toThrowError(/got "NaN"/);
  });
});

/**
 * Special functions for the lifetime-value models: log-gamma, log-beta, log-sum-exp and the Gauss
 * hypergeometric function 2F1 on [0, 1). Log-gamma is the statistics module's one.
 */

import { logGamma } from "../stats/special-functions.js";

export { logGamma };

/**
 * Natural log of the beta function B(a, b) = Γ(a) Γ(b) / Γ(a + b).
 * @param a positive
 * @param b positive
 */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** log(exp(u) + exp(v)) without overflow or underflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

/** Largest number of series terms {@link hyp2f1} sums before giving up. */
export const HYP2F1_MAX_TERMS = 200_000;

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for 0 <= z < 1 and c not 0 or
 * a negative integer: the range the BG/NBD and Pareto/NBD formulas use (BG/NBD's c = a + b + x − 1 is
 * negative for a customer without repeat purchases when a + b < 1). The series converges like z^n, so arguments
 * close to 1 need many terms; beyond {@link HYP2F1_MAX_TERMS} it returns NaN (see {@link hyp2f1}).
 * @param maxTerms give up (NaN) after this many terms. Default HYP2F1_MAX_TERMS.
 * @returns the value, or NaN when the series did not converge in maxTerms terms
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number, maxTerms = HYP2F1_MAX_TERMS): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum)) return sum;
    if (!Number.isFinite(sum)) return NaN;
  }
  return NaN;
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z), checked version of {@link hyp2f1Series}.
 * @param a first numerator parameter
 * @param b second numerator parameter
 * @param c denominator parameter, neither 0 nor a negative integer (where 2F1 has its poles)
 * @param z argument in [0, 1)
 * @throws RangeError when c is 0, a negative integer or not finite, z is outside [0, 1), or the series does not converge
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!Number.isFinite(c) || (c <= 0 && Number.isInteger(c))) throw new RangeError(`hyp2f1: c must be a finite number other than 0 and the negative integers, got "${c}"`);
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got "${z}"`);
  const value = hyp2f1Series(a, b, c, z);
  if (Number.isNaN(value)) {
    throw new RangeError(`hyp2f1: series for a=${a}, b=${b}, c=${c}, z=${z} did not converge in ${HYP2F1_MAX_TERMS} terms`);
  }
  return value;
}

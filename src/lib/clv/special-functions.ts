/**
 * Special functions for the lifetime-value models: log-gamma, log-beta, log-sum-exp and the Gauss
 * hypergeometric function 2F1 on [0, 1). Kept local to src/lib/clv so that the CLV models do not
 * depend on the general statistics module.
 */

// Lanczos approximation, g = 7, 9 coefficients (relative error about 1e-15 for x > 0).
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Natural log of |Γ(x)|.
 * @param x any finite number that is not zero or a negative integer
 * @returns log |Γ(x)|; Infinity at the poles (0, -1, -2, ...); NaN for NaN
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    const s = Math.sin(Math.PI * x);
    // reflection: Γ(x) Γ(1 - x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

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
 * Gauss hypergeometric function 2F1(a, b; c; z) by its power series, for 0 <= z < 1 and c > 0:
 * the range the BG/NBD and Pareto/NBD formulas use. The series converges like z^n, so arguments
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
 * @param c denominator parameter, > 0
 * @param z argument in [0, 1)
 * @throws RangeError when c <= 0, z is outside [0, 1), or the series does not converge
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(c > 0)) throw new RangeError(`hyp2f1: c must be > 0, got "${c}"`);
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z must be in [0, 1), got "${z}"`);
  const value = hyp2f1Series(a, b, c, z);
  if (Number.isNaN(value)) {
    throw new RangeError(`hyp2f1: series for a=${a}, b=${b}, c=${c}, z=${z} did not converge in ${HYP2F1_MAX_TERMS} terms`);
  }
  return value;
}

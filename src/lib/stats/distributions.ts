import { lnGamma, regularizedBeta, regularizedGamma } from "./special-functions.js";

/**
 * Distribution functions used by the tests in src/lib/stats: cdf (lower tail), sf (upper tail,
 * computed directly, not as 1 − cdf) and quantiles. Checked against SciPy to 1e-8 relative
 * (tests/fixtures/stats/distributions.json).
 */

function checkPositive(fn: string, name: string, v: number): void {
  if (!(v > 0 && v < Infinity)) throw new RangeError(`${fn}: ${name} must be a positive finite number, got ${v}`);
}

function checkProb(fn: string, p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${fn}: p must be in (0, 1), got ${p}`);
}

/** Standard normal lower tail Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError("normalCdf: x is NaN");
  const q = 0.5 * regularizedGamma(0.5, (x * x) / 2).upper;
  return x < 0 ? q : 1 - q;
}

/** Standard normal upper tail 1 − Φ(x), accurate far into the tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

/**
 * Standard normal quantile Φ⁻¹(p) (Wichura 1988, AS 241 PPND16, about 1e-16 relative).
 * @throws RangeError when p is not in (0, 1)
 */
export function normalQuantile(p: number): number {
  checkProb("normalQuantile", p);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(r, [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727])) /
      poly(r, [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561]);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(r, [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4]) /
      poly(r, [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9]);
  } else {
    r -= 5;
    x = poly(r, [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7]) /
      poly(r, [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15]);
  }
  return q < 0 ? -x : x;
}

function poly(x: number, c: readonly number[]): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i]!;
  return s;
}

/** Student t lower tail P(T ≤ t) with df degrees of freedom (df > 0, not necessarily integer). */
export function studentTCdf(t: number, df: number): number {
  checkPositive("studentTCdf", "df", df);
  if (Number.isNaN(t)) throw new RangeError("studentTCdf: t is NaN");
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5).lower;
  return t > 0 ? 1 - tail : tail;
}

/** Student t upper tail P(T > t). */
export function studentTSf(t: number, df: number): number {
  return studentTCdf(-t, df);
}

/** Student t density. */
export function studentTPdf(t: number, df: number): number {
  checkPositive("studentTPdf", "df", df);
  const logC = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Student t quantile: the t with P(T ≤ t) = p (safeguarded Newton iteration on the cdf).
 * @throws RangeError when p is not in (0, 1) or df is not positive
 */
export function studentTQuantile(p: number, df: number): number {
  checkProb("studentTQuantile", p);
  checkPositive("studentTQuantile", "df", df);
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  // solve cdf(t) = p for t < 0; bracket first
  let hi = 0;
  let lo = Math.min(-1, normalQuantile(p));
  while (studentTCdf(lo, df) > p) {
    hi = lo;
    lo *= 2;
  }
  let x = Math.max(lo, Math.min(hi, normalQuantile(p)));
  for (let i = 0; i < 300; i++) {
    const f = studentTCdf(x, df) - p;
    if (f === 0) return x;
    if (f > 0) hi = x;
    else lo = x;
    let next = x - f / studentTPdf(x, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** Chi-square lower tail P(X ≤ x) with df degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  checkPositive("chiSquareCdf", "df", df);
  return x <= 0 ? 0 : regularizedGamma(df / 2, x / 2).lower;
}

/** Chi-square upper tail P(X > x), the p-value of a chi-square statistic. */
export function chiSquareSf(x: number, df: number): number {
  checkPositive("chiSquareSf", "df", df);
  return x <= 0 ? 1 : regularizedGamma(df / 2, x / 2).upper;
}

/** F(d1, d2) lower tail P(X ≤ x). */
export function fCdf(x: number, d1: number, d2: number): number {
  checkPositive("fCdf", "d1", d1);
  checkPositive("fCdf", "d2", d2);
  return x <= 0 ? 0 : regularizedBeta((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2).lower;
}

/** F(d1, d2) upper tail P(X > x), the p-value of an F statistic. */
export function fSf(x: number, d1: number, d2: number): number {
  checkPositive("fSf", "d1", d1);
  checkPositive("fSf", "d2", d2);
  return x <= 0 ? 1 : regularizedBeta((d1 * x) / (d1 * x + d2), d1 / 2, d2 / 2).upper;
}

/**
 * Binomial lower tail P(X ≤ k), X ~ Binomial(n, p).
 * @param k any number; floored
 * @param n non-negative integer number of trials
 * @param p success probability in [0, 1]
 * @throws RangeError on invalid n or p
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`binomialCdf: n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialCdf: p must be in [0, 1], got ${p}`);
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  return regularizedBeta(1 - p, n - kk, kk + 1).lower;
}

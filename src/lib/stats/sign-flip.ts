import { createRng } from "../random/rng.js";
import type { ResamplingDistribution } from "./resampling.js";

/**
 * A customer sign-flip permutation test of a paired mean difference, and the confidence interval
 * that inverts it: the inference of cells with few customers, where a bootstrap's resamples are
 * too few distinct worlds and its normal-ish shortcuts fail.
 *
 *   per customer c: d_c = Σ (a − b) over its units, n_c = units   → statistic D / N = Σ d_c / Σ n_c
 *   flips s ∈ {±1}^C: all 2^C (C ≤ exactUpTo) or the identity + `resamples` random ones
 *   test of "difference = δ": flip s counts when |A_s − δ B_s| ≥ |D − δ N|
 *                             (A_s = Σ s_c d_c, B_s = Σ s_c n_c: the flipped, δ-centred total)
 *     ⇔ δ lies between (D − A_s)/(N − B_s) and (D + A_s)/(N + B_s)   (product of two linear factors)
 *   so each flip covers one closed interval [L_s, U_s], every one of which contains the estimate D/N:
 *   p(δ) = #{s: L_s ≤ δ ≤ U_s} / F falls monotonically on either side of the estimate, and
 *     interval(α) = {δ : p(δ) ≥ α} = [k-th smallest L, k-th largest U], k = ⌈α F⌉
 *     pValue      = p(0)                      → interval(α) excludes 0 ⇔ pValue < α, exactly
 *     tostPValue  = max(#{L ≤ −m}, #{U ≥ m}) / 2F → interval(2α) lies inside (−m, m) ⇔ tostPValue < α
 *                   (above ½, once every flip reaches a margin: 1 − #{flips clear of it} / 2F, up to 1)
 * (the flips that cover every δ, the identity and, exact, its mirror, make p ≥ 1/F and may leave
 * interval(α) unbounded for α ≤ their share; such a bound is reported as the most extreme
 * per-customer mean difference, or 0 if that is on the wrong side, so the rule above still holds.)
 * Under the null, each customer's centred differences are symmetric about 0 (exchangeable models).
 */
export interface SignFlipInput {
  /** Per customer: the sum of the paired differences a − b over its units (rows or queries). */
  readonly sums: Float64Array;
  /** Per customer: its number of units (> 0). */
  readonly counts: Float64Array;
  /** Enumerate all 2^C flips up to this many customers (≤ 24). Default 20. */
  readonly exactUpTo?: number;
  /** Random flips beyond the identity when C > exactUpTo. */
  readonly resamples: number;
  /** Seed of the random flips. */
  readonly seed: number;
  /**
   * Factor from the mean difference to the reported one (RMSE: 1 / (RMSE_a + RMSE_b) turns a mean
   * squared-error difference into the RMSE difference). Default 1.
   */
  readonly scale?: number;
}

/** Largest exactUpTo accepted: 2^24 flips is 16.8 million intervals (256 MB of bounds). */
export const MAX_EXACT_SIGN_FLIP = 24;

/** The sign-flip distribution of a paired mean difference (see module comment). */
export class SignFlipDistribution implements ResamplingDistribution {
  readonly method = "sign-flip" as const;
  readonly fallback = null;
  /**
   * @param lowerEnds L_s, ascending (−Infinity for flips that cover every δ)
   * @param upperEnds U_s, ascending (+Infinity likewise)
   * @param estimate the difference on all units (scaled)
   * @param exact whether all 2^C flips were enumerated
   * @param range [smallest, largest] per-customer mean difference (scaled): bounds of unbounded intervals
   */
  constructor(
    readonly lowerEnds: Float64Array,
    readonly upperEnds: Float64Array,
    readonly estimate: number,
    readonly exact: boolean,
    readonly range: readonly [number, number],
  ) {}

  get test(): "sign-flip exact" | "sign-flip Monte Carlo" {
    return this.exact ? "sign-flip exact" : "sign-flip Monte Carlo";
  }

  /** Flips the p-values are shares of (all 2^C, or the identity and the random ones). */
  get resamples(): number {
    return this.lowerEnds.length;
  }

  interval(alpha: number): [number, number] {
    const f = this.lowerEnds.length;
    // k = the fewest flips with k / f ≥ α, computed with the same division as pValue's share so
    // that "excludes 0 ⇔ pValue < α" holds in floating point too
    let k = Math.min(f, Math.max(1, Math.ceil(alpha * f)));
    while (k > 1 && (k - 1) / f >= alpha) k--;
    while (k < f && k / f < alpha) k++;
    const lower = this.lowerEnds[k - 1]!, upper = this.upperEnds[f - k]!;
    return [lower === -Infinity ? Math.min(0, this.range[0]) : lower, upper === Infinity ? Math.max(0, this.range[1]) : upper];
  }

  pValue(): number {
    let covered = 0;
    const f = this.lowerEnds.length;
    // p(0): flips whose interval holds 0; every interval holds the estimate, so on the estimate's
    // side only the other end matters
    if (this.estimate >= 0) for (let s = 0; s < f && this.lowerEnds[s]! <= 0; s++) covered++;
    else for (let s = f - 1; s >= 0 && this.upperEnds[s]! >= 0; s--) covered++;
    return covered / f;
  }

  tostPValue(margin: number): number {
    if (!(margin > 0)) return 1;
    const f = this.lowerEnds.length;
    const below = countLowerAtMost(this.lowerEnds, -margin), above = countUpperAtLeast(this.upperEnds, margin);
    // one-sided p of "difference ≤ −margin": below / 2F while some flip's interval stays above −margin;
    // once every flip reaches −margin the (1 − a) lower bound for a > ½ is the mirror upper end, so
    // p = 1 − #{U > −margin} / 2F (continuous at ½, → 1 when the whole distribution is beyond −margin)
    const pLower = below < f ? below / (2 * f) : 1 - countUpperAtLeast(this.upperEnds, -margin, false) / (2 * f);
    const pUpper = above < f ? above / (2 * f) : 1 - countLowerAtMost(this.lowerEnds, margin, false) / (2 * f);
    return Math.min(1, Math.max(pLower, pUpper));
  }
}

/** Flips whose lower end is ≤ x (or < x when `inclusive` is false); `ends` ascending. */
function countLowerAtMost(ends: Float64Array, x: number, inclusive = true): number {
  let n = 0;
  while (n < ends.length && (inclusive ? ends[n]! <= x : ends[n]! < x)) n++;
  return n;
}

/** Flips whose upper end is ≥ x (or > x when `inclusive` is false); `ends` ascending. */
function countUpperAtLeast(ends: Float64Array, x: number, inclusive = true): number {
  let n = 0;
  while (n < ends.length && (inclusive ? ends[ends.length - 1 - n]! >= x : ends[ends.length - 1 - n]! > x)) n++;
  return n;
}

/**
 * The sign-flip distribution of Σ d_c / Σ n_c over customers.
 * @throws RangeError on empty or mismatched input, a non-finite sum, a count ≤ 0, exactUpTo outside
 *   [0, 24] or resamples not a positive integer (the index or option is named)
 */
export function signFlip(input: SignFlipInput): SignFlipDistribution {
  const { sums, counts, seed } = input;
  const exactUpTo = input.exactUpTo ?? 20;
  const scale = input.scale ?? 1;
  const c = sums.length;
  const fn = "signFlip";
  if (c === 0) throw new RangeError(`${fn}: no customers`);
  if (counts.length !== c) throw new RangeError(`${fn}: ${c} sums but ${counts.length} counts`);
  if (!(Number.isInteger(exactUpTo) && exactUpTo >= 0 && exactUpTo <= MAX_EXACT_SIGN_FLIP)) throw new RangeError(`${fn}: exactUpTo must be an integer in [0, ${MAX_EXACT_SIGN_FLIP}], got ${exactUpTo}`);
  if (!(Number.isInteger(input.resamples) && input.resamples >= 1)) throw new RangeError(`${fn}: resamples must be a positive integer, got ${input.resamples}`);
  if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`${fn}: scale must be a positive number, got ${scale}`);
  let d = 0, n = 0, lo = Infinity, hi = -Infinity;
  for (let k = 0; k < c; k++) {
    if (!Number.isFinite(sums[k]!)) throw new RangeError(`${fn}: customer ${k}: sum of differences must be finite, got "${sums[k]}"`);
    if (!(counts[k]! > 0)) throw new RangeError(`${fn}: customer ${k}: count must be > 0, got "${counts[k]}"`);
    d += sums[k]!;
    n += counts[k]!;
    lo = Math.min(lo, sums[k]! / counts[k]!);
    hi = Math.max(hi, sums[k]! / counts[k]!);
  }
  const exact = c <= exactUpTo;
  const f = exact ? 2 ** c : input.resamples + 1;
  const a = new Float64Array(f), b = new Float64Array(f);
  if (exact) {
    // flip set k = customers whose bit is set; built from k without its lowest bit (≤ C additions deep)
    a[0] = d;
    b[0] = n;
    for (let k = 1; k < f; k++) {
      const low = k & -k;
      const j = 31 - Math.clz32(low);
      a[k] = a[k ^ low]! - 2 * sums[j]!;
      b[k] = b[k ^ low]! - 2 * counts[j]!;
    }
  } else {
    const rng = createRng(seed);
    a[0] = d;
    b[0] = n;
    for (let s = 1; s < f; s++) {
      let as = 0, bs = 0;
      for (let k = 0; k < c; k++) {
        if (rng.next() < 0.5) {
          as -= sums[k]!;
          bs -= counts[k]!;
        } else {
          as += sums[k]!;
          bs += counts[k]!;
        }
      }
      a[s] = as;
      b[s] = bs;
    }
  }
  // |B_s| = N: the identity or its mirror (a unit count is never 0), covering every δ; compared
  // with a tolerance because B_s is a sum of counts built by additions
  const tol = 1e-9 * n;
  const lowerEnds = new Float64Array(f), upperEnds = new Float64Array(f);
  for (let s = 0; s < f; s++) {
    if (Math.abs(Math.abs(b[s]!) - n) <= tol) {
      lowerEnds[s] = -Infinity;
      upperEnds[s] = Infinity;
      continue;
    }
    const r1 = (d - a[s]!) / (n - b[s]!), r2 = (d + a[s]!) / (n + b[s]!);
    lowerEnds[s] = scale * Math.min(r1, r2);
    upperEnds[s] = scale * Math.max(r1, r2);
  }
  const estimate = scale * (d / n);
  // every interval holds the estimate in exact arithmetic; rounding must not push it out
  for (let s = 0; s < f; s++) {
    if (lowerEnds[s]! > estimate) lowerEnds[s] = estimate;
    if (upperEnds[s]! < estimate) upperEnds[s] = estimate;
  }
  return new SignFlipDistribution(lowerEnds.sort(), upperEnds.sort(), estimate, exact, [scale * lo, scale * hi]);
}

import { normalCdf, normalQuantile } from "./distributions.js";
import { quantileSorted } from "./quantile.js";
import type { ResamplingDistribution } from "./resampling.js";

/**
 * Everything a comparison claims, read off ONE bootstrap distribution, so that the interval, the
 * p-value and the equivalence test can never disagree.
 *
 *   sorted resampled differences (+ jackknife for BCa)
 *     → quantile(a): the interval's lower-tail quantile function (percentile, or BCa-adjusted)
 *     → interval(α)   = [quantile(α/2), quantile(1 − α/2)]
 *     → pValue        = the smallest α at which interval(α) excludes 0 (bootstrap inversion)
 *     → tostPValue(δ) = the smallest α at which [quantile(α), quantile(1 − α)] lies inside (−δ, δ)
 *                       (two one-sided tests, each a one-sided bootstrap interval)
 *
 * So "interval(α) excludes 0" ⇔ pValue < α and "equivalent at α" ⇔ tostPValue < α, by
 * construction, for every α, including the Holm-adjusted levels of context and segment cells.
 * A p-value of 0 means every resample lay on one side (p < 1/resamples).
 */
export class BootstrapDistribution implements ResamplingDistribution {
  readonly test = "bootstrap" as const;

  /**
   * @param sorted resampled differences, ascending, at least one
   * @param estimate the difference on all rows
   * @param method the interval actually used: "bca" only when asked for and possible
   * @param fallback why BCa fell back to percentile; null when it did not (or percentile was asked for)
   * @param bca BCa's bias correction z0 and acceleration; null for percentile
   */
  constructor(
    readonly sorted: Float64Array,
    readonly estimate: number,
    readonly method: "percentile" | "bca",
    readonly fallback: string | null,
    readonly bca: { readonly z0: number; readonly acc: number } | null,
  ) {}

  /** Resamples the distribution rests on. */
  get resamples(): number {
    return this.sorted.length;
  }

  interval(alpha: number): [number, number] {
    return intervalAt(this, alpha);
  }

  pValue(): number {
    return bootstrapPValue(this);
  }

  tostPValue(margin: number): number {
    return tostPValue(this, margin);
  }

  /** Lower-tail quantile of the interval at level a ∈ [0, 1] (non-decreasing in a). */
  quantile(a: number): number {
    return quantileSorted(this.sorted, this.bca ? bcaLevel(a, this.bca.z0, this.bca.acc) : a);
  }
}

/**
 * The distribution of resampled differences, with the interval method applied.
 * @param sorted resampled differences, ascending, at least one
 * @param estimate the difference on all rows
 * @param method "percentile" or "bca"
 * @param jackknife leave-one-customer-out differences (BCa's acceleration); called only for BCa
 */
export function bootstrapDistribution(sorted: Float64Array, estimate: number, method: "percentile" | "bca", jackknife: () => Float64Array): BootstrapDistribution {
  if (method === "percentile") return new BootstrapDistribution(sorted, estimate, "percentile", null, null);
  const bca = bcaParameters(sorted, estimate, jackknife);
  if (typeof bca === "string") return new BootstrapDistribution(sorted, estimate, "percentile", bca, null);
  return new BootstrapDistribution(sorted, estimate, "bca", null, bca);
}

/** The two-sided interval at significance α (level 1 − α). */
export function intervalAt(d: BootstrapDistribution, alpha: number): [number, number] {
  return [d.quantile(alpha / 2), d.quantile(1 - alpha / 2)];
}

/** Two-sided p-value of "no difference": the smallest α at which {@link intervalAt} excludes 0. */
export function bootstrapPValue(d: BootstrapDistribution): number {
  return Math.min(1, 2 * Math.min(firstAbove(d, 0), firstBelow(d, 0)));
}

/**
 * TOST p-value of "the difference lies outside ±margin": the larger of the two one-sided p-values,
 * each the smallest α at which the one-sided (1 − α) bound clears the margin. 1 when margin ≤ 0.
 * @param margin equivalence margin, metric units (> 0)
 */
export function tostPValue(d: BootstrapDistribution, margin: number): number {
  if (!(margin > 0)) return 1;
  return Math.max(firstAbove(d, -margin), firstBelow(d, margin));
}

/** inf { a ∈ [0, 1] : quantile(a) > x } by bisection on the same quantile function the interval uses. */
function firstAbove(d: BootstrapDistribution, x: number): number {
  if (d.quantile(0) > x) return 0;
  if (!(d.quantile(1) > x)) return 1;
  let lo = 0, hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (d.quantile(mid) > x) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** inf { a ∈ [0, 1] : quantile(1 − a) < x }. */
function firstBelow(d: BootstrapDistribution, x: number): number {
  if (d.quantile(1) < x) return 0;
  if (!(d.quantile(0) < x)) return 1;
  let lo = 0, hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (d.quantile(1 - mid) < x) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * BCa's bias correction and acceleration (Efron & Tibshirani 1993, §14.3): z0 from the share of
 * resamples below the estimate, acceleration from the skewness of the jackknife values
 * (customers whose removal leaves the metric undefined are left out).
 * @returns the parameters, or the reason BCa cannot be used (then the caller falls back to percentile)
 */
function bcaParameters(sorted: Float64Array, estimate: number, jackknife: () => Float64Array): { z0: number; acc: number } | string {
  let below = 0, equal = 0;
  for (const v of sorted) {
    if (v < estimate) below++;
    else if (v === estimate) equal++;
  }
  const share = (below + 0.5 * equal) / sorted.length;
  if (share <= 0 || share >= 1) return `BCa fell back to percentile: every resample lies on one side of the estimate, so the bias correction is infinite`;
  const z0 = normalQuantile(share);
  let mean = 0, m = 0;
  const jack = jackknife();
  for (const v of jack) if (Number.isFinite(v)) { mean += v; m++; }
  if (m < 2) return `BCa fell back to percentile: fewer than 2 leave-one-customer-out estimates, so no acceleration`;
  mean /= m;
  let s2 = 0, s3 = 0;
  for (const v of jack) {
    if (!Number.isFinite(v)) continue;
    const dv = mean - v;
    s2 += dv * dv;
    s3 += dv * dv * dv;
  }
  return { z0, acc: s2 > 0 ? s3 / (6 * Math.pow(s2, 1.5)) : 0 };
}

/** BCa's adjusted quantile level of nominal level a. */
function bcaLevel(a: number, z0: number, acc: number): number {
  if (a <= 0) return 0;
  if (a >= 1) return 1;
  const w = z0 + normalQuantile(a);
  const denom = 1 - acc * w;
  // beyond the pole of Efron's formula the map would wrap around: clamp, so it stays non-decreasing
  if (denom <= 0) return acc > 0 ? 1 : 0;
  return normalCdf(z0 + w / denom);
}

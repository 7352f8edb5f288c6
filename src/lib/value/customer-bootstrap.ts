/**
 * Percentile bootstrap over customers for any statistics that can be computed from per-customer
 * weights: a resample draws C customers with replacement and passes how often each was drawn, so
 * no row is copied and one pass computes every statistic of the resample.
 */
import { createRng, resampleCounts } from "../random/rng.js";
import { quantileSorted } from "../stats/quantile.js";

/** Options of {@link bootstrapCustomers}. */
export interface CustomerBootstrapOptions {
  /** Seed of the resampling. Required. */
  readonly seed: number;
  /** Resamples. Default 1000. */
  readonly resamples?: number;
  /** Confidence level in (0, 1). Default 0.95. */
  readonly level?: number;
}

/** An estimate with its percentile interval; null where the statistic is undefined (no data). */
export interface Estimate {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Bootstraps k statistics of n customers.
 * @param n number of customers (>= 0)
 * @param statistics (weights: Float64Array of length n) → k values; NaN where undefined on a resample
 * @returns one Estimate per statistic: the value at weight 1 for everyone and the percentile interval
 *   of the resamples where it was defined
 * @throws RangeError on invalid resamples or level
 */
export function bootstrapCustomers(n: number, statistics: (weights: Float64Array) => ArrayLike<number>, options: CustomerBootstrapOptions): Estimate[] {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrapCustomers: level must be in (0, 1), got "${level}"`);
  const { full, draws } = bootstrapDraws(n, statistics, options);
  const alpha = (1 - level) / 2;
  return full.map((estimate, s) => {
    const sorted = draws[s]!;
    const defined = Number.isFinite(estimate);
    return {
      estimate: defined ? estimate : null,
      lower: defined && sorted.length > 0 ? quantileSorted(sorted, alpha) : null,
      upper: defined && sorted.length > 0 ? quantileSorted(sorted, 1 - alpha) : null,
    };
  });
}

/**
 * The resampling behind {@link bootstrapCustomers}: the statistics at weight 1 and, per statistic,
 * its sorted values over the resamples where it was defined.
 * @throws RangeError on invalid resamples
 */
export function bootstrapDraws(n: number, statistics: (weights: Float64Array) => ArrayLike<number>, options: CustomerBootstrapOptions): { full: number[]; draws: Float64Array[] } {
  const resamples = options.resamples ?? 1000;
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`bootstrapCustomers: resamples must be a positive integer, got "${resamples}"`);
  const weights = new Float64Array(n).fill(1);
  const full = Array.from(statistics(weights));
  const draws = full.map(() => new Float64Array(resamples));
  const used = new Int32Array(full.length);
  const rng = createRng(options.seed);
  for (let r = 0; r < resamples && n > 0; r++) {
    resampleCounts(rng, weights);
    const values = statistics(weights);
    for (let s = 0; s < full.length; s++) {
      const v = values[s]!;
      if (Number.isFinite(v)) draws[s]![used[s]!++] = v;
    }
  }
  return { full, draws: draws.map((d, s) => d.subarray(0, used[s]!).sort()) };
}

/** Weighted mean Σ w·x / Σ w; NaN when Σ w = 0. */
export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let s = 0, sw = 0;
  for (let i = 0; i < x.length; i++) {
    s += w[i]! * x[i]!;
    sw += w[i]!;
  }
  return sw > 0 ? s / sw : NaN;
}

/** Weighted Pearson correlation of a and b; NaN when either has zero weighted variance. */
export function weightedPearson(a: ArrayLike<number>, b: ArrayLike<number>, w: ArrayLike<number>): number {
  const ma = weightedMean(a, w), mb = weightedMean(b, w);
  let cov = 0, va = 0, vb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    cov += w[i]! * da * db;
    va += w[i]! * da * da;
    vb += w[i]! * db * db;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
}

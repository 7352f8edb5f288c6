import { createRng, resampleCounts } from "../random/rng.js";
import type { PairedDifference } from "../run/run-record.js";
import { bootstrapPValue } from "../stats/paired-bootstrap.js";
import { quantileSorted } from "../stats/quantile.js";

/**
 * Paired difference of means, mean(a) − mean(b), with a customer (cluster) bootstrap: the
 * statistic for per-query ranking values (hit, NDCG, reciprocal rank) of two models on the same
 * queries, where a customer's queries are correlated.
 *
 *   per customer: Σ(a − b) and the query count → R times: draw customers with replacement
 *     → Σ w·Σ(a − b) / Σ w·n → percentile interval and bootstrap p-value
 */
export interface PairedMeanInput {
  /** Customer code per unit (query), any non-negative integers. */
  readonly cluster: Int32Array;
  /** Value of model a per unit. */
  readonly a: Float64Array;
  /** Value of model b per unit, same units. */
  readonly b: Float64Array;
  /** Resamples. Default 1000. */
  readonly resamples?: number;
  /** Confidence level in (0, 1). Default 0.95. */
  readonly level?: number;
  /** Seed of the resampling. */
  readonly seed: number;
}

/**
 * Customer bootstrap of mean(a) − mean(b).
 * @throws RangeError on empty input, length mismatch, a non-finite value or negative cluster code
 *   (index named), resamples not a positive integer, or level outside (0, 1)
 */
export function pairedMeanBootstrap(input: PairedMeanInput): PairedDifference {
  const { cluster, a, b, seed } = input;
  const resamples = input.resamples ?? 1000;
  const level = input.level ?? 0.95;
  const fn = "pairedMeanBootstrap";
  const n = a.length;
  if (n === 0) throw new RangeError(`${fn}: input is empty (0 units)`);
  if (b.length !== n || cluster.length !== n) throw new RangeError(`${fn}: a has ${n} units but b has ${b.length} and cluster ${cluster.length}`);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`${fn}: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`${fn}: level must be in (0, 1), got ${level}`);
  let max = -1;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]!) || !Number.isFinite(b[i]!)) throw new RangeError(`${fn}: unit ${i}: values must be finite, got "${a[i]}" and "${b[i]}"`);
    if (!(cluster[i]! >= 0)) throw new RangeError(`${fn}: cluster[${i}] must be a non-negative customer code, got "${cluster[i]}"`);
    max = Math.max(max, cluster[i]!);
  }
  const map = new Int32Array(max + 1).fill(-1);
  const sums: number[] = [];
  const counts: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = cluster[i]!;
    if (map[c] === -1) {
      map[c] = sums.length;
      sums.push(0);
      counts.push(0);
    }
    const d = a[i]! - b[i]!;
    sums[map[c]!]! += d;
    counts[map[c]!]! += 1;
    total += d;
  }
  const customers = sums.length;
  const rng = createRng(seed);
  const w = new Float64Array(customers);
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    resampleCounts(rng, w);
    let s = 0, m = 0;
    for (let c = 0; c < customers; c++) {
      const wc = w[c]!;
      if (wc === 0) continue;
      s += wc * sums[c]!;
      m += wc * counts[c]!;
    }
    diffs[r] = s / m;
  }
  const sorted = diffs.sort();
  const estimate = total / n;
  const alpha = (1 - level) / 2;
  return {
    estimate,
    lower: quantileSorted(sorted, alpha),
    upper: quantileSorted(sorted, 1 - alpha),
    level,
    resamples,
    rows: n,
    customers,
    pValue: bootstrapPValue(sorted, estimate),
    test: "bootstrap",
  };
}

import { createRng, resampleCounts } from "../random/rng.js";
import { bootstrapDistribution, type BootstrapDistribution } from "../stats/bootstrap-inference.js";
import { compactCodes } from "../stats/paired-bootstrap.js";
import { ratioOfSums } from "../stats/ratio-of-sums.js";

/**
 * Paired difference of means, mean(a) − mean(b), with a customer (cluster) bootstrap: the
 * statistic for per-query ranking values (hit, NDCG, reciprocal rank) of two models on the same
 * queries, where a customer's queries are correlated.
 *
 *   per customer: Σ(a − b) and the query count → R times: draw customers with replacement
 *     → Σ w·Σ(a − b) / Σ w·n → the distribution of resampled differences (percentile interval;
 *       inferredDifference reads the CI, p-value and TOST p off it)
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
  /** Seed of the resampling. */
  readonly seed: number;
  /** Interval method: "percentile" or "bca" (acceleration from a leave-one-customer-out jackknife). Default "percentile". */
  readonly method?: "percentile" | "bca";
}

/** The estimate, counts and resampled differences of {@link pairedMeanBootstrap}. */
export interface PairedMeanResult {
  readonly estimate: number;
  readonly rows: number;
  readonly customers: number;
  readonly distribution: BootstrapDistribution;
}

/**
 * Customer bootstrap of mean(a) − mean(b).
 * @throws RangeError on empty input, length mismatch, a non-finite value or negative cluster code
 *   (index named), or resamples not a positive integer
 */
export function pairedMeanBootstrap(input: PairedMeanInput): PairedMeanResult {
  const { cluster, a, b, seed } = input;
  const resamples = input.resamples ?? 1000;
  const fn = "pairedMeanBootstrap";
  const n = a.length;
  if (n === 0) throw new RangeError(`${fn}: input is empty (0 units)`);
  if (b.length !== n || cluster.length !== n) throw new RangeError(`${fn}: a has ${n} units but b has ${b.length} and cluster ${cluster.length}`);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`${fn}: resamples must be a positive integer, got ${resamples}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]!) || !Number.isFinite(b[i]!)) throw new RangeError(`${fn}: unit ${i}: values must be finite, got "${a[i]}" and "${b[i]}"`);
    if (!(cluster[i]! >= 0)) throw new RangeError(`${fn}: cluster[${i}] must be a non-negative customer code, got "${cluster[i]}"`);
  }
  const { codes, customers } = compactCodes(cluster);
  const sums = new Float64Array(customers), counts = new Float64Array(customers);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!, d = a[i]! - b[i]!;
    sums[c] = sums[c]! + d;
    counts[c] = counts[c]! + 1;
    total += d;
  }
  const rng = createRng(seed);
  const w = new Float64Array(customers);
  const diffs = new Float64Array(resamples);
  // every customer has a unit, so a resample's Σ w·n is at least 1 and the ratio always defined
  for (let r = 0; r < resamples; r++) diffs[r] = ratioOfSums(sums, counts, resampleCounts(rng, w));
  const estimate = total / n;
  // leave-one-customer-out means, for BCa's acceleration
  const jackknife = (): Float64Array => sums.map((sc, c) => (n - counts[c]! > 0 ? (total - sc) / (n - counts[c]!) : NaN));
  return { estimate, rows: n, customers, distribution: bootstrapDistribution(diffs.sort(), estimate, input.method ?? "percentile", jackknife) };
}

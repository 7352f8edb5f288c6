import { customerLossSums } from "../stats/cluster-statistic.js";
import { compactCodes } from "../stats/paired-bootstrap.js";
import { signFlip, type SignFlipDistribution } from "../stats/sign-flip.js";
import type { MetricName } from "./metric-names.js";

/**
 * Inference in cells with few customers: a customer sign-flip permutation (exact up to
 * `exactUpTo` customers, Monte Carlo above) of the per-customer paired differences, with the
 * interval that inverts it (stats/sign-flip.ts), instead of the customer bootstrap.
 *
 *   cell with minCustomers ≤ customers < signFlipBelow
 *     logLoss, brier, mae, ranking metrics: the difference is a mean over rows (queries), so
 *       per customer d_c = Σ (a − b) and n_c = rows → signFlip
 *     rmse: sign flips of the squared-error difference; RMSE_a − RMSE_b = ΔMSE / (RMSE_a + RMSE_b)
 *       exactly, so the same test, its interval scaled by 1 / (RMSE_a + RMSE_b) (the scale is held
 *       at its observed value: the interval ignores its uncertainty, the p-value does not need it)
 *     auc: no per-customer decomposition; stays with the bootstrap
 */
export interface SmallCellRule {
  /** Cells with fewer customers use sign flips (0: never). */
  readonly signFlipBelow: number;
  /** Up to this many customers, all 2^customers flips (≤ 24). */
  readonly exactUpTo: number;
}

/** Default small-cell rule: sign flips below 50 customers, exact up to 20 (2^20 ≈ 1.05 million flips). */
export const DEFAULT_SMALL_CELL: SmallCellRule = { signFlipBelow: 50, exactUpTo: 20 };

/** A sign-flip result in the shape cell-inference needs. */
export interface SignFlipResult {
  readonly estimate: number;
  readonly rows: number;
  readonly customers: number;
  readonly distribution: SignFlipDistribution;
}

/**
 * Sign-flip inference of metric(a) − metric(b) on the given rows.
 * @param cluster customer code per row (any non-negative integers)
 * @returns null for metrics without a per-row decomposition (auc, ece)
 */
export function signFlipMetric(
  metric: MetricName,
  cluster: Int32Array,
  outcome: Float64Array,
  a: Float64Array,
  b: Float64Array,
  options: { readonly resamples: number; readonly seed: number; readonly exactUpTo: number },
): SignFlipResult | null {
  if (metric === "auc" || metric === "ece") return null;
  const { codes, customers } = compactCodes(cluster);
  const { sumA, sumB, rows } = customerLossSums(metric, codes, customers, outcome, a, b);
  const sums = sumA.map((x, c) => x - sumB[c]!);
  let scale = 1;
  if (metric === "rmse") {
    let sa = 0, sb = 0;
    for (let c = 0; c < customers; c++) {
      sa += sumA[c]!;
      sb += sumB[c]!;
    }
    const n = outcome.length;
    const denominator = Math.sqrt(sa / n) + Math.sqrt(sb / n);
    // both models perfect: every difference is 0 whatever the scale
    if (denominator > 0) scale = 1 / denominator;
  }
  const distribution = signFlip({ sums, counts: rows, resamples: options.resamples, seed: options.seed, exactUpTo: options.exactUpTo, scale });
  return { estimate: distribution.estimate, rows: outcome.length, customers, distribution };
}

/**
 * Sign-flip inference of mean(a) − mean(b) over units (ranking queries) clustered by customer.
 * @param cluster customer code per unit
 */
export function signFlipMean(
  cluster: Int32Array,
  a: Float64Array,
  b: Float64Array,
  options: { readonly resamples: number; readonly seed: number; readonly exactUpTo: number },
): SignFlipResult {
  const { codes, customers } = compactCodes(cluster);
  const sums = new Float64Array(customers), counts = new Float64Array(customers);
  for (let i = 0; i < codes.length; i++) {
    sums[codes[i]!]! += a[i]! - b[i]!;
    counts[codes[i]!]! += 1;
  }
  const distribution = signFlip({ sums, counts, resamples: options.resamples, seed: options.seed, exactUpTo: options.exactUpTo });
  return { estimate: distribution.estimate, rows: codes.length, customers, distribution };
}

import type { MetricName } from "../evaluation/metric-names.js";
import type { GroupedAucContext } from "../metrics/grouped-auc.js";
import { groupedAucContext } from "../metrics/grouped-auc.js";
import { logLossTerm } from "../metrics/log-loss.js";
import { poissonDevianceTerm } from "../metrics/poisson-deviance.js";

/**
 * The paired difference metric(a) − metric(b) as a function of per-customer frequency weights,
 * the form a customer (cluster) bootstrap and a leave-one-customer-out jackknife need.
 *
 *   decomposable metrics (logLoss, brier, mae, rmse): per-customer loss sums and row counts,
 *     aggregated once → each evaluation O(customers)
 *   auc: rows sorted by each model's score once, one entry per (tie, customer) → each evaluation
 *     O(entries) ≤ O(rows) (groupedAucContext; exact for integer weights such as bootstrap counts)
 */
export interface ClusterStatistic {
  /** Number of customers (cluster codes 0..customers-1). */
  readonly customers: number;
  /**
   * metric(a) − metric(b) where every row of customer c has weight counts[c].
   * @param counts one non-negative weight per customer
   * @returns null where the metric is undefined (AUC with one class)
   */
  difference(counts: Float64Array): number | null;
  /** metric(a) − metric(b) without customer c, for every c; NaN where undefined. */
  jackknife(): Float64Array;
}

/**
 * Builds the statistic. Trusts its input: validated equal-length columns, compact cluster codes
 * in [0, customers).
 * @param cluster compact customer code per row
 * @param outcome observed outcome per row
 * @param a prediction of model a per row
 * @param b prediction of model b per row
 */
export function clusterStatistic(
  metric: MetricName,
  cluster: Int32Array,
  customers: number,
  outcome: Float64Array,
  a: Float64Array,
  b: Float64Array,
): ClusterStatistic {
  if (metric === "auc") return aucStatistic(cluster, customers, outcome, a, b);
  const { sumA, sumB, rows } = customerLossSums(metric, cluster, customers, outcome, a, b);
  const finish = differenceOfSums(metric);
  return {
    customers,
    difference(counts: Float64Array): number | null {
      let sa = 0, sb = 0, n = 0;
      for (let c = 0; c < customers; c++) {
        const w = counts[c]!;
        if (w === 0) continue;
        sa += w * sumA[c]!;
        sb += w * sumB[c]!;
        n += w * rows[c]!;
      }
      return n > 0 ? finish(sa, sb, n) : null;
    },
    jackknife(): Float64Array {
      let sa = 0, sb = 0, n = 0;
      for (let c = 0; c < customers; c++) {
        sa += sumA[c]!;
        sb += sumB[c]!;
        n += rows[c]!;
      }
      const out = new Float64Array(customers);
      for (let c = 0; c < customers; c++) {
        const m = n - rows[c]!;
        out[c] = m > 0 ? finish(sa - sumA[c]!, sb - sumB[c]!, m) : NaN;
      }
      return out;
    },
  };
}

/** Per-customer row-loss sums of a decomposable metric (RMSE: squared errors) and row counts. */
export interface CustomerLossSums {
  readonly sumA: Float64Array;
  readonly sumB: Float64Array;
  readonly rows: Float64Array;
}

/**
 * The per-customer sums every decomposable metric is built from: the metric of a is
 * Σ sumA / Σ rows (RMSE: its square root). Trusts its input, as clusterStatistic.
 * @throws RangeError for auc and ece, which do not decompose over rows
 */
export function customerLossSums(metric: MetricName, cluster: Int32Array, customers: number, outcome: Float64Array, a: Float64Array, b: Float64Array): CustomerLossSums {
  return { sumA: customerLossSum(metric, cluster, customers, outcome, a), sumB: customerLossSum(metric, cluster, customers, outcome, b), rows: customerRows(cluster, customers) };
}

/**
 * One model's per-customer row-loss sums (RMSE: squared errors), the half of {@link customerLossSums}
 * that a model in several pairs shares. Trusts its input, as clusterStatistic.
 * @throws RangeError for auc and ece, which do not decompose over rows
 */
export function customerLossSum(metric: MetricName, cluster: Int32Array, customers: number, outcome: Float64Array, p: Float64Array): Float64Array {
  if (metric === "auc") throw new RangeError(`customerLossSums: AUC is not a sum over rows`);
  const loss = rowLoss(metric);
  const sum = new Float64Array(customers);
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i]!;
    sum[c] = sum[c]! + loss(outcome[i]!, p[i]!);
  }
  return sum;
}

/** Rows per customer code. */
export function customerRows(cluster: Int32Array, customers: number): Float64Array {
  const rows = new Float64Array(customers);
  for (let i = 0; i < cluster.length; i++) rows[cluster[i]!]! += 1;
  return rows;
}

/**
 * metric(a) − metric(b) from weighted loss sums and the weighted row count of a decomposable metric
 * (RMSE: the square roots of the mean squared errors).
 */
export function differenceOfSums(metric: Exclude<MetricName, "auc">): (sumA: number, sumB: number, rows: number) => number {
  return metric === "rmse" ? (sa, sb, n) => Math.sqrt(sa / n) - Math.sqrt(sb / n) : (sa, sb, n) => (sa - sb) / n;
}

function rowLoss(metric: Exclude<MetricName, "auc">): (y: number, p: number) => number {
  switch (metric) {
    case "logLoss":
      return logLossTerm;
    case "brier":
    case "rmse":
      return (y, p) => (y - p) * (y - p);
    case "mae":
      return (y, p) => Math.abs(y - p);
    case "poissonDeviance":
      return poissonDevianceTerm;
    case "ece":
      // ECE's bins depend on the whole sample: no per-customer decomposition, so no cluster bootstrap
      throw new RangeError(`clusterStatistic: metric "ece" cannot be compared by a customer bootstrap`);
  }
}

function aucStatistic(cluster: Int32Array, customers: number, outcome: Float64Array, a: Float64Array, b: Float64Array): ClusterStatistic {
  // built on first use: pairedBootstrapMany evaluates AUC per model itself and needs only the jackknife
  let contexts: [GroupedAucContext, GroupedAucContext] | null = null;
  return {
    customers,
    difference(counts: Float64Array): number | null {
      contexts ??= [groupedAucContext(outcome, a, cluster, customers), groupedAucContext(outcome, b, cluster, customers)];
      const [ctxA, ctxB] = contexts;
      const ua = ctxA.aucForGroupWeights(counts);
      if (ua === null) return null;
      const ub = ctxB.aucForGroupWeights(counts);
      return ub === null ? null : ua - ub;
    },
    jackknife(): Float64Array {
      const ja = aucLeaveOneGroupOut(outcome, a, cluster, customers);
      const jb = aucLeaveOneGroupOut(outcome, b, cluster, customers);
      return ja.map((v, c) => v - jb[c]!);
    },
  };
}

/**
 * AUC without each group's rows, for all groups in O(n log n) total: the pair sum minus the pairs
 * that involve the group (its positives against all negatives, its negatives against all
 * positives, plus back the within-group pairs counted twice).
 * @returns AUC without group c at index c; NaN when removing c leaves one class
 */
export function aucLeaveOneGroupOut(labels: Float64Array, scores: Float64Array, groups: Int32Array, groupCount: number): Float64Array {
  const n = labels.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => scores[x]! - scores[y]!);
  let P = 0;
  for (let i = 0; i < n; i++) P += labels[i]!;
  const N = n - P;
  const posC = new Float64Array(groupCount);
  const negC = new Float64Array(groupCount);
  const involved = new Float64Array(groupCount); // pairs touching the group, within-group ones twice
  const within = new Float64Array(groupCount);
  const negBelowC = new Float64Array(groupCount);
  const groupNegC = new Float64Array(groupCount);
  let negBelow = 0, posBelow = 0, S = 0;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const s = scores[order[start]!]!;
    while (end < n && scores[order[end]!]! === s) end++;
    let gp = 0, gn = 0;
    for (let k = start; k < end; k++) {
      const r = order[k]!;
      if (labels[r] === 1) gp++;
      else {
        gn++;
        const g = groups[r]!;
        groupNegC[g] = groupNegC[g]! + 1;
      }
    }
    for (let k = start; k < end; k++) {
      const r = order[k]!;
      const c = groups[r]!;
      if (labels[r] === 1) {
        posC[c] = posC[c]! + 1;
        involved[c] = involved[c]! + negBelow + 0.5 * gn;
        within[c] = within[c]! + negBelowC[c]! + 0.5 * groupNegC[c]!;
      } else {
        negC[c] = negC[c]! + 1;
        involved[c] = involved[c]! + P - posBelow - 0.5 * gp;
      }
    }
    for (let k = start; k < end; k++) {
      const c = groups[order[k]!]!;
      negBelowC[c] = negBelowC[c]! + groupNegC[c]!;
      groupNegC[c] = 0;
    }
    S += gp * (negBelow + 0.5 * gn);
    negBelow += gn;
    posBelow += gp;
    start = end;
  }
  const out = new Float64Array(groupCount);
  for (let c = 0; c < groupCount; c++) {
    const p = P - posC[c]!;
    const q = N - negC[c]!;
    out[c] = p > 0 && q > 0 ? (S - involved[c]! + within[c]!) / (p * q) : NaN;
  }
  return out;
}

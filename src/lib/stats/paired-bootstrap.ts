import type { MetricName } from "../evaluation/metric-names.js";
import { isMetricName } from "../evaluation/metric-names.js";
import { computeMetric } from "../metrics/compute-metric.js";
import { createRng, resampleCounts } from "../random/rng.js";
import type { PairedDifference } from "../records/metrics-record.js";
import { firstOrderAucContext, groupedAucContext, tieGroups, type GroupedAucContext, type TieGroups } from "../metrics/grouped-auc.js";
import { aucOfTies } from "../metrics/auc.js";
import { bootstrapDistribution, bootstrapPValue, intervalAt, type BootstrapDistribution } from "./bootstrap-inference.js";
import { clusterStatistic, customerLossSum, customerRows, differenceOfSums } from "./cluster-statistic.js";

/**
 * Paired difference metric(a) − metric(b) with a customer (cluster) bootstrap CI.
 *
 *   validate → compact customer codes → estimate on all rows
 *     → R times: draw C customers with replacement → per-customer counts (no row copying)
 *                → difference under those counts (dropped + counted when undefined)
 *     → percentile interval (default) or BCa (jackknife over customers for the acceleration)
 *     → p-value by inverting that same interval (bootstrapPValue), so the two never disagree
 *
 * Customers, not rows, are resampled because a customer's rows are correlated; resampling rows
 * would give intervals that are too narrow.
 */
export interface PairedBootstrapInput {
  /** Customer code per row (any non-negative integers; need not be contiguous). */
  readonly cluster: Int32Array;
  /** Observed outcome per row. */
  readonly outcome: Float64Array;
  /** Prediction of model a per row. */
  readonly a: Float64Array;
  /** Prediction of model b per row. */
  readonly b: Float64Array;
  readonly metric: MetricName;
  /** Bootstrap resamples to draw. Default 1000. */
  readonly resamples?: number;
  /** Confidence level in (0, 1). Default 0.95. */
  readonly level?: number;
  /** Seed of the resampling (createRng). */
  readonly seed: number;
  /**
   * "percentile": the (1 − level)/2 and (1 + level)/2 quantiles (type 7) of the resampled
   * differences. "bca": bias-corrected and accelerated (Efron 1987), acceleration from a
   * leave-one-customer-out jackknife. Default "percentile".
   */
  readonly method?: "percentile" | "bca";
}

/** The result: a PairedDifference plus what the bootstrap did. */
export interface PairedBootstrapResult extends PairedDifference {
  /** Resamples drawn but dropped because the metric was undefined on them (AUC with one class). */
  readonly dropped: number;
  /** The interval used: "bca" only when asked for and possible (see fallback). */
  readonly method: "percentile" | "bca";
  /** Why BCa fell back to percentile; absent when it did not. */
  readonly fallback?: string;
  /** Two-sided p-value of "no difference": the smallest α at which the interval excludes 0 (see bootstrapPValue). */
  readonly pValue: number;
  /** The resampled differences as an interval/test source: other levels (Holm), TOST. */
  readonly distribution: BootstrapDistribution;
}

/** Thrown when the metric is undefined on the data (AUC with a single class), so no difference exists. */
export class UndefinedMetricError extends Error {
  override readonly name = "UndefinedMetricError";
}

/**
 * Paired customer bootstrap of metric(a) − metric(b).
 * @returns estimate on all rows, CI at `level`, resamples used (drawn − dropped), rows, customers
 * @throws RangeError on invalid input (lengths, NaN, labels, probabilities, negative cluster codes,
 *   resamples, level); UndefinedMetricError when the metric is undefined on all rows or on every resample
 */
export function pairedBootstrap(input: PairedBootstrapInput): PairedBootstrapResult {
  const { metric, a, b, ...rest } = input;
  const [result] = pairedBootstrapMany({ ...rest, targets: [{ metric, a, b }] });
  if (result instanceof Error) throw result;
  return result!;
}

/** One paired difference of {@link pairedBootstrapMany}: metric(a) − metric(b) on the shared rows. */
export interface BootstrapTarget {
  readonly metric: MetricName;
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** Input of {@link pairedBootstrapMany}: PairedBootstrapInput with several (metric, a, b) targets. */
export interface PairedBootstrapManyInput extends Omit<PairedBootstrapInput, "metric" | "a" | "b"> {
  readonly targets: readonly BootstrapTarget[];
  /**
   * Tie groups (tieGroups) of prediction arrays among the targets, where the caller already knows
   * them (an evaluation cell's, read off the whole test set's by subsetTieGroups). AUC needs them;
   * the others are computed here. Default none.
   */
  readonly ties?: ReadonlyMap<Float64Array, TieGroups>;
  /**
   * From this many customers on, AUC's resamples use the first-order form (firstOrderAucContext,
   * O(customers) per resample) instead of the exact pass over the rows. Default Infinity: exact.
   */
  readonly firstOrderAucFrom?: number;
  /**
   * Where a target's metric on all the rows may already be known (an evaluation cell's, scored
   * before): called with the metric, a prediction array among the targets and the computation,
   * it returns the known value or compute()'s. Default: compute.
   */
  readonly known?: (metric: MetricName, predictions: Float64Array, compute: () => number | null) => number | null;
}

/**
 * Several paired customer bootstraps on the same rows and the same resamples: each resample's
 * customer counts are drawn once and every target is evaluated on them. Target t's result equals
 * pairedBootstrap({ ...input, ...targets[t] }) exactly (that function draws the same counts from
 * the same seed), at 1/targets of the drawing cost.
 * @returns per target its result, or the UndefinedMetricError that pairedBootstrap would throw
 * @throws RangeError on invalid input (as pairedBootstrap; the first invalid target is named)
 */
export function pairedBootstrapMany(input: PairedBootstrapManyInput): (PairedBootstrapResult | UndefinedMetricError)[] {
  const { cluster, outcome, targets, seed } = input;
  const resamples = input.resamples ?? 1000;
  const level = input.level ?? 0.95;
  const method = input.method ?? "percentile";
  for (const { metric } of targets) if (!isMetricName(metric)) throw new RangeError(`pairedBootstrap: unknown metric "${String(metric)}"`);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`pairedBootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`pairedBootstrap: level must be in (0, 1), got ${level}`);
  if (method !== "percentile" && method !== "bca") throw new RangeError(`pairedBootstrap: method must be "percentile" or "bca", got "${String(method)}"`);
  const n = outcome.length;
  for (const { a, b } of targets) {
    for (const [name, col] of [["cluster", cluster], ["a", a], ["b", b]] as const) {
      if (col.length !== n) throw new RangeError(`pairedBootstrap: outcome has ${n} rows but ${name} has ${col.length}`);
    }
  }
  // a model is usually in several targets (one per pair and metric): each (metric, prediction
  // array) is computed once (AUC sorts every row)
  const computed = new Map<Float64Array, Map<MetricName, number | null>>();
  // the scores' sort, once per prediction array: AUC's estimate and its bootstrap context share it
  const ranks = new Map(input.ties ?? []);
  const tiesOf = (p: Float64Array): TieGroups => {
    let ranked = ranks.get(p);
    if (!ranked) ranks.set(p, (ranked = tieGroups(p)));
    return ranked;
  };
  const metricOf = (metric: MetricName, p: Float64Array, which: string): number | null => {
    let byMetric = computed.get(p);
    if (!byMetric) computed.set(p, (byMetric = new Map()));
    if (!byMetric.has(metric)) {
      const compute = () => metricOrRethrow(metric, outcome, p, which, metric === "auc" ? tiesOf(p) : null);
      byMetric.set(metric, input.known ? input.known(metric, p, compute) : compute());
    }
    return byMetric.get(metric)!;
  };
  const estimates = targets.map(({ metric, a, b }) => {
    const ma = metricOf(metric, a, "a");
    const mb = metricOf(metric, b, "b");
    return ma === null || mb === null ? null : ma - mb;
  });
  const live = targets.map((_, t) => estimates[t] !== null);
  const results: (PairedBootstrapResult | UndefinedMetricError)[] = targets.map(({ metric }) =>
    new UndefinedMetricError(`pairedBootstrap: ${metric} is undefined on these ${n} rows (only one outcome class)`),
  );
  if (!live.some(Boolean)) return results;
  const { codes, customers } = compactCodes(cluster);
  // AUC is not a sum over customers: each resample costs a pass over every (score tie, customer)
  // entry of each model. A model's AUC under a resample is the same whatever it is compared with,
  // so it is computed once per model (prediction array) and resample, not once per pair; the
  // differences are the same numbers as clusterStatistic's. Sum metrics stay per target (cheap).
  const aucs = new Map<Float64Array, { readonly context: GroupedAucContext; value: number | null }>();
  const aucOf = (p: Float64Array) => {
    let entry = aucs.get(p);
    if (!entry) {
      const context = customers >= (input.firstOrderAucFrom ?? Infinity) ? firstOrderAucContext(outcome, codes, customers, tiesOf(p)) : groupedAucContext(outcome, p, codes, customers, tiesOf(p));
      aucs.set(p, (entry = { context, value: null }));
    }
    return entry;
  };
  const aucTargets = targets.map(({ metric, a, b }, t) => (live[t] && metric === "auc" ? [aucOf(a), aucOf(b)] as const : null));
  // Sum metrics: each (metric, model)'s per-customer loss sums are built once, whatever the pairs the
  // model is in, and laid out customer by customer (column 0: the customer's rows), so that a
  // resample is one pass over the customers adding w·sum into one accumulator per column. Every
  // accumulator sums in customer order, skipping w = 0, as clusterStatistic's difference does, so
  // the differences are the same numbers.
  const { columns, sumTargets } = lossColumns(targets, live, codes, customers, outcome);
  const width = columns.length;
  const table = new Float64Array(customers * width);
  columns.forEach((col, k) => {
    for (let c = 0; c < customers; c++) table[c * width + k] = col[c]!;
  });
  const acc = new Float64Array(width);

  const rng = createRng(seed);
  const counts = new Float64Array(customers);
  const diffs = targets.map(() => new Float64Array(resamples));
  const used = new Int32Array(targets.length);
  for (let r = 0; r < resamples; r++) {
    resampleCounts(rng, counts);
    for (const entry of aucs.values()) entry.value = entry.context.aucForGroupWeights(counts);
    if (width > 1) weightedColumnSums(table, width, counts, acc);
    for (let t = 0; t < targets.length; t++) {
      if (!live[t]) continue;
      const pair = aucTargets[t];
      let d: number | null;
      if (pair) d = pair[0].value === null || pair[1].value === null ? null : pair[0].value - pair[1].value;
      else {
        const [ka, kb, finish] = sumTargets[t]!;
        d = acc[0]! > 0 ? finish(acc[ka]!, acc[kb]!, acc[0]!) : null;
      }
      if (d !== null) diffs[t]![used[t]!++] = d;
    }
  }
  return targets.map(({ metric, a, b }, t) => {
    if (!live[t]) return results[t]!;
    if (used[t] === 0) return new UndefinedMetricError(`pairedBootstrap: ${metric} was undefined on all ${resamples} resamples`);
    const sorted = diffs[t]!.subarray(0, used[t]!).sort();
    const distribution = bootstrapDistribution(sorted, estimates[t]!, method, () => clusterStatistic(metric, codes, customers, outcome, a, b).jackknife());
    const [lower, upper] = intervalAt(distribution, 1 - level);
    return {
      estimate: estimates[t]!,
      lower,
      upper,
      level,
      resamples: used[t]!,
      rows: n,
      customers,
      dropped: resamples - used[t]!,
      method: distribution.method,
      ...(distribution.fallback ? { fallback: distribution.fallback } : {}),
      pValue: bootstrapPValue(distribution),
      distribution,
    };
  });
}

/**
 * The per-customer columns the sum metrics' resamples read: column 0 the rows per customer, then one
 * column of loss sums per distinct (metric, prediction array) among the live targets; per target
 * (null for AUC and dead targets) its two columns and how their weighted sums make the difference.
 */
function lossColumns(targets: readonly BootstrapTarget[], live: readonly boolean[], codes: Int32Array, customers: number, outcome: Float64Array) {
  const columns: Float64Array[] = [];
  const index = new Map<Float64Array, Map<MetricName, number>>();
  const columnOf = (metric: Exclude<MetricName, "auc">, p: Float64Array): number => {
    let byMetric = index.get(p);
    if (!byMetric) index.set(p, (byMetric = new Map()));
    let k = byMetric.get(metric);
    if (k === undefined) {
      byMetric.set(metric, (k = columns.length));
      columns.push(customerLossSum(metric, codes, customers, outcome, p));
    }
    return k;
  };
  const sumTargets = targets.map(({ metric, a, b }, t): [number, number, (sa: number, sb: number, n: number) => number] | null => {
    if (!live[t] || metric === "auc") return null;
    if (columns.length === 0) columns.push(customerRows(codes, customers));
    return [columnOf(metric, a), columnOf(metric, b), differenceOfSums(metric)];
  });
  return { columns, sumTargets };
}

/** acc[k] = Σ_c w_c · table[c·width + k] over customers with w_c ≠ 0, in customer order. */
function weightedColumnSums(table: Float64Array, width: number, w: Float64Array, acc: Float64Array): void {
  // first without a test per customer (a resample leaves about a third at weight 0, a branch the CPU
  // mispredicts): where every term is finite, adding 0·x leaves a sum exactly as skipping it does;
  // sums that are not finite (a loss sum of Infinity at weight 0 makes NaN) are made again, skipping
  acc.fill(0);
  for (let c = 0, base = 0; c < w.length; c++, base += width) {
    const wc = w[c]!;
    for (let k = 0; k < width; k++) acc[k] = acc[k]! + wc * table[base + k]!;
  }
  for (let k = 0; k < width; k++) if (!Number.isFinite(acc[k]!)) return weightedColumnSumsSkipping(table, width, w, acc);
}

function weightedColumnSumsSkipping(table: Float64Array, width: number, w: Float64Array, acc: Float64Array): void {
  acc.fill(0);
  for (let c = 0, base = 0; c < w.length; c++, base += width) {
    const wc = w[c]!;
    if (wc === 0) continue;
    for (let k = 0; k < width; k++) acc[k] = acc[k]! + wc * table[base + k]!;
  }
}

function metricOrRethrow(metric: MetricName, outcome: Float64Array, pred: Float64Array, which: string, ranked: TieGroups | null): number | null {
  try {
    return ranked ? aucOfTies(outcome, pred, ranked) : computeMetric(metric, outcome, pred);
  } catch (error) {
    throw new RangeError(`pairedBootstrap (model ${which}): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Maps arbitrary non-negative codes to 0..C-1 in order of first appearance.
 * @throws RangeError on a negative code (index named)
 */
export function compactCodes(cluster: Int32Array): { codes: Int32Array; customers: number } {
  let max = -1;
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i]!;
    if (c < 0) throw new RangeError(`pairedBootstrap: cluster[${i}] must be a non-negative customer code, got ${c}`);
    if (c > max) max = c;
  }
  const map = new Int32Array(max + 1).fill(-1);
  const codes = new Int32Array(cluster.length);
  let customers = 0;
  for (let i = 0; i < cluster.length; i++) {
    const c = cluster[i]!;
    if (map[c] === -1) map[c] = customers++;
    codes[i] = map[c]!;
  }
  return { codes, customers };
}

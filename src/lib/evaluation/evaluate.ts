import { gather, type ContextColumn, type Interactions } from "../schema/interactions.js";
import type { ModelFamily } from "../models/model.js";
import type { CellMetrics, Comparison, ContextCell, ModelMetrics } from "../records/metrics-record.js";
import { computeMetric } from "../metrics/compute-metric.js";
import { aucOfTies } from "../metrics/auc.js";
import { FIRST_ORDER_AUC_FROM, subsetTieGroups, tieGroups, type TieGroups } from "../metrics/grouped-auc.js";
import { expectedCalibrationError } from "../metrics/calibration.js";
import { pairedBootstrapMany, UndefinedMetricError } from "../stats/paired-bootstrap.js";
import { delong, type DeLongPlacements, type DeLongResult } from "../stats/delong.js";
import type { NumericColumn } from "../metrics/validate-inputs.js";
import { DEFAULT_MIN_CUSTOMERS, inferredDifference, tooFewCustomersNote, withHolm, type InferredDifference } from "./cell-inference.js";
import { isPairedMetric, METRICS, metricsFor, type MetricName } from "./metric-names.js";
import { DEFAULT_SMALL_CELL, signFlipMetric, type SmallCellRule } from "./small-cell.js";

/**
 * Scoring on held-out rows.
 *
 *   test rows + predictions per model (+ segment columns from training data)
 *     → scoreModels:   every metric of the outcome type, overall, per context value, per segment;
 *                      ECE with reliability bins for binary outcomes
 *     → compareModels: metric(irm) − metric(crm) with a paired bootstrap CI over customers, the
 *                      p-value and TOST p read off the same resamples (DeLong reported for the
 *                      overall AUC), overall, per context value, per segment (cells with fewer
 *                      than minCustomers customers: metrics only; fewer than signFlipBelow: a
 *                      customer sign-flip permutation and its inverted interval, small-cell.ts);
 *                      Holm across the context and segment cells → four-way verdict per cell
 */
export interface ScoredModel {
  readonly name: string;
  readonly family: ModelFamily;
  readonly predictions: Float64Array;
}

/** Row indices of `test` per (context dimension, level), in dimension then level order. */
export function contextCells(test: Pick<Interactions, "size" | "contexts">): { dimension: string; level: string; rows: Int32Array }[] {
  const cells: { dimension: string; level: string; rows: Int32Array }[] = [];
  for (const c of test.contexts) {
    const counts = new Int32Array(c.levels.length);
    for (let i = 0; i < test.size; i++) counts[c.codes[i]!]!++;
    const rows = Array.from(counts, (n) => new Int32Array(n));
    const fill = new Int32Array(c.levels.length);
    for (let i = 0; i < test.size; i++) {
      const l = c.codes[i]!;
      rows[l]![fill[l]!++] = i;
    }
    c.levels.forEach((level, l) => {
      if (counts[l]! > 0) cells.push({ dimension: c.name, level, rows: rows[l]! });
    });
  }
  return cells;
}

/**
 * Metrics of every model on `test`, overall, per context value and (when given) per segment.
 * @param test the scored rows
 * @param models predictions per model, each of length test.size
 * @param options.segments segment columns of the test rows (segmentsOf(train, test).columns); default none
 */
export function scoreModels(test: Interactions, models: readonly ScoredModel[], options: { readonly segments?: readonly ContextColumn[] } = {}): ModelMetrics[] {
  const metrics = metricsFor(test.outcomeSpec.type);
  const cells = contextCells(test);
  const segCells = options.segments ? contextCells({ ...test, contexts: options.segments }) : null;
  const all = allRows(test.size);
  const binary = test.outcomeSpec.type === "binary";
  return models.map((m) => {
    const ranked = metrics.includes("auc") ? tieGroups(m.predictions) : null;
    const cell = (c: { dimension: string; level: string; rows: Int32Array }): ContextCell => ({ dimension: c.dimension, level: c.level, ...cellMetrics(test, m.predictions, c.rows, metrics, ranked) });
    return {
      model: m.name,
      family: m.family,
      overall: cellMetrics(test, m.predictions, all, metrics, ranked),
      byContext: cells.map(cell),
      ...(segCells ? { bySegment: segCells.map(cell) } : {}),
      ...(binary ? { calibration: expectedCalibrationError(test.outcome, m.predictions) } : {}),
    };
  });
}

/** The equivalence margin rule of a comparison (see {@link CompareOptions.equivalence}). */
export interface EquivalenceRule {
  readonly margin: number;
  readonly scale: "relative" | "absolute";
}

/** Default equivalence rule: 1% of the CRM model's metric. */
export const DEFAULT_EQUIVALENCE: EquivalenceRule = { margin: 0.01, scale: "relative" };

/** The margin in metric units for a CRM model whose overall metric is `crmValue` (0 when undefined). */
export function equivalenceMargin(rule: EquivalenceRule, crmValue: number | null): number {
  if (rule.scale === "absolute") return rule.margin;
  return crmValue === null || !Number.isFinite(crmValue) ? 0 : rule.margin * Math.abs(crmValue);
}

export interface CompareOptions {
  /** Metrics to compare; metrics without a paired test (ece) are skipped. */
  readonly metrics: readonly MetricName[];
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  /** Cells with fewer customers than this get no CI, p-value or claim (difference null, a note). Default 20. */
  readonly minCustomers?: number;
  /**
   * Practical-equivalence margin: `margin` × |CRM model's overall metric| ("relative") or `margin`
   * metric units ("absolute"). Default { margin: 0.01, scale: "relative" }.
   */
  readonly equivalence?: EquivalenceRule;
  /** "percentile" or "bca" bootstrap interval. Default "percentile". */
  readonly method?: "percentile" | "bca";
  /**
   * Cells (overall included) with fewer customers than smallCell.signFlipBelow get a customer
   * sign-flip permutation test and its inverted interval instead of the bootstrap (AUC excepted).
   * Default { signFlipBelow: 50, exactUpTo: 20 }.
   */
  readonly smallCell?: SmallCellRule;
  /** Segment columns of the test rows (segmentsOf(train, test).columns). Default none. */
  readonly segments?: readonly ContextColumn[];
}

/**
 * Paired comparison of an IRM model with a CRM model on every metric, overall, per context value
 * and per segment. Each cell's p-value is Holm-adjusted within its comparison (one metric, one
 * pair) over all context and segment cells that have one.
 * @throws Error when the overall difference has no CI (too few customers, metric undefined)
 */
export function compareModels(test: Interactions, irm: ScoredModel, crm: ScoredModel, options: CompareOptions): Comparison[] {
  return compareModelPairs(test, [[irm, crm]], options)[0]!;
}

/**
 * compareModels for several (irm, crm) pairs at once, with the same results: per cell, the rows
 * are gathered once and each bootstrap resample's customer counts are drawn once for every pair
 * and metric (pairedBootstrapMany; every (pair, metric) of a cell used the same draws before too).
 * @param pairs [irm, crm] pairs
 * @param options as compareModels; onProgress gets the fraction of cells done
 * @returns per pair, what compareModels returns for it
 * @throws Error when a pair's overall difference has no CI (too few customers, metric undefined)
 */
export function compareModelPairs(
  test: Interactions,
  pairs: readonly (readonly [ScoredModel, ScoredModel])[],
  options: CompareOptions & { readonly onProgress?: (fraction: number) => void },
): Comparison[][] {
  const cells = contextCells(test);
  const segCells = options.segments ? contextCells({ ...test, contexts: options.segments }) : [];
  const minCustomers = options.minCustomers ?? DEFAULT_MIN_CUSTOMERS;
  const smallCell = options.smallCell ?? DEFAULT_SMALL_CELL;
  const metrics = options.metrics.filter(isPairedMetric);
  const equivalence = options.equivalence ?? DEFAULT_EQUIVALENCE;
  // one margin per (pair, metric), from the CRM model's metric on all test rows, used in every cell
  const margins = pairs.map(([, crm]) => metrics.map((metric) => equivalenceMargin(equivalence, computeMetric(metric, test.outcome, crm.predictions))));
  // each model's scores are sorted once for every cell's AUC (subsetTieGroups)
  const allTies = new Map<Float64Array, TieGroups>();
  const tiesOf = (p: Float64Array): TieGroups => {
    let ranked = allTies.get(p);
    if (!ranked) allTies.set(p, (ranked = tieGroups(p)));
    return ranked;
  };
  const totalCells = 1 + cells.length + segCells.length;
  let done = 0;
  type Inferred = InferredDifference | null;
  type CellResult = { readonly customers: number; readonly diff: Inferred[][]; readonly delong: (DeLongResult | null)[][] };
  // p-values come from the customer bootstrap for every metric and cell (rows of one customer are
  // correlated); DeLong, which treats rows as independent, is reported for the overall AUC only.
  const evaluateCell = (rows: Int32Array, withDelong = false): CellResult => {
    const customers = distinctCustomers(test.customer, rows);
    const diff = pairs.map(() => metrics.map((): Inferred => null));
    const dls = pairs.map(() => metrics.map((): DeLongResult | null => null));
    if (customers >= minCustomers && metrics.length > 0) {
      const y = gather(test.outcome, rows);
      const gathered = new Map<Float64Array, Float64Array>();
      const ties = new Map<Float64Array, TieGroups>();
      const g = (p: Float64Array): Float64Array => {
        let out = gathered.get(p);
        if (!out) {
          gathered.set(p, (out = gather(p, rows)));
          if (metrics.includes("auc")) ties.set(out, subsetTieGroups(tiesOf(p), rows));
        }
        return out;
      };
      const targets = pairs.flatMap(([a, b]) => metrics.map((metric) => ({ metric, a: g(a.predictions), b: g(b.predictions) })));
      const cluster = gather(test.customer, rows);
      // few customers: sign flips where the metric decomposes over rows, the bootstrap for the rest
      const flips = customers < smallCell.signFlipBelow
        ? targets.map((t) => signFlipMetric(t.metric, cluster, y, t.a, t.b, { resamples: options.resamples, seed: options.seed, exactUpTo: smallCell.exactUpTo }))
        : targets.map(() => null);
      const bootTargets = targets.filter((_, t) => !flips[t]);
      const boot = bootTargets.length > 0 ? pairedBootstrapMany({ cluster, outcome: y, targets: bootTargets, ties, firstOrderAucFrom: FIRST_ORDER_AUC_FROM, resamples: options.resamples, level: options.level, seed: options.seed, method: options.method ?? "percentile" }) : [];
      let next = 0;
      const results = flips.map((f) => f ?? boot[next++]!);
      // DeLong (overall cell): each model's placements once, whatever the pairs it is in
      const placed = new Map<NumericColumn, DeLongPlacements>();
      results.forEach((r, t) => {
        const p = Math.floor(t / metrics.length), m = t % metrics.length;
        // e.g. AUC in a cell where every outcome is the same: no difference to report
        if (r instanceof UndefinedMetricError) return;
        if (withDelong && metrics[m] === "auc") dls[p]![m] = delongOrNull(y, targets[t]!.a, targets[t]!.b, options.level, placed);
        const rule = { level: options.level, margin: margins[p]![m]!, higherIsBetter: METRICS[metrics[m]!].higherIsBetter };
        diff[p]![m] = { difference: inferredDifference(r, r.distribution, rule), distribution: r.distribution };
      });
    }
    options.onProgress?.(++done / totalCells);
    return { customers, diff, delong: dls };
  };
  const overall = evaluateCell(allRows(test.size), true);
  pairs.forEach(([irm, crm], p) =>
    metrics.forEach((metric, m) => {
      if (!overall.diff[p]![m]) throw new Error(`compare: ${metric} of ${irm.name} vs ${crm.name} has no confidence interval: the test set has fewer than ${minCustomers} customers (inference.minCustomers) or the metric is undefined on it`);
    }),
  );
  const evaluated = (list: { dimension: string; level: string; rows: Int32Array }[]) => list.map((cell) => ({ cell, result: evaluateCell(cell.rows) }));
  const contextResults = evaluated(cells);
  const segmentResults = evaluated(segCells);
  const small = tooFewCustomersNote(minCustomers);
  return pairs.map(([irm, crm], p) =>
    metrics.map((metric, m): Comparison => {
      const toCell = ({ cell, result }: { cell: { dimension: string; level: string; rows: Int32Array }; result: CellResult }) => {
        const inferred = result.diff[p]![m]!;
        const base = { dimension: cell.dimension, level: cell.level, rows: cell.rows.length, customers: result.customers };
        const note = result.customers < minCustomers ? { note: small } : {};
        return { cell: { ...base, difference: inferred?.difference ?? null, ...note }, distribution: inferred?.distribution ?? null };
      };
      const higherIsBetter = METRICS[metric].higherIsBetter;
      const [byContext, bySegment] = withHolm([contextResults.map(toCell), segmentResults.map(toCell)], { level: options.level, higherIsBetter });
      const dl = metric === "auc" ? overall.delong[p]![m]! : null;
      return {
        irm: irm.name,
        crm: crm.name,
        metric,
        higherIsBetter,
        overall: overall.diff[p]![m]!.difference,
        byContext: byContext!,
        ...(options.segments ? { bySegment: bySegment! } : {}),
        ...(dl ? { delong: { estimate: dl.difference, lower: dl.lower, upper: dl.upper, z: dl.z, pValue: dl.pValue } } : {}),
      };
    }),
  );
}

function delongOrNull(y: Float64Array, a: Float64Array, b: Float64Array, level: number, placed: Map<NumericColumn, DeLongPlacements>) {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  if (pos < 2 || y.length - pos < 2) return null;
  const r = delong(y, a, b, level, placed);
  return Number.isFinite(r.pValue) ? r : null;
}

/**
 * Every metric of one model on one cell.
 * @param ranked tie groups of all the model's predictions (AUC in a cell reads its own off them), or null
 */
function cellMetrics(test: Interactions, predictions: Float64Array, rows: Int32Array, metrics: readonly MetricName[], ranked: TieGroups | null): CellMetrics {
  const y = gather(test.outcome, rows);
  const p = gather(predictions, rows);
  const values: Partial<Record<MetricName, number | null>> = {};
  for (const m of metrics) values[m] = m === "auc" && ranked ? aucOfTies(y, p, subsetTieGroups(ranked, rows)) : computeMetric(m, y, p);
  return { rows: rows.length, customers: distinctCustomers(test.customer, rows), metrics: values };
}

/** 0..n-1. */
export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Number of distinct customers among `rows`. */
export function distinctCustomers(customer: Int32Array, rows: Int32Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < rows.length; i++) seen.add(customer[rows[i]!]!);
  return seen.size;
}

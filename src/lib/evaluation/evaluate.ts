import { gather, type ContextColumn, type Interactions } from "../schema/interactions.js";
import { contextCells, TestSetMemo, type TestCell } from "./test-set-memo.js";
import type { ModelFamily } from "../models/model.js";
import type { CellMetrics, Comparison, ContextCell, ModelMetrics } from "../records/metrics-record.js";
import { subsetTieGroups, type TieGroups } from "../metrics/grouped-auc.js";
import { expectedCalibrationError } from "../metrics/calibration.js";
import { UndefinedMetricError, type PairedBootstrapResult } from "../stats/paired-bootstrap.js";
import { trainThreads } from "../models/learned/parallel-training.js";
import { cellBootstraps, cellMetric, gatherCell, modelsOf, queuedCell, type CellBootstrapOptions, type CellScoring, type CellTarget, type CompareColumns } from "./cell-bootstrap.js";
import { startCellQueue } from "./cell-bootstrap-thread.js";
import { delong, type DeLongPlacements, type DeLongResult } from "../stats/delong.js";
import type { NumericColumn } from "../metrics/validate-inputs.js";
import { DEFAULT_MIN_CUSTOMERS, inferredDifference, tooFewCustomersNote, withHolm, type InferredDifference } from "./cell-inference.js";
import { isPairedMetric, METRICS, metricsFor, type MetricName } from "./metric-names.js";
import { DEFAULT_SMALL_CELL, signFlipMetric, type SignFlipResult, type SmallCellRule } from "./small-cell.js";

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
 *
 * Both share a TestSetMemo (evaluateRun), so each cell metric and each model's sort is computed
 * once. The context and segment cells that the bootstrap covers go through one queue that a helper
 * thread shares where one is installed (cell-bootstrap-thread.ts); the numbers are the same.
 */
export interface ScoredModel {
  readonly name: string;
  readonly family: ModelFamily;
  readonly predictions: Float64Array;
}

/**
 * Metrics of every model on `test`, overall, per context value and (when given) per segment.
 * @param test the scored rows
 * @param models predictions per model, each of length test.size
 * @param options.segments segment columns of the test rows (segmentsOf(train, test).columns); default none
 * @param options.memo what compareModelPairs on the same test set computes too (evaluateRun); default a memo of its own
 */
export function scoreModels(test: Interactions, models: readonly ScoredModel[], options: { readonly segments?: readonly ContextColumn[]; readonly memo?: TestSetMemo } = {}): ModelMetrics[] {
  const metrics = metricsFor(test.outcomeSpec.type);
  const memo = options.memo ?? new TestSetMemo(test);
  const cells = memo.cells(test.contexts);
  const segCells = options.segments ? memo.cells(options.segments) : null;
  const all = memo.allRows();
  const binary = test.outcomeSpec.type === "binary";
  return models.map((m) => {
    const cell = (c: TestCell): ContextCell => ({ dimension: c.dimension, level: c.level, ...cellMetrics(test, m.predictions, c.rows, metrics, memo) });
    return {
      model: m.name,
      family: m.family,
      overall: cellMetrics(test, m.predictions, all, metrics, memo),
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
  /** What scoreModels on the same test set computes too (evaluateRun). Default a memo of its own. */
  readonly memo?: TestSetMemo;
  /**
   * Fewest test rows from which the context and segment cells' bootstraps are shared with a helper
   * thread, where helper threads are installed (the numbers are the same either way). Default
   * CELL_THREADS_MIN_ROWS.
   */
  readonly cellThreadsFrom?: number;
  /**
   * Models whose metrics scoreModels will read off the memo (evaluateRun: every model of the run,
   * every metric of the outcome type): each context and segment cell that the bootstrap covers
   * computes them beside its bootstraps, on whichever thread takes it. Default none.
   */
  readonly alsoScore?: { readonly models: readonly Float64Array[]; readonly metrics: readonly MetricName[] };
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
  const memo = options.memo ?? new TestSetMemo(test);
  const cells = memo.cells(test.contexts);
  const segCells = options.segments ? memo.cells(options.segments) : [];
  const minCustomers = options.minCustomers ?? DEFAULT_MIN_CUSTOMERS;
  const smallCell = options.smallCell ?? DEFAULT_SMALL_CELL;
  const metrics = options.metrics.filter(isPairedMetric);
  const equivalence = options.equivalence ?? DEFAULT_EQUIVALENCE;
  const all = memo.allRows();
  // one margin per (pair, metric), from the CRM model's metric on all test rows, used in every cell
  const onAll = (metric: MetricName, p: Float64Array) => memo.metric(all, p, metric, () => cellMetric(metric, test.outcome, p, metric === "auc" ? memo.tiesOf(p) : null));
  const margins = pairs.map(([, crm]) => metrics.map((metric) => equivalenceMargin(equivalence, onAll(metric, crm.predictions))));
  // the compared models, each once however many pairs it is in, and the (pair, metric) targets
  const models: Float64Array[] = [];
  const modelIndex = (p: Float64Array): number => {
    const k = models.indexOf(p);
    return k >= 0 ? k : models.push(p) - 1;
  };
  const targets: CellTarget[] = pairs.flatMap(([a, b]) => metrics.map((metric) => ({ metric, a: modelIndex(a.predictions), b: modelIndex(b.predictions) })));
  const score: CellScoring = { models: (options.alsoScore?.models ?? []).map(modelIndex), metrics: options.alsoScore?.metrics ?? [] };
  const withAuc = metrics.includes("auc") || score.metrics.includes("auc");
  const columns: CompareColumns = { outcome: test.outcome, customer: test.customer, models, ties: models.map((p) => (withAuc ? memo.tiesOf(p) : null)) };
  const bootstrap: CellBootstrapOptions = { resamples: options.resamples, level: options.level, seed: options.seed, method: options.method ?? "percentile" };
  const totalCells = 1 + cells.length + segCells.length;
  let reported = 0;
  const report = (done: number): void => {
    reported = done / totalCells;
    options.onProgress?.(reported);
  };
  let doneHere = 0;
  type Inferred = InferredDifference | null;
  type CellResult = { readonly customers: number; readonly diff: Inferred[][]; readonly delong: (DeLongResult | null)[][] };
  type Resampled = PairedBootstrapResult | SignFlipResult | UndefinedMetricError;
  const inferred = (customers: number, results: readonly Resampled[] | null, delongs?: (DeLongResult | null)[]): CellResult => {
    const diff = pairs.map(() => metrics.map((): Inferred => null));
    const dls = pairs.map(() => metrics.map((): DeLongResult | null => null));
    results?.forEach((r, t) => {
      const p = Math.floor(t / metrics.length), m = t % metrics.length;
      // e.g. AUC in a cell where every outcome is the same: no difference to report
      if (r instanceof UndefinedMetricError) return;
      dls[p]![m] = delongs?.[t] ?? null;
      const rule = { level: options.level, margin: margins[p]![m]!, higherIsBetter: METRICS[metrics[m]!].higherIsBetter };
      diff[p]![m] = { difference: inferredDifference(r, r.distribution, rule), distribution: r.distribution };
    });
    return { customers, diff, delong: dls };
  };
  const knownOn = (rows: Int32Array) => (metric: MetricName, k: number, compute: () => number | null): number | null => memo.metric(rows, models[k]!, metric, compute);
  // p-values come from the customer bootstrap for every metric and cell (rows of one customer are
  // correlated); DeLong, which treats rows as independent, is reported for the overall AUC only.
  // The overall cell and the cells with few customers (sign flips) are evaluated here.
  const evaluateCell = (rows: Int32Array, withDelong = false): CellResult => {
    const customers = memo.customers(rows);
    let results: Resampled[] | null = null;
    let delongs: (DeLongResult | null)[] | undefined;
    if (customers >= minCustomers && metrics.length > 0) {
      const cell = gatherCell(columns, rows, modelsOf(targets));
      // few customers: sign flips where the metric decomposes over rows, the bootstrap for the rest
      const flips = customers < smallCell.signFlipBelow
        ? targets.map((t) => signFlipMetric(t.metric, cell.cluster, cell.y, cell.models[t.a]!, cell.models[t.b]!, { resamples: options.resamples, seed: options.seed, exactUpTo: smallCell.exactUpTo }))
        : targets.map(() => null);
      const boot = cellBootstraps(cell, targets.filter((_, t) => !flips[t]), bootstrap, knownOn(rows));
      let next = 0;
      results = flips.map((f) => f ?? boot[next++]!);
      if (withDelong) {
        // each model's placements once, whatever the pairs it is in
        const placed = new Map<NumericColumn, DeLongPlacements>();
        delongs = targets.map((t, i) => (t.metric === "auc" && !(results![i] instanceof UndefinedMetricError) ? delongOrNull(cell.y, cell.models[t.a]!, cell.models[t.b]!, options.level, placed, cell.ties) : null));
      }
    }
    return inferred(customers, results, delongs);
  };
  // the other cells go through a queue that a helper thread shares where there is one
  const others = [...cells, ...segCells];
  const queued = metrics.length > 0 ? others.filter((c) => memo.customers(c.rows) >= Math.max(minCustomers, smallCell.signFlipBelow)) : [];
  // every scored model's metrics on all test rows first, here: a prediction that is not valid fails
  // on them, naming its test row, before any cell is handed out (scoreModels reads them off the memo)
  for (const k of score.models) for (const metric of score.metrics) onAll(metric, models[k]!);
  const queue = startCellQueue(trainThreads(), columns, queued.map((c) => c.rows), targets, bootstrap, score, options.cellThreadsFrom);
  const overall = evaluateCell(all, true);
  report(++doneHere);
  pairs.forEach(([irm, crm], p) =>
    metrics.forEach((metric, m) => {
      if (!overall.diff[p]![m]) throw new Error(`compare: ${metric} of ${irm.name} vs ${crm.name} has no confidence interval: the test set has fewer than ${minCustomers} customers (inference.minCustomers) or the metric is undefined on it`);
    }),
  );
  const resultOf = new Map<TestCell, CellResult>();
  let queuedDone = 0;
  for (let k = queue.claim(); k >= 0; k = queue.claim()) {
    const { rows } = queued[k]!;
    resultOf.set(queued[k]!, inferred(memo.customers(rows), queuedCell(columns, rows, targets, bootstrap, score, knownOn(rows))));
    queuedDone = queue.done();
    report(doneHere + queuedDone);
  }
  const inQueue = new Set(queued);
  for (const cell of others) {
    if (inQueue.has(cell)) continue;
    resultOf.set(cell, evaluateCell(cell.rows));
    report(++doneHere + queuedDone);
  }
  for (const [k, outcome] of queue.collect()) {
    const { rows } = queued[k]!;
    for (const [model, metric, value] of outcome.estimates) memo.metric(rows, models[model]!, metric, () => value);
    resultOf.set(queued[k]!, inferred(memo.customers(rows), outcome.results));
  }
  if (reported < 1) report(totalCells);
  const evaluated = (list: readonly TestCell[]) => list.map((cell) => ({ cell, result: resultOf.get(cell)! }));
  const contextResults = evaluated(cells);
  const segmentResults = evaluated(segCells);
  const small = tooFewCustomersNote(minCustomers);
  return pairs.map(([irm, crm], p) =>
    metrics.map((metric, m): Comparison => {
      const toCell = ({ cell, result }: { cell: TestCell; result: CellResult }) => {
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

function delongOrNull(y: Float64Array, a: Float64Array, b: Float64Array, level: number, placed: Map<NumericColumn, DeLongPlacements>, ties: ReadonlyMap<Float64Array, TieGroups>) {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  if (pos < 2 || y.length - pos < 2) return null;
  const r = delong(y, a, b, level, placed, ties as ReadonlyMap<NumericColumn, TieGroups>);
  return Number.isFinite(r.pValue) ? r : null;
}

/**
 * Every metric of one model on one cell (AUC from the tie groups of all the model's predictions,
 * read off for the cell's rows).
 */
function cellMetrics(test: Interactions, predictions: Float64Array, rows: Int32Array, metrics: readonly MetricName[], memo: TestSetMemo): CellMetrics {
  let y: Float64Array | null = null, p: Float64Array | null = null;
  const values: Partial<Record<MetricName, number | null>> = {};
  for (const m of metrics) {
    values[m] = memo.metric(rows, predictions, m, () => {
      y ??= gather(test.outcome, rows);
      p ??= gather(predictions, rows);
      return cellMetric(m, y, p, m === "auc" ? subsetTieGroups(memo.tiesOf(predictions), rows) : null);
    });
  }
  return { rows: rows.length, customers: memo.customers(rows), metrics: values };
}

export { contextCells };

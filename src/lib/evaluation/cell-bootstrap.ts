import type { MetricName } from "./metric-names.js";
import { FIRST_ORDER_AUC_FROM, subsetTieGroups, type TieGroups } from "../metrics/grouped-auc.js";
import { gather } from "../schema/interactions.js";
import { pairedBootstrapMany, type PairedBootstrapResult, type UndefinedMetricError } from "../stats/paired-bootstrap.js";
import { aucOfTies } from "../metrics/auc.js";
import { computeMetric } from "../metrics/compute-metric.js";

/**
 * One evaluation cell's paired customer bootstraps, the part of a comparison that the calling
 * thread and a helper thread share (cell-bootstrap-thread.ts):
 *
 *   the cell's rows → outcome, customers and each model's predictions gathered, each model's tie
 *   groups read off those of all test rows (AUC) → pairedBootstrapMany over the targets
 *   → every metric of the scored models (scoreModels reads them off its memo)
 *
 * A pure function of the columns, the rows and the options, so a cell comes out the same on any
 * thread.
 */

/** What a cell's bootstraps read: the test set's columns and the models' predictions. */
export interface CompareColumns {
  readonly outcome: Float64Array;
  readonly customer: Int32Array;
  /** Predictions of each model (compared or scored) over every test row. */
  readonly models: readonly Float64Array[];
  /** Each model's tie groups over every test row (AUC needs them), or null where no metric is AUC. */
  readonly ties: readonly (TieGroups | null)[];
}

/** One paired difference: metric(models[a]) − metric(models[b]). */
export interface CellTarget {
  readonly metric: MetricName;
  readonly a: number;
  readonly b: number;
}

/** The bootstrap's settings, the same in every cell. */
export interface CellBootstrapOptions {
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  readonly method: "percentile" | "bca";
}

/** A cell's rows gathered from the columns. */
export interface GatheredCell {
  readonly y: Float64Array;
  readonly cluster: Int32Array;
  /** Per model index: its predictions on the cell's rows (only the models gathered). */
  readonly models: readonly (Float64Array | undefined)[];
  /** Tie groups of the gathered predictions, for AUC. */
  readonly ties: ReadonlyMap<Float64Array, TieGroups>;
}

/** Gathers the cell's rows of the outcome, the customers and the models of the given indices. */
export function gatherCell(columns: CompareColumns, rows: Int32Array, gathered: Iterable<number>): GatheredCell {
  const models: (Float64Array | undefined)[] = new Array(columns.models.length);
  const ties = new Map<Float64Array, TieGroups>();
  for (const k of gathered) {
    if (models[k]) continue;
    const p = (models[k] = gather(columns.models[k]!, rows));
    const all = columns.ties[k];
    if (all) ties.set(p, subsetTieGroups(all, rows));
  }
  return { y: gather(columns.outcome, rows), cluster: gather(columns.customer, rows), models, ties };
}

/** The indices of the models that targets name, then of the scored models, each once. */
export function modelsOf(targets: readonly CellTarget[], scored: readonly number[] = []): number[] {
  return [...new Set([...targets.flatMap(({ a, b }) => [a, b]), ...scored])];
}

/**
 * A model's metric on a set of rows, as every path of the evaluation computes it (scoreModels' cells,
 * the comparison's margins, the queued cells): AUC from the scores' tie groups where they are known
 * (read off all test rows'), the rest by computeMetric. One function, so that a value memoized by
 * one path is the value every other path would have computed.
 * @param ranked tie groups of `predictions`, or null to sort them here (AUC only)
 */
export function cellMetric(metric: MetricName, outcome: Float64Array, predictions: Float64Array, ranked: TieGroups | null): number | null {
  return metric === "auc" ? aucOfTies(outcome, predictions, ranked) : computeMetric(metric, outcome, predictions);
}

/** Where a model's metric on a cell may be known: (metric, model index, compute) → the value. */
export type KnownMetric = (metric: MetricName, model: number, compute: () => number | null) => number | null;

/**
 * Every metric of the given models on a gathered cell, through `known`, computed as scoreModels'
 * cellMetrics computes them (AUC from the tie groups read off all test rows'), so that it reads them
 * off its memo. The models must have been gathered.
 */
export function scoreCell(cell: GatheredCell, models: readonly number[], metrics: readonly MetricName[], known: KnownMetric): void {
  for (const k of models) {
    const p = cell.models[k]!;
    for (const metric of metrics) {
      known(metric, k, () => cellMetric(metric, cell.y, p, cell.ties.get(p) ?? null));
    }
  }
}

/**
 * pairedBootstrapMany of the targets on a gathered cell.
 * @param known where a model's metric on the cell may already be known: (metric, model index,
 *   compute) → the value (pairedBootstrapMany's `known`)
 */
export function cellBootstraps(
  cell: GatheredCell,
  targets: readonly CellTarget[],
  options: CellBootstrapOptions,
  known?: KnownMetric,
): (PairedBootstrapResult | UndefinedMetricError)[] {
  if (targets.length === 0) return [];
  const index = new Map<Float64Array, number>();
  cell.models.forEach((p, k) => p && index.set(p, k));
  return pairedBootstrapMany({
    cluster: cell.cluster,
    outcome: cell.y,
    targets: targets.map(({ metric, a, b }) => ({ metric, a: cell.models[a]!, b: cell.models[b]! })),
    ties: cell.ties,
    ...(known ? { known: (metric: MetricName, p: Float64Array, compute: () => number | null) => known(metric, index.get(p)!, compute) } : {}),
    firstOrderAucFrom: FIRST_ORDER_AUC_FROM,
    resamples: options.resamples,
    level: options.level,
    seed: options.seed,
    method: options.method,
  });
}

/** Models (indices into the columns' models) whose every metric a cell computes for scoreModels. */
export interface CellScoring {
  readonly models: readonly number[];
  readonly metrics: readonly MetricName[];
}

/**
 * One queued cell: its bootstraps and the scored models' metrics, each metric through `known`.
 * The same on either thread.
 */
export function queuedCell(
  columns: CompareColumns,
  rows: Int32Array,
  targets: readonly CellTarget[],
  options: CellBootstrapOptions,
  score: CellScoring,
  known: KnownMetric,
): (PairedBootstrapResult | UndefinedMetricError)[] {
  const cell = gatherCell(columns, rows, modelsOf(targets, score.models));
  const results = cellBootstraps(cell, targets, options, known);
  scoreCell(cell, score.models, score.metrics, known);
  return results;
}

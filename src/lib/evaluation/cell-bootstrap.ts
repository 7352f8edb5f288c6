import type { MetricName } from "./metric-names.js";
import { FIRST_ORDER_AUC_FROM, subsetTieGroups, type TieGroups } from "../metrics/grouped-auc.js";
import { gather } from "../schema/interactions.js";
import { pairedBootstrapMany, type PairedBootstrapResult, type UndefinedMetricError } from "../stats/paired-bootstrap.js";

/**
 * One evaluation cell's paired customer bootstraps, the part of a comparison that the calling
 * thread and a helper thread share (cell-bootstrap-thread.ts):
 *
 *   the cell's rows → outcome, customers and each compared model's predictions gathered, each
 *   model's tie groups read off those of all test rows (AUC) → pairedBootstrapMany over the targets
 *
 * A pure function of the columns, the rows and the options, so a cell comes out the same on any
 * thread.
 */

/** What a cell's bootstraps read: the test set's columns and the compared models' predictions. */
export interface CompareColumns {
  readonly outcome: Float64Array;
  readonly customer: Int32Array;
  /** Predictions of each compared model over every test row. */
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
  /** Per model index: its predictions on the cell's rows (only the models the targets name). */
  readonly models: readonly (Float64Array | undefined)[];
  /** Tie groups of the gathered predictions, for AUC. */
  readonly ties: ReadonlyMap<Float64Array, TieGroups>;
}

/** Gathers the cell's rows of the outcome, the customers and every model `targets` name. */
export function gatherCell(columns: CompareColumns, rows: Int32Array, targets: readonly CellTarget[]): GatheredCell {
  const models: (Float64Array | undefined)[] = new Array(columns.models.length);
  const ties = new Map<Float64Array, TieGroups>();
  for (const { a, b } of targets) {
    for (const k of [a, b]) {
      if (models[k]) continue;
      const p = (models[k] = gather(columns.models[k]!, rows));
      const all = columns.ties[k];
      if (all) ties.set(p, subsetTieGroups(all, rows));
    }
  }
  return { y: gather(columns.outcome, rows), cluster: gather(columns.customer, rows), models, ties };
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
  known?: (metric: MetricName, model: number, compute: () => number | null) => number | null,
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

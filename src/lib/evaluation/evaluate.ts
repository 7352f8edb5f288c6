import { gather, type Interactions } from "../schema/interactions.js";
import type { ModelFamily } from "../models/model.js";
import type { CellMetrics, Comparison, ContextCell, ModelMetrics, PairedDifference } from "../run/run-record.js";
import { computeMetric } from "../metrics/compute-metric.js";
import { pairedBootstrap, UndefinedMetricError } from "../stats/paired-bootstrap.js";
import { METRICS, metricsFor, type MetricName } from "./metric-names.js";

/**
 * Scoring on held-out rows.
 *
 *   test rows + predictions per model
 *     → scoreModels:   every metric of the outcome type, overall and per context value
 *     → compareModels: metric(irm) − metric(crm) with a paired bootstrap CI over customers,
 *                      overall and per context value
 */
export interface ScoredModel {
  readonly name: string;
  readonly family: ModelFamily;
  readonly predictions: Float64Array;
}

/** Row indices of `test` per (context dimension, level), in dimension then level order. */
export function contextCells(test: Interactions): { dimension: string; level: string; rows: Int32Array }[] {
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

/** Metrics of every model on `test`, overall and per context value. */
export function scoreModels(test: Interactions, models: readonly ScoredModel[]): ModelMetrics[] {
  const metrics = metricsFor(test.outcomeSpec.type);
  const cells = contextCells(test);
  const all = allRows(test.size);
  return models.map((m) => ({
    model: m.name,
    family: m.family,
    overall: cellMetrics(test, m.predictions, all, metrics),
    byContext: cells.map((cell): ContextCell => ({ dimension: cell.dimension, level: cell.level, ...cellMetrics(test, m.predictions, cell.rows, metrics) })),
  }));
}

export interface CompareOptions {
  readonly metrics: readonly MetricName[];
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  /** Cells with fewer customers than this get no CI (difference null). Default 5. */
  readonly minCustomers?: number;
}

/** Paired comparison of an IRM model with a CRM model on every metric, overall and per context value. */
export function compareModels(test: Interactions, irm: ScoredModel, crm: ScoredModel, options: CompareOptions): Comparison[] {
  const cells = contextCells(test);
  const all = allRows(test.size);
  const minCustomers = options.minCustomers ?? 5;
  return options.metrics.map((metric) => {
    const diff = (rows: Int32Array): PairedDifference | null => {
      if (distinctCustomers(test.customer, rows) < minCustomers) return null;
      try {
        const { estimate, lower, upper, level, resamples, rows: n, customers } = pairedBootstrap({
          cluster: gather(test.customer, rows),
          outcome: gather(test.outcome, rows),
          a: gather(irm.predictions, rows),
          b: gather(crm.predictions, rows),
          metric,
          resamples: options.resamples,
          level: options.level,
          seed: options.seed,
        });
        return { estimate, lower, upper, level, resamples, rows: n, customers };
      } catch (error) {
        // e.g. AUC in a cell where every outcome is the same: no difference to report
        if (error instanceof UndefinedMetricError) return null;
        throw error;
      }
    };
    const overall = diff(all);
    if (!overall) throw new Error(`compare: ${metric} of ${irm.name} vs ${crm.name} has no confidence interval: the test set has fewer than ${minCustomers} customers or the metric is undefined on it`);
    return {
      irm: irm.name,
      crm: crm.name,
      metric,
      higherIsBetter: METRICS[metric].higherIsBetter,
      overall,
      byContext: cells.map((cell) => ({
        dimension: cell.dimension,
        level: cell.level,
        rows: cell.rows.length,
        customers: distinctCustomers(test.customer, cell.rows),
        difference: diff(cell.rows),
      })),
    };
  });
}

function cellMetrics(test: Interactions, predictions: Float64Array, rows: Int32Array, metrics: readonly MetricName[]): CellMetrics {
  const y = gather(test.outcome, rows);
  const p = gather(predictions, rows);
  const values: Partial<Record<MetricName, number | null>> = {};
  for (const m of metrics) values[m] = computeMetric(m, y, p);
  return { rows: rows.length, customers: distinctCustomers(test.customer, rows), metrics: values };
}

function allRows(n: number): Int32Array {
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

import type { MetricName } from "./metric-names.js";
import { tieGroups, type TieGroups } from "../metrics/grouped-auc.js";
import type { ContextColumn, Interactions } from "../schema/interactions.js";

/**
 * What scoring (scoreModels) and comparing (compareModelPairs) both compute on one test set,
 * computed once when they share a memo (evaluateRun): the cells' row lists, each cell's customer
 * count, each model's tie groups (the sort of its scores over all test rows) and each (cell, model,
 * metric) value. Every value is what the first caller computed, and both callers compute the same
 * function of the same rows, so sharing changes no number; it halves the per-cell metric passes.
 *
 * Keys are array identities: a model is its predictions array, a cell its rows array, a family of
 * cells the context columns it was made from. Holds numbers and row lists, no gathered columns.
 */
export class TestSetMemo {
  private readonly cellLists = new Map<readonly ContextColumn[], readonly TestCell[]>();
  private everyRow: Int32Array | null = null;
  private readonly customerCounts = new Map<Int32Array, number>();
  private readonly ties = new Map<Float64Array, TieGroups>();
  private readonly values = new Map<Int32Array, Map<Float64Array, Map<MetricName, number | null>>>();

  constructor(readonly test: Pick<Interactions, "size" | "customer">) {}

  /** 0..size−1, the overall cell. */
  allRows(): Int32Array {
    if (!this.everyRow) {
      const rows = new Int32Array(this.test.size);
      for (let i = 0; i < rows.length; i++) rows[i] = i;
      this.everyRow = rows;
    }
    return this.everyRow;
  }

  /** contextCells of these columns (the test set's contexts, or its segment columns), made once per columns array. */
  cells(columns: readonly ContextColumn[]): readonly TestCell[] {
    let list = this.cellLists.get(columns);
    if (!list) this.cellLists.set(columns, (list = contextCells({ size: this.test.size, contexts: columns })));
    return list;
  }

  /** Distinct customers among `rows`. */
  customers(rows: Int32Array): number {
    let n = this.customerCounts.get(rows);
    if (n === undefined) this.customerCounts.set(rows, (n = distinctCustomers(this.test.customer, rows)));
    return n;
  }

  /** tieGroups of a model's predictions over every test row. */
  tiesOf(predictions: Float64Array): TieGroups {
    let ranked = this.ties.get(predictions);
    if (!ranked) this.ties.set(predictions, (ranked = tieGroups(predictions)));
    return ranked;
  }

  /** The metric of a model on a cell: the value computed earlier, else `compute()`'s, kept. */
  metric(rows: Int32Array, predictions: Float64Array, metric: MetricName, compute: () => number | null): number | null {
    let byModel = this.values.get(rows);
    if (!byModel) this.values.set(rows, (byModel = new Map()));
    let byMetric = byModel.get(predictions);
    if (!byMetric) byModel.set(predictions, (byMetric = new Map()));
    if (!byMetric.has(metric)) byMetric.set(metric, compute());
    return byMetric.get(metric)!;
  }
}

/** One context (or segment) value's test rows. */
export interface TestCell {
  readonly dimension: string;
  readonly level: string;
  readonly rows: Int32Array;
}

/** Row indices of `test` per (context dimension, level), in dimension then level order; levels without rows left out. */
export function contextCells(test: Pick<Interactions, "size" | "contexts">): TestCell[] {
  const cells: TestCell[] = [];
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

/** Number of distinct customers among `rows` (a byte per customer code, not a hash set). */
export function distinctCustomers(customer: Int32Array, rows: Int32Array): number {
  let max = -1;
  for (let i = 0; i < rows.length; i++) if (customer[rows[i]!]! > max) max = customer[rows[i]!]!;
  const seen = new Uint8Array(max + 1);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = customer[rows[i]!]!;
    n += 1 - seen[c]!;
    seen[c] = 1;
  }
  return n;
}

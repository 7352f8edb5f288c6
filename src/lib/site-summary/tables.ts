import type { MetricName } from "../evaluation/metric-names.js";
import type { ModelTablesSource } from "./comparison/model-cells.js";
import { formatNumber } from "../format/format-number.js";
import { metricLabel } from "./describe-verdict.js";

/** A table ready to render: header labels and rows of display strings. */
export interface DisplayTable {
  /** One sentence saying what the table shows (rendered as its caption). */
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly DisplayRow[];
}

/** One row of a {@link DisplayTable}; `suppressed[i]` marks a cell withheld for privacy. */
export interface DisplayRow {
  readonly cells: readonly string[];
  readonly suppressed: readonly boolean[];
}

/**
 * Every model's overall test metrics: one row per model (name, family, customers, each metric).
 * @param summary the site summary, or its per-model fields rebuilt from models.arrow (modelTablesSource)
 */
export function modelMetricsTable(summary: ModelTablesSource): DisplayTable {
  const metrics = summary.metrics;
  return {
    caption: `Test metrics of every model on ${summary.split.testRows.toLocaleString("en-US")} held-out rows.`,
    columns: ["model", "family", "customers", ...metrics.map((m) => `${m.label} (${m.higherIsBetter ? "higher" : "lower"} is better)`)],
    rows: summary.models.map((m) => ({
      cells: [
        m.name,
        m.familyLabel,
        m.overall.suppressed ? `fewer than ${summary.minCellCustomers}` : (m.overall.customers ?? 0).toLocaleString("en-US"),
        ...metrics.map((k) => (m.overall.suppressed ? "suppressed" : formatNumber(m.overall.metrics[k.name] ?? null))),
      ],
      suppressed: [false, false, m.overall.suppressed, ...metrics.map(() => m.overall.suppressed)],
    })),
  };
}

/**
 * One metric per context value and model: one row per context value, one column per model.
 * Suppressed cells read "suppressed" and are flagged.
 * @param summary the site summary, or its per-model fields rebuilt from models.arrow (modelTablesSource)
 * @param metric the metric to show
 */
export function contextMetricsTable(summary: ModelTablesSource, metric: MetricName): DisplayTable {
  const models = summary.models.map((m) => m.name);
  const byKey = new Map(summary.cells.map((c) => [`${c.model}\u0000${c.dimension}\u0000${c.level}`, c]));
  const rows: DisplayRow[] = summary.dataset.contexts.flatMap((dim) =>
    dim.levels.flatMap((level) => {
      const cells = models.map((model) => byKey.get(`${model}\u0000${dim.name}\u0000${level}`));
      if (cells.every((c) => c === undefined)) return [];
      const first = cells.find((c) => c !== undefined);
      return [
        {
          cells: [
            `${dim.name}: ${level}`,
            first?.suppressed ? `fewer than ${summary.minCellCustomers}` : (first?.customers ?? 0).toLocaleString("en-US"),
            ...cells.map((c) => (c === undefined ? "—" : c.suppressed ? "suppressed" : formatNumber(c.metrics[metric] ?? null))),
          ],
          suppressed: [false, first?.suppressed ?? false, ...cells.map((c) => c?.suppressed ?? false)],
        },
      ];
    }),
  );
  return {
    caption: `Test ${metricLabel(metric)} per context value and model; cells with fewer than ${summary.minCellCustomers} customers are suppressed.`,
    columns: ["context value", "customers", ...models],
    rows,
  };
}

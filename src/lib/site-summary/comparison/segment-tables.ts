import type { MetricName } from "../../evaluation/metric-names.js";
import { VERDICTS } from "../../evaluation/verdict.js";
import type { SiteComparison, SiteContextDifference } from "../site-summary-types.js";
import type { ModelTablesSource } from "./model-cells.js";
import type { DisplayRow, DisplayTable } from "../tables.js";
import { formatInterval, formatPointEstimate, intervalOf } from "../../format/format-interval.js";
import { formatNumber, formatP } from "../../format/format-number.js";
import { metricLabel } from "../describe-verdict.js";

/** Display labels of the segment dimensions the runner writes. */
export const SEGMENT_LABELS: Readonly<Record<string, string>> = { history: "history length", rfm: "RFM segment" };

/**
 * The paired difference IRM − CRM per cell of one dimension (a context or a customer segment),
 * with its CI and Holm-adjusted p-value; suppressed cells read "suppressed" and are flagged.
 * @param comparison a comparison of the site summary
 * @param cells the cells to list (comparison.byContext or .bySegment, filtered to one dimension)
 * @param minCellCustomers the suppression threshold (for the caption)
 */
export function differenceTable(comparison: SiteComparison, cells: readonly SiteContextDifference[], minCellCustomers: number): DisplayTable {
  const rows: DisplayRow[] = cells.map((d) => {
    const hidden = d.suppressed;
    return {
      cells: [
        `${SEGMENT_LABELS[d.dimension] ?? d.dimension}: ${d.level}`,
        hidden ? `fewer than ${minCellCustomers}` : (d.customers ?? 0).toLocaleString("en-US"),
        hidden ? "suppressed" : formatPointEstimate(intervalOf(d.estimate, d.adjusted?.lower ?? d.lower, d.adjusted?.upper ?? d.upper), { signed: true }),
        // the Holm-consistent interval, so that the interval and the verdict in this row agree
        hidden ? "suppressed" : d.estimate === null ? "not estimated" : formatInterval(intervalOf(d.estimate, d.adjusted?.lower ?? d.lower, d.adjusted?.upper ?? d.upper), { signed: true }),
        hidden ? "suppressed" : formatP(d.pHolm),
        hidden ? "suppressed" : d.verdict === null ? "—" : VERDICTS[d.verdict],
      ],
      suppressed: [false, hidden, hidden, hidden, hidden, hidden],
    };
  });
  return {
    caption:
      `${comparison.label} difference ${comparison.irm} (IRM) − ${comparison.crm} (CRM) per cell, with the confidence interval ` +
      `and the p-value adjusted for testing every cell (Holm: the interval excludes 0 exactly when p (Holm) < ${round(1 - comparison.level)}); ` +
      `cells with fewer than ${minCellCustomers} customers are suppressed.`,
    columns: ["cell", "customers", "difference", "Holm-adjusted CI", "p (Holm)", "verdict"],
    rows,
  };
}

/**
 * One metric per customer segment and model, for one segment dimension.
 * @param summary the site summary, or its per-model fields rebuilt from models.arrow (modelTablesSource)
 * @param metric the metric to show
 * @param dimension the segment dimension ("history" or "rfm")
 */
export function segmentMetricsTable(summary: ModelTablesSource, metric: MetricName, dimension: string): DisplayTable {
  const models = summary.models.map((m) => m.name);
  const byKey = new Map(summary.segments.cells.map((c) => [`${c.model}\u0000${c.dimension}\u0000${c.level}`, c]));
  const levels = summary.segments.dimensions.find((d) => d.name === dimension)?.levels ?? [];
  const rows: DisplayRow[] = levels.map((level) => {
    const cells = models.map((model) => byKey.get(`${model}\u0000${dimension}\u0000${level}`));
    const first = cells.find((c) => c !== undefined);
    return {
      cells: [
        level,
        first?.suppressed ? `fewer than ${summary.minCellCustomers}` : (first?.customers ?? 0).toLocaleString("en-US"),
        ...cells.map((c) => (c === undefined ? "—" : c.suppressed ? "suppressed" : formatNumber(c.metrics[metric] ?? null))),
      ],
      suppressed: [false, first?.suppressed ?? false, ...cells.map((c) => c?.suppressed ?? false)],
    };
  });
  return {
    caption: `Test ${metricLabel(metric)} per ${SEGMENT_LABELS[dimension] ?? dimension} and model; cells with fewer than ${summary.minCellCustomers} customers are suppressed.`,
    columns: [SEGMENT_LABELS[dimension] ?? dimension, "customers", ...models],
    rows,
  };
}

/** α for display: 0.05, not 0.050000000000000044. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

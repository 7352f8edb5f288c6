import type { TopLevelSpec } from "vega-lite";
import type { SiteComparison, SiteDifference } from "../lib/site-summary/site-summary-types.js";
import { formatEstimate, intervalOf } from "../lib/format/format-interval.js";
import { VERDICTS, type Verdict } from "../lib/evaluation/verdict.js";
import { CHART_FRAME, VERDICT_COLORS, labelLimitFor, chartTitle } from "./chart-theme.js";

/** Options of {@link forestPlotSpec}. */
export interface ForestPlotOptions {
  /** Total chart width in CSS pixels, axis labels included. Default 640. */
  readonly width?: number;
  /** The suppression threshold, quoted in the label of suppressed rows. Default 10. */
  readonly minCellCustomers?: number;
  /** What the rows break the difference down by, for the title: "context" or "customer segment". Default "context". */
  readonly by?: string;
}

/** One row of the forest plot's data. */
export interface ForestRow {
  /** Axis label, e.g. "companion: alone" or "overall". */
  readonly row: string;
  readonly estimate: number | null;
  /** The drawn interval: the CI overall, the Holm-consistent interval per cell (when the run recorded it). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Level of the drawn interval, e.g. 0.95 overall, 0.9987 for a Holm-adjusted cell. */
  readonly level: number | null;
  /** Legend label of the verdict, or null for suppressed / not estimated rows. */
  readonly status: string | null;
  /** Why a row has no estimate; null when it has one. */
  readonly note: string | null;
  readonly customers: number | null;
  /** Holm-adjusted p-value of the cell, when the run recorded one. */
  readonly pHolm: number | null;
}

/**
 * The rows of a forest plot: overall first, then every context value in the comparison's order.
 * Context rows draw the Holm-consistent interval, so a bar misses zero exactly when the row's
 * verdict claims a difference.
 * @param comparison a comparison of the site summary
 * @param minCellCustomers the suppression threshold (for the note of suppressed rows)
 * @param short whether notes should be short (phone width). Default false.
 */
export function forestRows(comparison: SiteComparison, minCellCustomers = 10, short = false): ForestRow[] {
  const suppressed = short ? `suppressed (< ${minCellCustomers})` : `suppressed: fewer than ${minCellCustomers} customers`;
  const unestimated = short ? "not estimated" : "not estimated: too few rows";
  const row = (label: string, d: SiteDifference): ForestRow => ({
    row: label,
    estimate: d.estimate,
    lower: d.adjusted?.lower ?? d.lower,
    upper: d.adjusted?.upper ?? d.upper,
    level: d.estimate === null ? null : (d.adjusted?.level ?? comparison.level),
    status: d.verdict === null ? null : VERDICTS[d.verdict],
    note: d.suppressed ? suppressed : d.estimate === null ? unestimated : null,
    customers: d.customers,
    pHolm: d.pHolm ?? null,
  });
  return [row("overall", comparison.overall), ...comparison.byContext.map((d) => row(`${d.dimension}: ${d.level}`, d))];
}

/**
 * A forest plot of metric(IRM) − metric(CRM) per context value with CI error bars, overall on top.
 * Suppressed and unestimated cells are listed with a note instead of a point.
 * @param comparison a comparison of the site summary
 * @param options see {@link ForestPlotOptions}
 * @returns a Vega-Lite spec with title and description (the description is the chart's accessible text)
 */
export function forestPlotSpec(comparison: SiteComparison, options: ForestPlotOptions = {}): TopLevelSpec {
  const { width = 640, minCellCustomers = 10, by = "context" } = options;
  const narrow = width < 560;
  const rows = forestRows(comparison, minCellCustomers, narrow);
  const favours = comparison.higherIsBetter ? "positive" : "negative";
  const title = `${comparison.label}: IRM − CRM by ${by}`;
  const o = comparison.overall;
  const description =
    `Forest plot of the ${comparison.label} difference between ${comparison.irm} (IRM) and ${comparison.crm} (CRM) ` +
    `for ${rows.length - 1} ${by === "context" ? "context values" : `${by} cells`}, with ${Math.round(comparison.level * 100)}% confidence intervals; ${favours} values favour IRM. ` +
    `Overall: ${formatEstimate(intervalOf(o.estimate, o.lower, o.upper, comparison.level), { signed: true })}.`;
  // Narrow (phone) charts: short axis labels, title and notes, a vertical legend, so the plot keeps its width.
  const axisTitle = narrow ? `${comparison.label}, IRM − CRM` : `${comparison.label} difference, ${comparison.irm} − ${comparison.crm}`;
  // An explicit domain keeps the row order: each layer filters rows, and a union of per-layer domains would not.
  const y = {
    field: "row",
    type: "nominal",
    title: null,
    scale: { domain: rows.map((r) => r.row) },
    axis: { labelLimit: labelLimitFor(rows.map((r) => r.row), width) },
  } as const;
  const tooltip = [
    { field: "row", type: "nominal", title: "cell" },
    { field: "estimate", type: "quantitative", format: ".4f", title: "difference" },
    { field: "lower", type: "quantitative", format: ".4f", title: "CI lower" },
    { field: "upper", type: "quantitative", format: ".4f", title: "CI upper" },
    { field: "level", type: "quantitative", format: ".2%", title: "CI level" },
    { field: "customers", type: "quantitative", format: ",", title: "customers" },
    { field: "pHolm", type: "quantitative", format: ".3g", title: "p (Holm-adjusted)" },
  ] as const;
  const verdicts = Object.keys(VERDICTS) as Verdict[];
  const statuses = verdicts.map((w) => VERDICTS[w]);
  return {
    ...CHART_FRAME,
    title: chartTitle(narrow ? `${comparison.label}: IRM − CRM` : title, width, `${favours === "positive" ? "Right" : "Left"} of zero favours IRM; bars are ${Math.round(comparison.level * 100)}% CIs, widened per ${by} for the number of cells tested (Holm).`),
    description,
    width,
    // A fixed height (24 px per row) rather than {step}: Vega-Lite warns about fit-x with a discrete height.
    height: rows.length * 24,
    data: { values: rows as unknown as Record<string, unknown>[] },
    layer: [
      {
        // The zero line spans the whole plot: one datum, no y encoding; decorative (aria: false), the axis says where zero is.
        data: { values: [{}] },
        mark: { type: "rule", color: "#777777", strokeDash: [4, 3], aria: false },
        encoding: { x: { datum: 0, type: "quantitative", title: axisTitle } },
      },
      {
        transform: [{ filter: "datum.estimate != null" }],
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          x: { field: "lower", type: "quantitative", title: axisTitle },
          x2: { field: "upper" },
          color: {
            field: "status",
            type: "nominal",
            scale: { domain: statuses, range: verdicts.map((w) => VERDICT_COLORS[w]) },
            title: null,
            legend: narrow ? { direction: "vertical" } : { direction: "horizontal" },
          },
          tooltip: [...tooltip],
        },
      },
      {
        transform: [{ filter: "datum.estimate != null" }],
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          y,
          x: { field: "estimate", type: "quantitative", title: axisTitle },
          color: { field: "status", type: "nominal", title: null },
          tooltip: [...tooltip],
        },
      },
      {
        transform: [{ filter: "datum.estimate == null" }],
        mark: { type: "text", align: "left", color: "#444444", fontStyle: "italic" },
        // Pinned to the left edge of the plot, so the note never runs off the right side.
        encoding: { y, x: { value: 4 }, text: { field: "note", type: "nominal" } },
      },
    ],
  };
}

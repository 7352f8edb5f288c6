import type { TopLevelSpec } from "vega-lite";
import { CHART_FRAME, labelLimitFor, chartTitle } from "./chart-theme.js";
import type { EstimateRow } from "../lib/site-summary/value-rows.js";

/**
 * One estimate with its confidence interval; estimate null marks a row withheld or not computed
 * (`note` is shown instead, default "not computed"; `group` colours the row).
 */
export type IntervalRow = EstimateRow;

/** Options of {@link intervalSpec}. */
export interface IntervalOptions {
  readonly title: string;
  /** Accessible description of the chart (becomes the SVG's aria-label). */
  readonly description: string;
  /** Axis title of the estimates. */
  readonly valueTitle: string;
  /** Total width in CSS pixels. Default 640. */
  readonly width?: number;
  /** d3 format of estimates. Default ".3~f". */
  readonly format?: string;
  /** Fixed value domain. Default: from the data. */
  readonly domain?: readonly [number, number];
  /** Value of a dashed reference line (e.g. 1 for a ratio). Default none. */
  readonly reference?: number;
  /** Colour per group. Default: one colour. */
  readonly colors?: Readonly<Record<string, string>>;
}

/**
 * A dot-and-whisker chart: one row per estimate with its CI, labels on the left, tooltips that say
 * what each number is; rows without an estimate show their note instead.
 * @param rows estimates in display order (labels unique)
 * @param options see {@link IntervalOptions}
 * @returns a Vega-Lite spec with title and description
 */
export function intervalSpec(rows: readonly IntervalRow[], options: IntervalOptions): TopLevelSpec {
  const { width = 640, format = ".3~f", domain, reference, colors } = options;
  const values = rows.map((r) => ({ label: r.label, estimate: r.estimate, lower: r.lower ?? r.estimate, upper: r.upper ?? r.estimate, group: r.group ?? "", note: r.estimate === null ? (r.note ?? "not computed") : (r.note ?? "") }));
  const y = { field: "label", type: "nominal", sort: null, title: null, scale: { domain: rows.map((r) => r.label) }, axis: { labelLimit: labelLimitFor(rows.map((r) => r.label), width) } } as const;
  const x = { field: "estimate", type: "quantitative", title: options.valueTitle, scale: { zero: false, ...(domain ? { domain: [...domain] } : {}) }, axis: { format, tickCount: width < 480 ? 4 : 6, labelOverlap: true } } as const;
  const groups = colors ? Object.keys(colors) : [];
  const color = colors ? { field: "group", type: "nominal", title: null, legend: null, scale: { domain: groups, range: groups.map((g) => colors[g]!) } } : { value: "#1f5f99" };
  const tooltip = [
    { field: "label", type: "nominal", title: "what" },
    { field: "estimate", type: "quantitative", format, title: "estimate" },
    { field: "lower", type: "quantitative", format, title: "95% CI from" },
    { field: "upper", type: "quantitative", format, title: "95% CI to" },
    { field: "note", type: "nominal", title: "note" },
  ];
  const shown = { filter: "datum.estimate != null" };
  return {
    ...CHART_FRAME,
    title: chartTitle(options.title, width),
    description: options.description,
    width,
    height: Math.max(1, rows.length) * 28,
    data: { values },
    layer: [
      ...(reference === undefined ? [] : [{ data: { values: [{ r: reference }] }, mark: { type: "rule", color: "#777777", strokeDash: [4, 3] }, encoding: { x: { field: "r", type: "quantitative" } } } as const]),
      { transform: [shown], mark: { type: "rule", strokeWidth: 2 }, encoding: { y, x: { ...x, field: "lower" }, x2: { field: "upper" }, color: color as never, tooltip } },
      { transform: [shown], mark: { type: "point", filled: true, size: 70 }, encoding: { y, x, color: color as never, tooltip } },
      { transform: [{ filter: "datum.estimate == null" }], mark: { type: "text", align: "left", color: "#444444", fontStyle: "italic" }, encoding: { y, x: { value: 4 }, text: { field: "note", type: "nominal" } } },
    ],
  } as TopLevelSpec;
}

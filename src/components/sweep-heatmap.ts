import type { TopLevelSpec } from "vega-lite";
import { metricLabel } from "../lib/site-summary/describe-verdict.js";
import type { MetricName } from "../lib/evaluation/metric-names.js";
import { CHART_FRAME, categoryLabelAngle, chartTitle } from "./chart-theme.js";

/** What the heat map needs of a sweep (a SiteSweep of sweeps.json, or a CatalogSweep of runs.json). */
export interface HeatmapSweep {
  readonly sweepId: string;
  readonly xParam: string;
  readonly yParam: string | null;
  readonly metric: string | null;
  readonly higherIsBetter: boolean;
  readonly cells: readonly { readonly x: string; readonly y: string; readonly estimate: number; readonly runs: number; readonly irmWins: number }[];
}

/** d3 format of every number the heat map prints (cell labels, legend, tooltip): one form, sign shown. */
const NUMBER_FORMAT = "+.2~g";

/**
 * Swept values in reading order: numbers ascending (on the y axis the largest at the top, as on
 * any chart with a value axis), other values in the order of the sweep.
 */
function sweptOrder(values: readonly string[]): string[] {
  const distinct = [...new Set(values)];
  return distinct.every((v) => v.trim() !== "" && Number.isFinite(Number(v))) ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct;
}

/**
 * "When does IRM pay off": a heat map of the mean headline difference IRM − CRM per pair of swept
 * values. The colour shows the difference itself (legend and labels read the same numbers), on a
 * scale symmetric around 0 (a tiny difference stays pale) and turned so that blue favours IRM
 * whatever the metric's direction; each cell is labelled with its value and how many runs found IRM
 * significantly better. Text turns white on the darkest cells. Numeric swept values run left to
 * right and bottom to top.
 * @param sweep the sweep
 * @param options width in CSS pixels (default 640)
 */
export function sweepHeatmapSpec(sweep: HeatmapSweep, options: { width?: number } = {}): TopLevelSpec {
  const { width = 640 } = options;
  const narrow = width < 560;
  const label = sweep.metric ? metricLabel(sweep.metric as MetricName) : "headline metric";
  // narrow: the run count goes on a second line of the label, so neighbouring cells' labels never meet
  const values = sweep.cells.map((c) => ({ ...c, wins: narrow ? `\n(${c.irmWins}/${c.runs})` : `  (IRM better in ${c.irmWins}/${c.runs})` }));
  const extent = Math.max(1e-12, ...values.map((v) => Math.abs(v.estimate)));
  const rows = sweptOrder(values.map((v) => v.y)).reverse();
  const columns = sweptOrder(values.map((v) => v.x));
  const rowsCount = Math.max(1, rows.length);
  return {
    ...CHART_FRAME,
    title: chartTitle(
      narrow ? `${label}: IRM − CRM` : `When does IRM pay off? ${label}, IRM − CRM`,
      width,
      narrow ? ["Blue: IRM better.", "(runs IRM significantly better / runs)"] : "Blue: IRM better, red: CRM better. Label: mean difference over seeds (runs where IRM was significantly better / runs).",
    ),
    description: `Heat map of sweep ${sweep.sweepId}: mean ${label} difference IRM − CRM by ${sweep.xParam}${sweep.yParam ? ` and ${sweep.yParam}` : ""} over ${values.length} cells.`,
    width,
    height: rowsCount * 44,
    data: { values },
    encoding: {
      x: { field: "x", type: "ordinal", title: sweep.xParam, sort: columns, axis: { labelAngle: categoryLabelAngle(columns, width) } },
      y: { field: "y", type: "ordinal", title: sweep.yParam ?? null, sort: rows },
    },
    layer: [
      {
        mark: "rect",
        encoding: {
          // redblue runs red (low) to blue (high): reversed when lower is better, so blue always favours IRM
          color: { field: "estimate", type: "quantitative", title: `${label}, IRM − CRM`, scale: { scheme: "redblue", domain: [-extent, extent], reverse: !sweep.higherIsBetter }, legend: { format: NUMBER_FORMAT, gradientLength: narrow ? 160 : 240 } },
          tooltip: [
            { field: "x", title: sweep.xParam },
            { field: "y", title: sweep.yParam ?? "" },
            { field: "estimate", type: "quantitative", format: NUMBER_FORMAT, title: "mean difference" },
            { field: "irmWins", type: "quantitative", title: "runs IRM better" },
            { field: "runs", type: "quantitative", title: "runs" },
          ],
        },
      },
      {
        transform: [{ calculate: `format(datum.estimate, "${NUMBER_FORMAT}") + datum.wins`, as: "text" }],
        mark: { type: "text", fontSize: narrow ? 10 : 12, lineBreak: "\n" },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: `abs(datum.estimate) > ${0.6 * extent}`, value: "#ffffff" }, value: "#111111" },
        },
      },
    ],
  };
}

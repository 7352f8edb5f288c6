import type { TopLevelSpec } from "vega-lite";
import { metricLabel } from "../lib/site-summary/describe-verdict.js";
import type { MetricName } from "../lib/evaluation/metric-names.js";
import { CHART_FRAME } from "./chart-theme.js";

/** What the heat map needs of a sweep (a SiteSweep of sweeps.json, or a CatalogSweep of runs.json). */
export interface HeatmapSweep {
  readonly sweepId: string;
  readonly xParam: string;
  readonly yParam: string | null;
  readonly metric: string | null;
  readonly higherIsBetter: boolean;
  readonly cells: readonly { readonly x: string; readonly y: string; readonly estimate: number; readonly runs: number; readonly irmWins: number }[];
}

/**
 * "When does IRM pay off": a heat map of the mean headline difference IRM − CRM per pair of swept
 * values, coloured so that blue favours IRM whatever the metric's direction (the scale is symmetric
 * around 0, so a tiny difference stays pale); each cell is labelled with its value and how many runs
 * found IRM significantly better. Text turns white on the darkest cells.
 * @param sweep the sweep
 * @param options width in CSS pixels (default 640)
 */
export function sweepHeatmapSpec(sweep: HeatmapSweep, options: { width?: number } = {}): TopLevelSpec {
  const { width = 640 } = options;
  const narrow = width < 560;
  const label = sweep.metric ? metricLabel(sweep.metric as MetricName) : "headline metric";
  const values = sweep.cells.map((c) => ({
    ...c,
    favour: sweep.higherIsBetter ? c.estimate : -c.estimate,
    text: narrow ? `${formatSmall(c.estimate)} (${c.irmWins}/${c.runs})` : `${formatSmall(c.estimate)}  (IRM better in ${c.irmWins}/${c.runs})`,
  }));
  const extent = Math.max(1e-12, ...values.map((v) => Math.abs(v.favour)));
  const rowsCount = Math.max(1, new Set(values.map((v) => v.y)).size);
  return {
    ...CHART_FRAME,
    title: {
      text: narrow ? `${label}: IRM − CRM` : `When does IRM pay off? ${label}, IRM − CRM`,
      subtitle: narrow ? ["Blue: IRM better.", "(runs IRM significantly better / runs)"] : "Blue: IRM better, red: CRM better. Label: mean difference over seeds (runs where IRM was significantly better / runs).",
    },
    description: `Heat map of sweep ${sweep.sweepId}: mean ${label} difference IRM − CRM by ${sweep.xParam}${sweep.yParam ? ` and ${sweep.yParam}` : ""} over ${values.length} cells.`,
    width,
    height: rowsCount * 44,
    data: { values },
    encoding: {
      x: { field: "x", type: "ordinal", title: sweep.xParam, sort: null, axis: { labelAngle: 0 } },
      y: { field: "y", type: "ordinal", title: sweep.yParam ?? null, sort: null },
    },
    layer: [
      {
        mark: "rect",
        encoding: {
          color: { field: "favour", type: "quantitative", title: "IRM advantage", scale: { scheme: "redblue", domain: [-extent, extent] }, legend: { format: ".2g", gradientLength: narrow ? 160 : 240 } },
          tooltip: [
            { field: "x", title: sweep.xParam },
            { field: "y", title: sweep.yParam ?? "" },
            { field: "estimate", type: "quantitative", format: ".4g", title: "mean difference" },
            { field: "irmWins", type: "quantitative", title: "runs IRM better" },
            { field: "runs", type: "quantitative", title: "runs" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: narrow ? 10 : 12 },
        encoding: {
          text: { field: "text", type: "nominal" },
          color: { condition: { test: `abs(datum.favour) > ${0.6 * extent}`, value: "#ffffff" }, value: "#111111" },
        },
      },
    ],
  };
}

/** 3 significant digits, with U+2212 minus; "0" for exactly zero. */
function formatSmall(value: number): string {
  if (value === 0) return "0";
  const text = Math.abs(value) >= 0.001 ? Math.abs(value).toFixed(3) : Math.abs(value).toExponential(1);
  return `${value < 0 ? "\u2212" : "+"}${text}`;
}

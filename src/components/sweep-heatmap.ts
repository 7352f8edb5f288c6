import type { TopLevelSpec } from "vega-lite";
import type { CatalogSweep } from "../lib/report/run-catalog.js";
import { metricLabel } from "../lib/report/verdict.js";
import type { MetricName } from "../lib/evaluation/metric-names.js";
import { CHART_CONFIG } from "./chart-theme.js";

/**
 * "When does IRM pay off": a heat map of the mean headline difference IRM − CRM per pair of swept
 * values, coloured so that blue favours IRM whatever the metric's direction; each cell is labelled
 * with its value and how many runs found IRM better.
 * @param sweep a sweep of runs.json
 * @param options width in CSS pixels (default 640)
 */
export function sweepHeatmapSpec(sweep: CatalogSweep, options: { width?: number } = {}): TopLevelSpec {
  const { width = 640 } = options;
  const label = metricLabel(sweep.metric as MetricName);
  const values = sweep.cells.map((c) => ({ ...c, favour: sweep.higherIsBetter ? c.estimate : -c.estimate, text: `${c.estimate.toFixed(3)} (${c.irmWins}/${c.runs})` }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: `When does IRM pay off? ${label}, IRM − CRM`, subtitle: `Blue: IRM better. Labels: mean difference (runs where IRM was significantly better / runs).` },
    description: `Heat map of sweep ${sweep.sweepId}: mean ${label} difference IRM − CRM by ${sweep.xParam}${sweep.yParam ? ` and ${sweep.yParam}` : ""} over ${values.length} cells.`,
    width,
    height: Math.max(1, new Set(values.map((v) => v.y)).size) * 36,
    autosize: { type: "fit-x", contains: "padding" },
    config: CHART_CONFIG,
    data: { values },
    encoding: {
      x: { field: "x", type: "ordinal", title: sweep.xParam, sort: null },
      y: { field: "y", type: "ordinal", title: sweep.yParam ?? null, sort: null },
    },
    layer: [
      { mark: "rect", encoding: { color: { field: "favour", type: "quantitative", title: "IRM advantage", scale: { scheme: "redblue", domainMid: 0 } }, tooltip: [{ field: "x", title: sweep.xParam }, { field: "y", title: sweep.yParam ?? "" }, { field: "estimate", type: "quantitative", format: ".4f", title: "mean difference" }, { field: "runs", title: "runs" }] } },
      { mark: { type: "text", color: "#111111" }, encoding: { text: { field: "text", type: "nominal" } } },
    ],
  };
}

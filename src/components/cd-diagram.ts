import type { TopLevelSpec } from "vega-lite";
import type { SiteSweepRanks } from "../lib/site-summary/experiments/site-sweep.js";
import { metricLabel } from "../lib/site-summary/describe-verdict.js";
import { CHART_FRAME, chartTitle } from "./chart-theme.js";

/** Options of {@link cdDiagramSpec}. */
export interface CdDiagramOptions {
  /** Total chart width in CSS pixels. Default 640. */
  readonly width?: number;
  /** What the groups are, for the subtitle: "datasets" or "conditions". Default "groups". */
  readonly groupsLabel?: string;
}

/**
 * Critical-difference diagram (Demšar 2006) as a dot plot: each model at its average rank over the
 * sweep's groups (1 = best, left) on its own row, then a row with a bar of length CD from the best
 * rank, then one row per clique of models whose ranks differ by less than CD (not significantly
 * different, Nemenyi), its bar spanning their ranks. Rows keep long names from overlapping.
 * The x axis is clipped to [1, k]; a CD bar longer than that runs to the edge.
 * @param ranks the sweep's ranks
 * @param options see {@link CdDiagramOptions}
 */
export function cdDiagramSpec(ranks: SiteSweepRanks, options: CdDiagramOptions = {}): TopLevelSpec {
  const { width = 640, groupsLabel = "groups" } = options;
  const narrow = width < 560;
  const k = ranks.models.length;
  // Rows: one per model (best first), one for the CD bar, one per clique, so every line is horizontal.
  const cdRow = "critical difference";
  const cliques = ranks.cliques.map((c, i) => ({ name: `not different (${i + 1})`, lowRank: c.lowRank, highRank: c.highRank, members: c.models.join(", ") }));
  const rows = [...ranks.models.map((m) => m.name), cdRow, ...cliques.map((c) => c.name)];
  const best = ranks.models[0]?.averageRank ?? 1;
  const p = ranks.friedmanPValue;
  const description =
    `Critical-difference diagram over ${ranks.groups} ${groupsLabel} on ${metricLabel(ranks.metric)}: average ranks ` +
    ranks.models.map((m) => `${m.name} ${m.averageRank.toFixed(2)}`).join(", ") +
    `; critical difference ${ranks.criticalDifference.toFixed(2)} at α = ${ranks.alpha}; Friedman p = ${p.toPrecision(2)}.`;
  const x = (field: string) => ({ field, type: "quantitative" as const, scale: { domain: [1, Math.max(2, k)], nice: false, zero: false }, axis: { title: "average rank (1 = best)", tickMinStep: 1 } });
  const y = { field: "name", type: "nominal" as const, title: null, scale: { domain: rows }, axis: { labelLimit: narrow ? 120 : 220 } };
  return {
    ...CHART_FRAME,
    title: chartTitle(
      narrow ? `Model ranks on ${metricLabel(ranks.metric)}` : `Model ranks across ${ranks.groups} ${groupsLabel} (${metricLabel(ranks.metric)})`,
      width,
      narrow
        ? [`Grey bar: critical difference ${ranks.criticalDifference.toFixed(2)}.`, "Blue bars: models that do not differ."]
        : `Grey bar: critical difference ${ranks.criticalDifference.toFixed(2)} (Nemenyi, α = ${ranks.alpha}). Each blue bar spans models that do not differ significantly. Friedman p = ${p.toPrecision(2)}.`,
    ),
    description,
    width,
    height: rows.length * 24,
    layer: [
      {
        data: { values: [{ name: cdRow, from: best, to: best + ranks.criticalDifference }] },
        mark: { type: "rule", color: "#777777", strokeWidth: 6, clip: true },
        encoding: { x: x("from"), x2: { field: "to" }, y, tooltip: [{ field: "to", type: "quantitative", format: ".2f", title: "best rank + CD" }] },
      },
      {
        data: { values: cliques },
        mark: { type: "rule", color: "#1f5f99", strokeWidth: 6 },
        encoding: { x: x("lowRank"), x2: { field: "highRank" }, y, tooltip: [{ field: "members", title: "not significantly different" }] },
      },
      {
        data: { values: ranks.models.map((m) => ({ ...m })) },
        mark: { type: "point", filled: true, size: 80, color: "#222222" },
        encoding: {
          x: x("averageRank"),
          y,
          tooltip: [{ field: "name", title: "model" }, { field: "averageRank", type: "quantitative", format: ".2f", title: "average rank" }],
        },
      },
      {
        data: { values: ranks.models.map((m) => ({ ...m })) },
        mark: { type: "text", align: "left", dx: 8, color: "#333333" },
        encoding: { x: x("averageRank"), y, text: { field: "averageRank", type: "quantitative", format: ".2f" } },
      },
    ],
  };
}

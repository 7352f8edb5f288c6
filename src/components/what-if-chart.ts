import type { TopLevelSpec } from "vega-lite";
import type { ModelFamily } from "../lib/models/model.js";
import { CHART_FRAME, FAMILY_COLORS, categoryLabelAngle, chartTitle } from "./chart-theme.js";

/** One prediction of the what-if profile: a model at one level of the varied dimension. */
export interface WhatIfPoint {
  readonly model: string;
  readonly family: ModelFamily;
  readonly level: string;
  readonly prediction: number;
  /** Whether this level is the one currently selected. */
  readonly selected: boolean;
}

/**
 * Each model's prediction across the levels of one context dimension, the other contexts held at
 * the selected values: a single-profile (CRM) model draws a flat line, a multi-context one moves.
 * @param points predictions, one per model and level
 * @param options dimension name, outcome label, width in CSS pixels (default 640)
 */
export function whatIfProfileSpec(points: readonly WhatIfPoint[], options: { dimension: string; outcome: string; width?: number }): TopLevelSpec {
  const { width = 640, dimension, outcome } = options;
  const models = [...new Set(points.map((p) => p.model))];
  const family = new Map(points.map((p) => [p.model, p.family]));
  const levels = [...new Set(points.map((p) => p.level))];
  const summary = models
    .map((m) => {
      const ps = points.filter((p) => p.model === m).map((p) => p.prediction);
      return `${m} ${Math.min(...ps).toFixed(3)} to ${Math.max(...ps).toFixed(3)}`;
    })
    .join("; ");
  return {
    ...CHART_FRAME,
    title: chartTitle(`Prediction by ${dimension}`, width, "Other contexts as selected; the ringed point is the current choice."),
    description: `Predicted ${outcome} of each model across the ${levels.length} levels of ${dimension}: ${summary}.`,
    width,
    height: 240,
    data: { values: points as unknown as Record<string, unknown>[] },
    encoding: {
      x: { field: "level", type: "ordinal", sort: levels, title: dimension, axis: { labelAngle: categoryLabelAngle(levels, width) } },
      y: { field: "prediction", type: "quantitative", title: `predicted ${outcome}`, scale: { zero: false } },
      color: { field: "model", type: "nominal", title: null, scale: { domain: models, range: models.map((m, i) => shade(FAMILY_COLORS[family.get(m) ?? "crm"], i)) } },
      tooltip: [
        { field: "model", type: "nominal" },
        { field: "level", type: "nominal", title: dimension },
        { field: "prediction", type: "quantitative", format: ".3f", title: "prediction" },
      ],
    },
    layer: [
      { mark: { type: "line", point: true } },
      { transform: [{ filter: "datum.selected" }], mark: { type: "point", size: 180, strokeWidth: 2, filled: false } },
    ],
  };
}

/** Darker variants of a family colour so that models of one family stay apart (all ≥ 4.5:1 on white). */
function shade(hex: string, i: number): string {
  const f = [1, 0.72, 0.5, 0.85][i % 4]!;
  const c = [1, 3, 5].map((k) => Math.round(parseInt(hex.slice(k, k + 2), 16) * f).toString(16).padStart(2, "0"));
  return `#${c.join("")}`;
}

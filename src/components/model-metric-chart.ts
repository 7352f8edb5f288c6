import type { TopLevelSpec } from "vega-lite";
import type { MetricName } from "../lib/evaluation/metric-names.js";
import type { ModelFamily } from "../lib/models/model.js";
import type { SiteModel } from "../lib/site-summary/site-summary-types.js";
import { metricLabel } from "../lib/site-summary/describe-verdict.js";
import { CHART_FRAME, FAMILY_COLORS, chartTitle } from "./chart-theme.js";

const SHORT_FAMILY: Readonly<Record<ModelFamily, string>> = { crm: "CRM", irm: "IRM", oracle: "oracle" };

/** Options of {@link modelMetricSpec}. */
export interface ModelMetricOptions {
  /** Total chart width in CSS pixels, axis labels included. Default 640. */
  readonly width?: number;
  /** Whether higher values of the metric are better (only worded in the subtitle). Default false. */
  readonly higherIsBetter?: boolean;
}

/**
 * A dot plot of one metric per model (overall test score), coloured by model family.
 * Models whose overall cell is suppressed or undefined are left out and named in the description.
 * @param models the models of the site summary
 * @param metric the metric to show
 * @param options see {@link ModelMetricOptions}
 * @returns a Vega-Lite spec with title and description
 */
export function modelMetricSpec(models: readonly SiteModel[], metric: MetricName, options: ModelMetricOptions = {}): TopLevelSpec {
  const { width = 640, higherIsBetter = false } = options;
  const label = metricLabel(metric);
  const values = models.flatMap((m) => {
    const value = m.overall.metrics[metric];
    return value === null || value === undefined ? [] : [{ model: `${m.name} (${SHORT_FAMILY[m.family]})`, family: m.family, value }];
  });
  const missing = models.filter((m) => m.overall.metrics[metric] == null).map((m) => m.name);
  const description =
    `Test ${label} of ${values.length} models: ` +
    values.map((v) => `${v.model} ${v.value.toFixed(3)}`).join("; ") +
    (missing.length > 0 ? `. Not available: ${missing.join(", ")}.` : ".");
  const families = Object.keys(FAMILY_COLORS) as ModelFamily[];
  return {
    ...CHART_FRAME,
    title: chartTitle(`Test ${label} by model`, width, higherIsBetter ? "Higher is better." : "Lower is better."),
    description,
    width,
    // A fixed height (28 px per model) rather than {step}: Vega-Lite warns about fit-x with a discrete height.
    height: Math.max(1, values.length) * 28,
    data: { values },
    encoding: {
      y: { field: "model", type: "nominal", sort: null, title: null, axis: { labelLimit: width < 480 ? 140 : 240 } },
      x: { field: "value", type: "quantitative", title: `test ${label}`, scale: { zero: false, nice: true } },
      color: {
        field: "family",
        type: "nominal",
        title: null,
        // The family is in every y label, so no legend: it would not fit a phone.
        legend: null,
        scale: { domain: families, range: families.map((f) => FAMILY_COLORS[f]) },
      },
      tooltip: [
        { field: "model", type: "nominal" },
        { field: "value", type: "quantitative", format: ".4f", title: label },
      ],
    },
    layer: [
      { mark: { type: "point", filled: true, size: 90 } },
      { mark: { type: "text", align: "left", dx: 8, color: "#333333" }, encoding: { text: { field: "value", type: "quantitative", format: ".3f" } } },
    ],
  };
}

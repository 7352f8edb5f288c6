import type { TopLevelSpec } from "vega-lite";
import type { ErrorHistogram, GainPoint, ReliabilityBin } from "../lib/site-summary/comparison/diagnostics.js";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-theme.js";

/** Two colours with ≥ 4.5:1 contrast on white for the two models of a pair (IRM blue, CRM brown). */
const PAIR_COLORS = ["#1f5f99", "#a0451c"] as const;

/**
 * A reliability diagram: mean predicted vs observed outcome per bin, one line per model, with the
 * diagonal of perfect calibration. Suppressed bins are left out (named in the description).
 * @param curves bins per model (at most two models read well)
 * @param options width in CSS pixels (default 640) and the axis range (default [0, 1] for probabilities, else the whole units the bins span)
 */
export function reliabilitySpec(curves: Readonly<Record<string, readonly ReliabilityBin[]>>, options: { width?: number; range?: readonly [number, number] } = {}): TopLevelSpec {
  const { width = 640 } = options;
  const models = Object.keys(curves);
  const values = models.flatMap((model) => curves[model]!.filter((b) => b.predicted !== null).map((b) => ({ model, predicted: b.predicted, observed: b.observed, rows: b.rows })));
  // probabilities on [0, 1]; a rating or amount on its own scale (a fixed [0, 1] left rating data's chart empty)
  const seen = values.flatMap((v) => [v.predicted, v.observed]).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  const range = options.range ?? (seen.every((x) => x >= 0 && x <= 1) ? ([0, 1] as const) : ([Math.floor(Math.min(...seen)), Math.ceil(Math.max(...seen))] as const));
  const hidden = models.reduce((a, m) => a + curves[m]!.filter((b) => b.suppressed).length, 0);
  const side = Math.min(width, 420);
  const scale = { domain: [...range], nice: false };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle("Reliability: predicted vs observed", width, "On the diagonal, predictions are calibrated."),
    description: `Reliability diagram of ${models.join(" and ")}: mean prediction against observed mean outcome in ${values.length} bins of the test rows${hidden ? `; ${hidden} bins with too few customers suppressed` : ""}.`,
    width: side,
    height: Math.round(side * 0.75),
    autosize: { type: "fit", contains: "padding" },
    config: CHART_CONFIG,
    layer: [
      { data: { values: [{ a: range[0], b: range[0] }, { a: range[1], b: range[1] }] }, mark: { type: "line", color: "#777777", strokeDash: [4, 3] }, encoding: { x: { field: "a", type: "quantitative", scale, title: "mean prediction" }, y: { field: "b", type: "quantitative", scale, title: "observed mean" } } },
      {
        data: { values },
        mark: { type: "line", point: true },
        encoding: {
          x: { field: "predicted", type: "quantitative", scale },
          y: { field: "observed", type: "quantitative", scale },
          color: { field: "model", type: "nominal", title: null, scale: { domain: models, range: PAIR_COLORS.slice(0, Math.max(1, models.length)) } },
          tooltip: [
            { field: "model", type: "nominal" },
            { field: "predicted", type: "quantitative", format: ".3f", title: "mean prediction" },
            { field: "observed", type: "quantitative", format: ".3f", title: "observed" },
            { field: "rows", type: "quantitative", format: ",", title: "test rows" },
          ],
        },
      },
    ],
  };
}

/**
 * A cumulative gain curve: share of positive outcomes captured when targeting the top share of
 * test rows by each model's prediction; the diagonal is random targeting.
 * @param curves points per model
 * @param options width in CSS pixels (default 640)
 */
export function gainSpec(curves: Readonly<Record<string, readonly GainPoint[]>>, options: { width?: number } = {}): TopLevelSpec {
  const { width = 640 } = options;
  const models = Object.keys(curves);
  const values = models.flatMap((model) => curves[model]!.map((p) => ({ model, ...p })));
  const at = (m: string): string => {
    const p = curves[m]!.find((q) => q.targeted >= 0.2);
    return p ? `${m} captures ${(p.captured * 100).toFixed(0)}% of positives in the top ${(p.targeted * 100).toFixed(0)}% of rows` : m;
  };
  const side = Math.min(width, 420);
  const pct = { domain: [0, 1], nice: false };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle("Gain from targeting", width, "Higher is better; the diagonal is random."),
    description: `Cumulative gain curves of ${models.join(" and ")}. ${models.map(at).join("; ")}.`,
    width: side,
    height: Math.round(side * 0.75),
    autosize: { type: "fit", contains: "padding" },
    config: CHART_CONFIG,
    layer: [
      { data: { values: [{ a: 0, b: 0 }, { a: 1, b: 1 }] }, mark: { type: "line", color: "#777777", strokeDash: [4, 3] }, encoding: { x: { field: "a", type: "quantitative", scale: pct, title: "share of rows targeted", axis: { format: "%" } }, y: { field: "b", type: "quantitative", scale: pct, title: "share of positives captured", axis: { format: "%" } } } },
      {
        data: { values },
        mark: { type: "line" },
        encoding: {
          x: { field: "targeted", type: "quantitative", scale: pct },
          y: { field: "captured", type: "quantitative", scale: pct },
          color: { field: "model", type: "nominal", title: null, scale: { domain: models, range: PAIR_COLORS.slice(0, Math.max(1, models.length)) } },
          tooltip: [
            { field: "model", type: "nominal" },
            { field: "targeted", type: "quantitative", format: ".0%", title: "targeted" },
            { field: "captured", type: "quantitative", format: ".0%", title: "captured" },
          ],
        },
      },
    ],
  };
}

/**
 * A binned 2-D histogram of customers by their mean squared error under the CRM model (x) and the
 * IRM model (y): below the diagonal, IRM predicts that customer better. Cells with fewer than k
 * customers show "<k" without a count.
 * @param hist the pair's histogram
 * @param options width in CSS pixels (default 640), the suppression threshold k (default 10)
 */
export function errorHeatmapSpec(hist: ErrorHistogram, options: { width?: number; minCellCustomers?: number } = {}): TopLevelSpec {
  const { width = 640, minCellCustomers = 10 } = options;
  const values = hist.cells.map((c) => ({ ...c, label: c.suppressed ? `<${minCellCustomers}` : String(c.customers) }));
  const top = Math.max(...hist.cells.map((c) => Math.max(c.crmUpper, c.irmUpper)), 0);
  const side = Math.min(width, 520);
  const scale = { domain: [0, top], nice: false, zero: true };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(`Customers by error: ${hist.irm} vs ${hist.crm}`, width, "Below the diagonal: IRM better for that customer."),
    description: `Binned histogram of ${hist.customers} test customers by mean squared error under ${hist.crm} (CRM, x) and ${hist.irm} (IRM, y). IRM has the lower error for ${hist.irmLower} customers, the higher for ${hist.irmHigher}, equal for ${hist.ties}. Cells with fewer than ${minCellCustomers} customers are suppressed.`,
    width: side,
    height: Math.round(side * 0.8),
    autosize: { type: "fit", contains: "padding" },
    config: CHART_CONFIG,
    layer: [
      {
        data: { values },
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 0.5 },
        encoding: {
          x: { field: "crmLower", type: "quantitative", scale, title: width < 480 ? "CRM error" : `${hist.crm} (CRM) error` },
          x2: { field: "crmUpper" },
          y: { field: "irmLower", type: "quantitative", scale, title: width < 480 ? "IRM error" : `${hist.irm} (IRM) error` },
          y2: { field: "irmUpper" },
          color: { field: "customers", type: "quantitative", title: "customers", scale: { scheme: "blues" }, legend: { direction: "horizontal", orient: "bottom" } },
          tooltip: [
            { field: "label", type: "nominal", title: "customers" },
            { field: "crmLower", type: "quantitative", format: ".3f", title: "CRM error from" },
            { field: "irmLower", type: "quantitative", format: ".3f", title: "IRM error from" },
          ],
        },
      },
      {
        data: { values: values.filter((v) => v.suppressed) },
        mark: { type: "rect", fill: "#eeeeee", stroke: "#999999", strokeDash: [2, 2] },
        encoding: { x: { field: "crmLower", type: "quantitative", scale }, x2: { field: "crmUpper" }, y: { field: "irmLower", type: "quantitative", scale }, y2: { field: "irmUpper" }, tooltip: [{ field: "label", type: "nominal", title: "customers (suppressed)" }] },
      },
      { data: { values: [{ a: 0 }, { a: top }] }, mark: { type: "line", color: "#444444", strokeDash: [4, 3] }, encoding: { x: { field: "a", type: "quantitative", scale }, y: { field: "a", type: "quantitative", scale } } },
    ],
  };
}

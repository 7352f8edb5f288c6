/**
 * Charts of the lifetime-value checks (Relationship value page): tracking of actual vs predicted
 * purchases per week, calibration vs holdout by frequency, and frequency × recency heat maps.
 */
import type { TopLevelSpec } from "vega-lite";
import type { PublishedFrequencyTable } from "../lib/site-summary/value-summary.js";
import type { FrequencyRecencyHeatmap } from "../lib/value/clv-diagnostics.js";
import { CHART_FRAME, chartTitle } from "./chart-theme.js";

/** Weekly tracking data of one model (ClvReport.tracking[model]). */
export interface TrackingData {
  readonly period: readonly number[];
  readonly actualIncremental: readonly number[];
  readonly predictedIncremental: readonly number[];
  readonly actualCumulative: readonly number[];
  readonly predictedCumulative: readonly number[];
}

const SERIES = { actual: "#222222", predicted: "#1f5f99" } as const;

/**
 * Actual vs predicted repeat purchases per week, cumulative or incremental, with the calibration end marked.
 * @param data tracking data of one model
 * @param options model name, mode, the period index where the holdout starts, width in CSS pixels (default 640)
 */
export function trackingSpec(data: TrackingData, options: { model: string; mode: "cumulative" | "incremental"; holdoutStart: number; width?: number }): TopLevelSpec {
  const { model, mode, holdoutStart, width = 640 } = options;
  const actual = mode === "cumulative" ? data.actualCumulative : data.actualIncremental;
  const predicted = mode === "cumulative" ? data.predictedCumulative : data.predictedIncremental;
  const values = data.period.flatMap((p, i) => [
    { week: p, series: "actual", purchases: actual[i] ?? null },
    { week: p, series: "predicted", purchases: predicted[i] ?? null },
  ]);
  const last = data.period.length - 1;
  const totalA = actual[last], totalP = predicted[last];
  const what = mode === "cumulative" ? "Cumulative repeat purchases" : "Repeat purchases per week";
  return {
    ...CHART_FRAME,
    title: { ...chartTitle(`${what}: actual vs ${model}`, width, "dashed line: end of calibration; the model saw only the weeks before it"), subtitleFontSize: 11 },
    description: `${what}, actual and predicted by ${model}, over ${data.period.length} weeks; holdout from week ${holdoutStart}. ${mode === "cumulative" && totalA !== undefined && totalP !== undefined ? `Final week: actual ${Math.round(totalA)}, predicted ${Math.round(totalP)}.` : ""}`.trim(),
    width,
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x: { field: "week", type: "quantitative", title: "week" },
          y: { field: "purchases", type: "quantitative", title: mode === "cumulative" ? "repeat purchases so far" : "repeat purchases in the week" },
          color: { field: "series", type: "nominal", title: null, scale: { domain: ["actual", "predicted"], range: [SERIES.actual, SERIES.predicted] } },
          strokeDash: { field: "series", type: "nominal", legend: null, scale: { domain: ["actual", "predicted"], range: [[1, 0], [6, 3]] } },
          tooltip: [
            { field: "week", type: "quantitative", title: "week" },
            { field: "series", type: "nominal", title: "series" },
            { field: "purchases", type: "quantitative", format: ",.1f", title: "repeat purchases" },
          ],
        },
      },
      { data: { values: [{ week: holdoutStart }] }, mark: { type: "rule", color: "#777777", strokeDash: [4, 3] }, encoding: { x: { field: "week", type: "quantitative" } } },
    ],
  } as TopLevelSpec;
}

/**
 * Mean holdout purchases per calibration frequency, actual vs predicted; suppressed buckets are marked.
 * @param table the model's published calibration-vs-holdout table
 * @param options model name, width in CSS pixels (default 640)
 */
export function frequencyHoldoutSpec(table: PublishedFrequencyTable, options: { model: string; width?: number }): TopLevelSpec {
  const { model, width = 640 } = options;
  const n = table.frequency.length;
  const label = (f: number, i: number): string => (i === n - 1 ? `${f}+` : String(f));
  const values = table.frequency.flatMap((f, i) => [
    { x: label(f, i), series: "actual", mean: table.actualMean[i] ?? null, customers: table.customers[i] ?? null, suppressed: table.suppressed[i] ?? false },
    { x: label(f, i), series: "predicted", mean: table.predictedMean[i] ?? null, customers: table.customers[i] ?? null, suppressed: table.suppressed[i] ?? false },
  ]);
  const hidden = table.suppressed.filter(Boolean).length;
  const xEnc = { field: "x", type: "ordinal", sort: null, title: "repeat purchases in the calibration period", axis: { labelAngle: 0 } } as const;
  return {
    ...CHART_FRAME,
    title: chartTitle(`Holdout purchases by past frequency (${model})`, width, "mean purchases after the calibration end, actual vs predicted"),
    description: `Mean purchases in the holdout period per customer, grouped by repeat purchases in the calibration period (${n} groups${hidden ? `, ${hidden} suppressed: fewer than the minimum customers` : ""}), actual and predicted by ${model}.`,
    width,
    height: 220,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.mean != null" }],
        mark: { type: "line", point: true, strokeWidth: 2 },
        encoding: {
          x: xEnc,
          y: { field: "mean", type: "quantitative", title: "mean holdout purchases" },
          color: { field: "series", type: "nominal", title: null, scale: { domain: ["actual", "predicted"], range: [SERIES.actual, SERIES.predicted] } },
          tooltip: [
            { field: "x", type: "nominal", title: "calibration repeat purchases" },
            { field: "series", type: "nominal", title: "series" },
            { field: "mean", type: "quantitative", format: ".2f", title: "mean holdout purchases" },
            { field: "customers", type: "quantitative", title: "customers in the group" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.suppressed && datum.series == 'actual'" }],
        mark: { type: "text", text: "suppressed", angle: 270, color: "#444444", fontStyle: "italic" },
        encoding: { x: xEnc, y: { value: 110 } },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Frequency × recency heat map of expected purchases (next period) or P(alive) of one model at age T.
 * @param heatmap the model's heat map
 * @param options which surface, width in CSS pixels (default 640)
 */
export function frequencyRecencySpec(heatmap: FrequencyRecencyHeatmap, options: { surface: "expected" | "pAlive"; width?: number }): TopLevelSpec {
  const { surface, width = 640 } = options;
  const grid = surface === "expected" ? heatmap.expected : heatmap.pAlive;
  const values = heatmap.frequency.flatMap((x, i) =>
    heatmap.recency.map((r, j) => ({ frequency: x, recency: Math.round(r * 10) / 10, value: grid[i]?.[j] ?? null })).filter((d) => d.value !== null),
  );
  const what = surface === "expected" ? `Expected purchases next week` : "Probability the customer is still active";
  return {
    ...CHART_FRAME,
    title: chartTitle(`${what} (${heatmap.model})`, width, `customer first seen ${Math.round(heatmap.T)} weeks ago`),
    description: `Heat map of ${what.toLowerCase()} under ${heatmap.model}: ${heatmap.frequency.length} frequency rows by ${heatmap.recency.length} recency columns, age ${Math.round(heatmap.T)} weeks.`,
    width,
    height: Math.min(360, Math.max(160, heatmap.frequency.length * 12)),
    data: { values },
    mark: { type: "rect" },
    encoding: {
      x: { field: "recency", type: "ordinal", title: "week of the last purchase (since first purchase)", axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: "frequency", type: "ordinal", sort: "descending", title: "repeat purchases", axis: { labelOverlap: true } },
      color: { field: "value", type: "quantitative", title: surface === "expected" ? "purchases" : "P(active)", scale: { scheme: "blues", ...(surface === "pAlive" ? { domain: [0, 1] } : {}) } },
      tooltip: [
        { field: "frequency", type: "ordinal", title: "repeat purchases" },
        { field: "recency", type: "ordinal", title: "week of last purchase" },
        { field: "value", type: "quantitative", format: ".3f", title: surface === "expected" ? "expected purchases next week" : "P(still active)" },
      ],
    },
  } as TopLevelSpec;
}

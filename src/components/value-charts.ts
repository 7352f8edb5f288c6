/**
 * Charts of the IRM value measures (Relationship value page): where value lies by context versus
 * where a single profile puts it, the journey transition matrix, and the targeting trade-off.
 */
import type { TopLevelSpec } from "vega-lite";
import type { PublishedLevel } from "../lib/site-summary/value-summary.js";
import type { Targeting } from "../lib/value/targeting.js";
import { CHART_FRAME, FAMILY_COLORS, categoryLabelAngle, chartTitle } from "./chart-theme.js";

/**
 * Share of value vs share of occasions per context level of one dimension; suppressed levels are marked.
 * @param dimension the dimension's name
 * @param levels its published levels
 * @param options width in CSS pixels (default 640)
 */
export function valueByContextSpec(dimension: string, levels: readonly PublishedLevel[], options: { width?: number } = {}): TopLevelSpec {
  const { width = 640 } = options;
  const values = levels.flatMap((l) => [
    { level: l.level, measure: "share of value", share: l.valueShare, customers: l.customers, suppressed: l.suppressed },
    { level: l.level, measure: "share of occasions", share: l.occasionShare, customers: l.customers, suppressed: l.suppressed },
  ]);
  const y = { field: "level", type: "nominal", sort: null, title: null, scale: { domain: levels.map((l) => l.level) } } as const;
  return {
    ...CHART_FRAME,
    title: chartTitle(`Where the value is, by ${dimension}`, width, "a single profile spreads value like the occasions; the gap is what it gets wrong"),
    description: `Share of value and share of occasions per ${dimension} value: ${levels.map((l) => (l.suppressed ? `${l.level} suppressed` : `${l.level} ${Math.round((l.valueShare ?? 0) * 100)}% of value, ${Math.round((l.occasionShare ?? 0) * 100)}% of occasions`)).join("; ")}.`,
    width,
    height: Math.max(1, levels.length) * 34,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.share != null" }],
        mark: { type: "bar", height: 12 },
        encoding: {
          y,
          yOffset: { field: "measure", type: "nominal", scale: { domain: ["share of value", "share of occasions"] } },
          x: { field: "share", type: "quantitative", title: "share of the dimension's total", axis: { format: "%" } },
          color: { field: "measure", type: "nominal", title: null, scale: { domain: ["share of value", "share of occasions"], range: ["#1f5f99", "#9e9e9e"] }, legend: { direction: width < 480 ? "vertical" : "horizontal" } },
          tooltip: [
            { field: "level", type: "nominal", title: dimension },
            { field: "measure", type: "nominal", title: "measure" },
            { field: "share", type: "quantitative", format: ".1%", title: "share" },
            { field: "customers", type: "quantitative", title: "customers seen here" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.suppressed && datum.measure == 'share of value'" }],
        mark: { type: "text", align: "left", color: "#444444", fontStyle: "italic", text: "suppressed: too few customers" },
        encoding: { y, x: { value: 4 } },
      },
    ],
  } as TopLevelSpec;
}

/** A transition matrix as published: counts and row probabilities, null where suppressed. */
export interface TransitionMatrix {
  readonly stages: readonly string[];
  readonly counts: readonly (readonly (number | null)[])[];
  readonly probabilities: readonly (readonly (number | null)[] | null)[];
}

/**
 * Month-to-month lifecycle transitions as a heat map; steps the linear funnel does not describe are outlined.
 * @param matrix stages, counts and probabilities (row = from, column = to)
 * @param options title suffix (e.g. "observed"), the funnel test per (from, to) codes, width (default 640)
 */
export function transitionSpec(matrix: TransitionMatrix, options: { label: string; isFunnelStep: (from: number, to: number) => boolean; width?: number }): TopLevelSpec {
  const { width = 640, label } = options;
  const s = matrix.stages;
  const values = s.flatMap((from, i) =>
    s.map((to, j) => {
      const count = matrix.counts[i]?.[j] ?? null;
      const p = matrix.probabilities[i]?.[j] ?? null;
      return { from, to, p, count, funnel: options.isFunnelStep(i, j) ? "funnel step" : "outside the funnel", text: count === null ? "suppressed" : p === null || count === 0 ? "" : `${Math.round(p * 100)}%` };
    }),
  );
  const x = { field: "to", type: "nominal", sort: [...s], title: "stage next month", axis: { labelAngle: categoryLabelAngle(s, width) } } as const;
  const y = { field: "from", type: "nominal", sort: [...s], title: "stage this month" } as const;
  return {
    ...CHART_FRAME,
    // the label goes in the subtitle, which wraps: in the title it was cut at half-page width
    title: chartTitle("Month-to-month moves between stages", width, `${label}: share of each row's customer-months; outlined: moves the linear funnel does not allow`),
    description: `Transition matrix (${label}) over stages ${s.join(", ")}: the percentage of customer-months in a stage that are in each stage the next month; suppressed cells have fewer than the minimum count.`,
    width,
    height: s.length * 44,
    data: { values },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          x, y,
          color: { field: "p", type: "quantitative", title: "share", scale: { scheme: "blues", domain: [0, 1] }, legend: { format: "%" } },
          // the subtitle says what the outline means: no second legend beside the colour's (together they overflowed a phone-wide chart)
          stroke: { field: "funnel", type: "nominal", title: null, scale: { domain: ["funnel step", "outside the funnel"], range: ["#ffffff", "#a0451c"] }, legend: null },
          strokeWidth: { value: 2 },
          tooltip: [
            { field: "from", type: "nominal", title: "from" },
            { field: "to", type: "nominal", title: "to" },
            { field: "p", type: "quantitative", format: ".1%", title: "share of the row" },
            { field: "count", type: "quantitative", title: "customer-months" },
            { field: "funnel", type: "nominal", title: "funnel" },
          ],
        },
      },
      { mark: { type: "text", fontSize: 11 }, encoding: { x, y, text: { field: "text", type: "nominal" }, color: { condition: { test: "datum.p > 0.5", value: "#ffffff" }, value: "#111111" } } },
    ],
  } as TopLevelSpec;
}

/**
 * The targeting trade-off per model: the firm's gain (acceptance rate) against the customer's
 * (relevance of the offer), each with its 95% CI.
 * @param targeting the simulation's output
 * @param options model families (colour), width in CSS pixels (default 640)
 */
export function targetingSpec(targeting: Targeting, options: { families?: Readonly<Record<string, "irm" | "crm" | "oracle">>; width?: number } = {}): TopLevelSpec {
  const { width = 640, families = {} } = options;
  const values = targeting.models.map((m) => ({
    model: m.model, family: families[m.model] ?? "crm",
    // the legend names each model with its family (the colour), one legend rather than two side by side
    name: `${m.model} (${(families[m.model] ?? "crm").toUpperCase()})`,
    rate: m.firm.acceptanceRate.estimate, rateLo: m.firm.acceptanceRate.lower, rateHi: m.firm.acceptanceRate.upper,
    rel: m.customer.relevance.estimate, relLo: m.customer.relevance.lower, relHi: m.customer.relevance.upper,
    revenue: m.firm.revenue, excess: m.customer.excessContacts, optOut: m.customer.optOutRiskShare,
  }));
  const fam = Object.keys(FAMILY_COLORS);
  const color = { field: "family", type: "nominal", title: null, legend: null, scale: { domain: fam, range: fam.map((f) => FAMILY_COLORS[f as keyof typeof FAMILY_COLORS]) } } as const;
  const x = { field: "rel", type: "quantitative", title: "customer's gain: relevance of the offer (1 = their best)", scale: { zero: false }, axis: { format: ".0%" } } as const;
  const y = { field: "rate", type: "quantitative", title: "firm's gain: acceptance rate", scale: { zero: false }, axis: { format: ".0%" } } as const;
  const tooltip = [
    { field: "model", type: "nominal", title: "model" },
    { field: "rate", type: "quantitative", format: ".1%", title: "acceptance rate" },
    { field: "rateLo", type: "quantitative", format: ".1%", title: "95% CI from" },
    { field: "rateHi", type: "quantitative", format: ".1%", title: "95% CI to" },
    { field: "rel", type: "quantitative", format: ".1%", title: "relevance" },
    { field: "revenue", type: "quantitative", format: ",.0f", title: "expected revenue" },
    { field: "excess", type: "quantitative", format: ",", title: "contacts beyond preference" },
  ];
  return {
    ...CHART_FRAME,
    title: chartTitle("Who gains from each model's campaign", width, `${targeting.mode}; top ${Math.round(targeting.targetShare * 100)}% of ${targeting.units.toLocaleString("en-US")} customers contacted; bars: 95% CIs`),
    description: `Targeting simulation (${targeting.mode}): ${targeting.models.map((m) => `${m.model} acceptance ${fmtPct(m.firm.acceptanceRate.estimate)}, relevance ${fmtPct(m.customer.relevance.estimate)}`).join("; ")}.`,
    width,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: "rule" }, encoding: { x, y: { field: "rateLo", type: "quantitative" }, y2: { field: "rateHi" }, color, tooltip } },
      { mark: { type: "rule" }, encoding: { y, x: { field: "relLo", type: "quantitative" }, x2: { field: "relHi" }, color, tooltip } },
      // each model's shape names it in the legend: text beside the points collided when two models land close
      { mark: { type: "point", filled: true, size: 90 }, encoding: { x, y, color, shape: { field: "name", type: "nominal", title: "model", legend: { direction: "vertical" } }, tooltip } },
    ],
  } as TopLevelSpec;
}

function fmtPct(v: number | null): string {
  return v === null ? "n/a" : `${(v * 100).toFixed(1)}%`;
}

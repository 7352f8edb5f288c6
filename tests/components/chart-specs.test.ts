/**
 * Every chart component of the site: its spec compiles with Vega-Lite and renders with Vega with no
 * warning, at desktop and phone widths, and carries a title and an accessible description.
 * The value charts are fed from a real (small) CLV report and value record of the synthetic population.
 */
import type { TopLevelSpec } from "vega-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { chartTextAlternative } from "../../src/components/vega-chart.js";
import { barSpec } from "../../src/components/bar-chart.js";
import { frequencyHoldoutSpec, frequencyRecencySpec, trackingSpec } from "../../src/components/clv-charts.js";
import { errorHeatmapSpec, gainSpec, reliabilitySpec } from "../../src/components/diagnostic-charts.js";
import { intervalSpec } from "../../src/components/interval-chart.js";
import { sweepHeatmapSpec } from "../../src/components/sweep-heatmap.js";
import { cdDiagramSpec } from "../../src/components/cd-diagram.js";
import { readFileSync } from "node:fs";
import { siteSweep } from "../../src/lib/site-summary/experiments/site-sweep.js";
import { targetingSpec, transitionSpec, valueByContextSpec } from "../../src/components/value-charts.js";
import { whatIfProfileSpec } from "../../src/components/what-if-chart.js";
import { firePolicyRows, holdoutErrorRows } from "../../src/lib/site-summary/value-rows.js";
import { publishClv, publishValue, type PublishedClv, type PublishedValue } from "../../src/lib/site-summary/value-summary.js";
import { isFunnelStep } from "../../src/lib/value/funnel-test.js";
import type { Targeting } from "../../src/lib/value/targeting.js";
import { runClv } from "../../src/node/value/run-clv.js";
import { runValue } from "../../src/node/value/run-value.js";
import { checkVegaLite } from "../helpers/vega-lite-check.js";

/** A real sweep record of tests/fixtures/site/sweeps, as the site shows it. */
function fixtureSweep(id: string) {
  return siteSweep(JSON.parse(readFileSync(`tests/fixtures/site/sweeps/${id}/sweep.json`, "utf8")));
}

let clv: PublishedClv;
let value: PublishedValue;

beforeAll(async () => {
  const source = { synthetic: { seed: 3, customers: 300 } };
  clv = publishClv(await runClv(source, { seed: 1, resamples: 50 }), 10);
  value = publishValue((await runValue(source, { seed: 1, resamples: 50 })).value, 10);
}, 60_000);

const bin = (lower: number, rows: number | null) => ({ lower, upper: lower + 0.5, rows, customers: rows, predicted: rows === null ? null : lower + 0.2, observed: rows === null ? null : lower + 0.25, suppressed: rows === null });

/** name → spec at a width; the value charts read the data computed in beforeAll. */
const CHARTS: Record<string, (width: number) => TopLevelSpec> = {
  "bar-chart": (width) => barSpec([{ label: "a", value: 3 }, { label: "b", value: null, suppressed: true }], { title: "Customers", description: "Customers per cell: a 3, b suppressed.", valueTitle: "customers", width }),
  "diagnostic-charts reliability": (width) => reliabilitySpec({ m1: [bin(0, 40), bin(0.5, null)], m2: [bin(0, 30), bin(0.5, 25)] }, { width }),
  "diagnostic-charts gain": (width) => gainSpec({ m1: [{ targeted: 0, captured: 0 }, { targeted: 0.5, captured: 0.7 }, { targeted: 1, captured: 1 }] }, { width }),
  "diagnostic-charts error heat map": (width) =>
    errorHeatmapSpec({ irm: "context-profile", crm: "customer-profile", error: "squared error", customers: 60, irmLower: 30, irmHigher: 20, ties: 10, cells: [
      { crmLower: 0, crmUpper: 0.1, irmLower: 0, irmUpper: 0.1, customers: 50, suppressed: false },
      { crmLower: 0.1, crmUpper: 0.2, irmLower: 0, irmUpper: 0.1, customers: null, suppressed: true },
    ] }, { width, minCellCustomers: 10 }),
  "sweep-heatmap": (width) => sweepHeatmapSpec({ sweepId: "s1", xParam: "contextStrength", yParam: "seed", metric: "logLoss", higherIsBetter: false, cells: [
    { x: "0", y: "1", estimate: 0.001, runs: 1, irmWins: 0 }, { x: "1", y: "1", estimate: -0.03, runs: 1, irmWins: 1 },
    { x: "0", y: "2", estimate: 0.002, runs: 1, irmWins: 0 }, { x: "1", y: "2", estimate: -0.02, runs: 1, irmWins: 1 },
  ] }, { width }),
  "sweep-heatmap from the real synthetic sweep": (width) => sweepHeatmapSpec(fixtureSweep("when-does-irm-pay-off-c28ba548"), { width }),
  "sweep-heatmap from the real-data sweep (one row)": (width) => sweepHeatmapSpec(fixtureSweep("real-data-protocol-260e1f46"), { width }),
  "cd-diagram, 4 models over 12 conditions": (width) => cdDiagramSpec(fixtureSweep("when-does-irm-pay-off-c28ba548").ranks!, { width, groupsLabel: "conditions" }),
  "cd-diagram, 7 models over 3 datasets": (width) => cdDiagramSpec(fixtureSweep("real-data-protocol-260e1f46").ranks!, { width, groupsLabel: "datasets" }),
  "what-if-chart": (width) => whatIfProfileSpec([
    { model: "mf", family: "crm", level: "alone", prediction: 0.3, selected: true }, { model: "camf", family: "irm", level: "alone", prediction: 0.4, selected: true },
    { model: "mf", family: "crm", level: "family", prediction: 0.3, selected: false }, { model: "camf", family: "irm", level: "family", prediction: 0.2, selected: false },
  ], { dimension: "companion", outcome: "acceptance", width }),
  "interval-chart": (width) => intervalSpec([{ label: "a", estimate: 0.4, lower: 0.3, upper: 0.5 }, { label: "b", estimate: null, lower: null, upper: null, note: "no context recorded" }], { title: "Shares", description: "Shares with CIs.", valueTitle: "share", format: ".0%", domain: [0, 1], reference: 0.5, width }),
  "interval-chart holdout errors": (width) => intervalSpec(holdoutErrorRows(clv.holdout, "mae"), { title: "Holdout error", description: "MAE per model.", valueTitle: "MAE", width }),
  "interval-chart fire policy": (width) => intervalSpec(firePolicyRows(value.firePolicy), { title: "Fire policy", description: "Shares.", valueTitle: "share", width }),
  "clv-charts tracking cumulative": (width) => trackingSpec(clv.tracking["bg-nbd"]!, { model: "bg-nbd", mode: "cumulative", holdoutStart: 52, width }),
  "clv-charts tracking incremental": (width) => trackingSpec(clv.tracking["pareto-nbd"]!, { model: "pareto-nbd", mode: "incremental", holdoutStart: 52, width }),
  "clv-charts frequency vs holdout": (width) => frequencyHoldoutSpec(clv.frequencyVsHoldout["bg-nbd"]!, { model: "bg-nbd", width }),
  "clv-charts frequency vs holdout, suppressed bucket": (width) =>
    frequencyHoldoutSpec({ frequency: [0, 1, 2], customers: [40, null, 30], actualMean: [0.5, null, 2], predictedMean: [0.6, null, 1.8], suppressed: [false, true, false] }, { model: "bg-nbd", width }),
  "clv-charts expected purchases": (width) => frequencyRecencySpec(clv.heatmaps[0]!, { surface: "expected", width }),
  "clv-charts P(alive)": (width) => frequencyRecencySpec(clv.heatmaps[1]!, { surface: "pAlive", width }),
  "value-charts value by context": (width) => {
    const v = value.valueByContext;
    if (typeof v === "string") throw new Error("synthetic data has context");
    return valueByContextSpec(v[0]!.dimension, [...v[0]!.levels, { level: "tiny", suppressed: true, customers: null, rows: null, purchases: null, value: null, valueShare: null, occasionShare: null, propensity: null, valuePerPurchase: null }], { width });
  },
  "value-charts transitions": (width) => transitionSpec(value.journeys, { label: "observed", isFunnelStep, width }),
  "value-charts targeting": (width) => targetingSpec(value.targeting as Targeting, { families: { "context-profile": "irm", oracle: "oracle" }, width }),
};

describe("chart components", () => {
  for (const [name, make] of Object.entries(CHARTS)) {
    for (const width of [640, 320]) {
      it(`${name} at width ${width}: compiles and renders with no warning, has a title and a description`, async () => {
        const spec = make(width) as TopLevelSpec & { description?: string };
        expect(chartTextAlternative(spec).title).toMatch(/\w{3}/);
        expect(spec.description).toMatch(/\w{3}.*\./);
        const { warnings, svg } = await checkVegaLite(spec);
        expect(warnings).toEqual([]);
        expect(svg).toContain("<svg");
      });
    }
  }
});

describe("value charts", () => {
  it("tracking: the description gives the final cumulative actual and predicted counts", () => {
    const t = clv.tracking["bg-nbd"]!;
    const last = t.period.length - 1;
    const spec = trackingSpec(t, { model: "bg-nbd", mode: "cumulative", holdoutStart: 10 });
    expect(spec.description).toBe(
      `Cumulative repeat purchases, actual and predicted by bg-nbd, over ${t.period.length} weeks; holdout from week 10. Final week: actual ${Math.round(t.actualCumulative[last]!)}, predicted ${Math.round(t.predictedCumulative[last]!)}.`,
    );
  });

  it("frequency vs holdout: a suppressed bucket draws no point and is named in the description", async () => {
    const spec = CHARTS["clv-charts frequency vs holdout, suppressed bucket"]!(640) as { description: string; data: { values: { x: string; mean: number | null }[] } };
    expect(spec.description).toMatch(/3 groups, 1 suppressed/);
    expect(spec.data.values.filter((v) => v.mean === null).map((v) => v.x)).toEqual(["1", "1"]);
    expect((await checkVegaLite(spec as never)).svg).toContain("suppressed");
  });

  it("value by context: a suppressed level is marked in the chart and the description", async () => {
    const spec = CHARTS["value-charts value by context"]!(640);
    expect(spec.description).toMatch(/tiny suppressed\.$/);
    expect((await checkVegaLite(spec)).svg).toContain("suppressed: too few customers");
  });

  it("transitions: cells outside the funnel are outlined, suppressed cells say so", () => {
    const spec = transitionSpec({ stages: ["prospect", "first"], counts: [[50, 3], [null, 40]], probabilities: [[0.9, 0.1], [null, 1]] }, { label: "observed", isFunnelStep }) as unknown as { layer: { data?: unknown }[]; data: { values: { from: string; to: string; funnel: string; text: string }[] } };
    expect(spec.data.values).toEqual([
      { from: "prospect", to: "prospect", p: 0.9, count: 50, funnel: "funnel step", text: "90%" },
      { from: "prospect", to: "first", p: 0.1, count: 3, funnel: "funnel step", text: "10%" },
      { from: "first", to: "prospect", p: null, count: null, funnel: "outside the funnel", text: "suppressed" },
      { from: "first", to: "first", p: 1, count: 40, funnel: "funnel step", text: "100%" },
    ]);
  });
});

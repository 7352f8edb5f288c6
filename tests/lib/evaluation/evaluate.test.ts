import { describe, expect, it } from "vitest";
import { compareModelPairs, compareModels, contextCells, scoreModels } from "../../../src/lib/evaluation/evaluate.js";
import { withHolm } from "../../../src/lib/evaluation/cell-inference.js";
import { expectedCalibrationError } from "../../../src/lib/metrics/calibration.js";
import { delong } from "../../../src/lib/stats/delong.js";
import { holm } from "../../../src/lib/stats/holm.js";
import { auc } from "../../../src/lib/metrics/auc.js";
import { logLoss } from "../../../src/lib/metrics/log-loss.js";
import { createRng } from "../../../src/lib/random/rng.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

const rng = createRng(9);
const n = 400;
const companion = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? "family" : "alone"));
const outcome = Array.from({ length: n }, (_, i) => (companion[i] === "family" ? 1 : rng.next() < 0.3 ? 1 : 0));
const test = makeInteractions({
  customer: Array.from({ length: n }, (_, i) => `c${i % 40}`),
  item: Array.from({ length: n }, () => "x"),
  outcome,
  contexts: { companion },
});
const irm = { name: "irm", family: "irm" as const, predictions: Float64Array.from(outcome, (y) => (y ? 0.7 : 0.3)) };
const crm = { name: "crm", family: "crm" as const, predictions: new Float64Array(n).fill(0.45) };

describe("evaluate", () => {
  it("groups test rows by context value", () => {
    const cells = contextCells(test);
    expect(cells.map((c) => [c.dimension, c.level, c.rows.length])).toEqual([
      ["companion", "family", 100],
      ["companion", "alone", 300],
    ]);
  });

  it("scores each model overall and per context with the metric functions", () => {
    const [m] = scoreModels(test, [irm]);
    expect(m!.overall.rows).toBe(n);
    expect(m!.overall.customers).toBe(40);
    expect(m!.overall.metrics.logLoss).toBeCloseTo(logLoss(test.outcome, irm.predictions), 12);
    expect(m!.overall.metrics.auc).toBe(auc(test.outcome, irm.predictions));
    const family = m!.byContext.find((c) => c.level === "family")!;
    expect(family.metrics.auc).toBeNull(); // one class only
    expect(family.metrics.logLoss).toBeCloseTo(-Math.log(0.7), 12);
  });

  it("compareModelPairs gives every pair exactly what compareModels gives it, and reports progress per cell", () => {
    const options = { metrics: ["logLoss", "auc", "brier"] as const, resamples: 50, level: 0.95, seed: 4 };
    const fractions: number[] = [];
    const both = compareModelPairs(test, [[irm, crm], [crm, irm]], { ...options, metrics: [...options.metrics], onProgress: (f) => fractions.push(f) });
    expect(both).toEqual([compareModels(test, irm, crm, { ...options, metrics: [...options.metrics] }), compareModels(test, crm, irm, { ...options, metrics: [...options.metrics] })]);
    expect(fractions.length).toBe(1 + contextCells(test).length);
    expect(fractions.at(-1)).toBe(1);
  });

  it("compares paired: estimate = metric(irm) − metric(crm); no CI where the metric is undefined", () => {
    const [cLoss, cAuc] = compareModels(test, irm, crm, { metrics: ["logLoss", "auc"], resamples: 200, level: 0.95, seed: 1 });
    const expected = logLoss(test.outcome, irm.predictions) - logLoss(test.outcome, crm.predictions);
    expect(cLoss!.overall.estimate).toBeCloseTo(expected, 12);
    expect(cLoss!.overall.lower).toBeLessThan(expected);
    expect(cLoss!.overall.upper).toBeGreaterThan(expected);
    expect(cLoss!.overall.upper).toBeLessThan(0); // a clearly better model
    expect(cAuc!.byContext.find((c) => c.level === "family")!.difference).toBeNull();
    expect(cAuc!.byContext.find((c) => c.level === "alone")!.difference!.lower).toBeGreaterThan(0);
  });

  const segments = [{ name: "history", levels: ["light", "heavy"], codes: Int32Array.from({ length: n }, (_, i) => (i % 40 < 10 ? 0 : 1)) }];

  it("breaks metrics down by segment and adds ECE with reliability bins for binary outcomes", () => {
    const [m] = scoreModels(test, [irm], { segments });
    expect(m!.bySegment!.map((c) => [c.dimension, c.level, c.rows, c.customers])).toEqual([
      ["history", "light", 100, 10],
      ["history", "heavy", 300, 30],
    ]);
    expect(m!.calibration).toEqual(expectedCalibrationError(test.outcome, irm.predictions));
    expect(m!.overall.metrics.ece).toBe(expectedCalibrationError(test.outcome, irm.predictions).ece);
  });

  it("gives each cell a customer-bootstrap p-value (DeLong only as the overall AUC's extra) and Holm-adjusts over context and segment cells", () => {
    // 40 customers: sign flips by default (next tests); signFlipBelow 0 keeps the bootstrap everywhere
    const [cLoss, cAuc, ...rest] = compareModels(test, irm, crm, { metrics: ["logLoss", "auc", "ece"], resamples: 200, level: 0.95, seed: 1, segments, minCustomers: 10, smallCell: { signFlipBelow: 0, exactUpTo: 20 } });
    expect(rest).toEqual([]); // ece has no paired test
    const cells = [...cLoss!.byContext, ...cLoss!.bySegment!];
    const raw = cells.map((c) => c.difference!.pValue!);
    expect(cells.map((c) => c.difference!.pHolm)).toEqual(holm(raw));
    expect(cells.every((c) => c.difference!.test === "bootstrap")).toBe(true);
    const d = delong(test.outcome, irm.predictions, crm.predictions);
    expect(cAuc!.delong).toEqual({ estimate: d.difference, lower: d.lower, upper: d.upper, z: d.z, pValue: d.pValue });
    // rows of one customer are correlated: the clustered bootstrap, not row-independent DeLong, drives p and Holm
    expect(cAuc!.overall.test).toBe("bootstrap");
    expect([...cAuc!.byContext, ...cAuc!.bySegment!].every((c) => !c.difference || c.difference.test === "bootstrap")).toBe(true);
    // the family cell has one class: no difference, no p-value, not in the Holm family
    const family = cAuc!.byContext.find((c) => c.level === "family")!;
    expect(family.difference).toBeNull();
    const withP = [...cAuc!.byContext, ...cAuc!.bySegment!].filter((c) => c.difference);
    expect(withP.map((c) => c.difference!.pHolm)).toEqual(holm(withP.map((c) => c.difference!.pValue!)));
  });

  it("withHolm leaves cells without a p-value as they are", () => {
    const cell = (p: number | null) => ({ dimension: "d", level: String(p), rows: 1, customers: 1, difference: p === null ? null : { estimate: 0, lower: 0, upper: 0, level: 0.95, resamples: 1, rows: 1, customers: 1, pValue: p } });
    const [a, b] = withHolm([[cell(0.01), cell(null)], [cell(0.04)]].map((g) => g.map((c) => ({ cell: c, distribution: null }))), { level: 0.95, higherIsBetter: true });
    expect(a!.map((c) => c.difference?.pHolm ?? null)).toEqual([0.02, null]);
    expect(b!.map((c) => c.difference?.pHolm)).toEqual([0.04]);
  });

  it("gives cells under minCustomers (default 20) metrics only, with a note, and keeps them out of Holm", () => {
    const [cLoss] = compareModels(test, irm, crm, { metrics: ["logLoss"], resamples: 50, level: 0.95, seed: 1, segments });
    const light = cLoss!.bySegment!.find((c) => c.level === "light")!;
    expect([light.customers, light.difference, light.note]).toEqual([10, null, "fewer than 20 customers: metrics only, no CI, p-value or claim"]);
    const heavy = cLoss!.bySegment!.find((c) => c.level === "heavy")!;
    expect(heavy.difference!.pHolm).toBeDefined();
  });

  it("reads the CI, p, TOST p and verdict off one distribution, so they never disagree, at every cell and Holm level", () => {
    // crm2 is irm blurred towards 0.5 for some customers only: a mix of clear, absent and unclear differences
    const crm2 = { name: "crm2", family: "crm" as const, predictions: Float64Array.from(irm.predictions, (p, i) => (i % 40 < 25 ? p : 0.5 + (p - 0.5) * 0.2)) };
    for (const [method, signFlipBelow] of [["percentile", 0], ["bca", 0], ["percentile", 50]] as const) {
      const comps = compareModelPairs(test, [[irm, crm], [irm, crm2], [crm2, irm]], { metrics: ["logLoss", "auc", "brier"], resamples: 300, level: 0.95, seed: 2, segments, minCustomers: 5, method, smallCell: { signFlipBelow, exactUpTo: 12 } });
      let checked = 0;
      for (const c of comps.flat()) {
        const cells = [c.overall, ...[...c.byContext, ...c.bySegment!].map((x) => x.difference)].filter((d) => d !== null);
        for (const d of cells) {
          const excludes = d.lower > 0 || d.upper < 0;
          expect(excludes).toBe(d.pValue! < 0.05);
          if (d.adjusted) expect(d.adjusted.lower > 0 || d.adjusted.upper < 0).toBe(d.pHolm! < 0.05);
          if (d.verdict === "equivalent") expect((d.adjusted ? d.pTostHolm! : d.pTost!) < 0.05).toBe(true);
          expect(["irm-better", "crm-better", "equivalent", "inconclusive"]).toContain(d.verdict);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(30);
    }
  });

  it("tests cells with fewer than signFlipBelow customers by customer sign flips (exact up to exactUpTo), AUC by the bootstrap", () => {
    const [cLoss, cAuc, cBrier] = compareModels(test, irm, crm, { metrics: ["logLoss", "auc", "brier"], resamples: 400, level: 0.95, seed: 1, segments, minCustomers: 10, smallCell: { signFlipBelow: 50, exactUpTo: 12 } });
    // overall: 40 customers (Monte Carlo flips: 400 + the identity); history light: 10 customers (all 2^10)
    expect([cLoss!.overall.test, cLoss!.overall.interval, cLoss!.overall.resamples]).toEqual(["sign-flip Monte Carlo", "sign-flip", 401]);
    const light = cLoss!.bySegment!.find((c) => c.level === "light")!.difference!;
    expect([light.test, light.resamples]).toEqual(["sign-flip exact", 1024]);
    expect(cBrier!.overall.test).toBe("sign-flip Monte Carlo");
    expect(cAuc!.overall.test).toBe("bootstrap");
    // the estimate is the metric difference itself
    expect(cLoss!.overall.estimate).toBeCloseTo(logLoss(test.outcome, irm.predictions) - logLoss(test.outcome, crm.predictions), 12);
    // irm predicts much better: every customer's difference is negative, so the flips reject
    expect(cLoss!.overall.pValue!).toBeLessThan(0.01);
    expect(cLoss!.overall.verdict).toBe("irm-better");
  });
});

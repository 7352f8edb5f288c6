import { describe, expect, it } from "vitest";
import { compareModels, contextCells, scoreModels } from "../../../src/lib/evaluation/evaluate.js";
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
});

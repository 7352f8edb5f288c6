import { describe, expect, it } from "vitest";
import { calibrationLines } from "../../../src/lib/format/sweep-summary.js";
import { cellClaims, isSeedPath, summarizeSweep, type SweepCellRecord } from "../../../src/lib/records/sweep-record.js";
import { clopperPearson } from "../../../src/lib/stats/clopper-pearson.js";
import type { MeasureRow } from "../../../src/lib/records/value-record.js";
import { criticalDifferenceDiagram, friedman } from "../../../src/lib/stats/friedman-nemenyi.js";
import { seedAggregate } from "../../../src/lib/stats/seed-aggregate.js";

const cell = (index: number, dataset: string, seed: number, estimate: number, models: Record<string, number>): SweepCellRecord => ({
  index,
  params: { "dataset.descriptor": dataset, seed },
  status: "complete",
  runId: `r${index}`,
  runDir: `runs/r${index}`,
  error: null,
  headline: { dataset, metric: "rmse", irm: "ctx", crm: "cust", estimate, lower: estimate - 0.1, upper: estimate + 0.1, direction: "inconclusive", verdict: "", models },
});

describe("summarizeSweep", () => {
  it("aggregates over seeds within a group and ranks models across groups", () => {
    const cells = [
      cell(0, "a", 1, -0.1, { ctx: 1.0, cust: 1.1, pop: 1.3 }),
      cell(1, "a", 2, -0.3, { ctx: 1.2, cust: 1.3, pop: 1.2 }),
      cell(2, "b", 1, 0.05, { ctx: 0.9, cust: 0.85, pop: 1.0 }),
      cell(3, "c", 1, -0.2, { ctx: 0.7, cust: 0.9, pop: 0.95 }),
      { ...cell(4, "c", 2, 0, {}), status: "failed" as const, headline: null },
    ];
    const s = summarizeSweep(cells);
    expect(s.groups.map((g) => [g.params, g.seeds])).toEqual([[{ "dataset.descriptor": "a" }, 2], [{ "dataset.descriptor": "b" }, 1], [{ "dataset.descriptor": "c" }, 1]]);
    expect(s.groups[0]!.difference).toEqual(seedAggregate([-0.1, -0.3]));
    expect(s.groups[0]!.models.ctx).toEqual(seedAggregate([1.0, 1.2]));
    const scores = [[1.1, 1.2, 1.25], [0.9, 0.85, 1.0], [0.7, 0.9, 0.95]];
    const f = friedman(scores, false);
    expect(s.ranks).toEqual({ metric: "rmse", models: ["ctx", "cust", "pop"], groups: 3, friedman: f, criticalDifference: criticalDifferenceDiagram(["ctx", "cust", "pop"], f.averageRanks, 3) });
  });

  it("says why it skips ranks with a single group", () => {
    expect(summarizeSweep([cell(0, "a", 1, 0, { x: 1, y: 2 })]).ranks).toEqual({ skipped: "Friedman needs at least 2 groups (datasets or conditions); the sweep has 1" });
  });

  it("treats seed and any *.seed path as seeds", () => {
    expect([isSeedPath("seed"), isSeedPath("dataset.synthetic.seed"), isSeedPath("seeds"), isSeedPath("split.k")]).toEqual([true, true, false, false]);
  });

  it("reports the share of seeds making each claim per condition, with Clopper–Pearson CIs", () => {
    const measure = (claim: boolean, lower: number): MeasureRow => ({
      measure: "breadth, buyers (companion)", unit: "share", nullKind: "context permuted within customer",
      value: { estimate: 0.5, baseline: 0.4, excess: 0.1, lower, upper: lower + 0.2, p: claim ? 0.001 : 0.2 }, pHolm: claim ? 0.01 : 0.4, claim,
    });
    // strength 0: 1 of 20 seeds says CRM better, 2 have an unadjusted CI above 0, 1 of them survives Holm
    const cells: SweepCellRecord[] = Array.from({ length: 40 }, (_, i) => {
      const strength = i < 20 ? 0 : 1;
      const seed = (i % 20) + 1;
      const direction = strength === 1 ? (seed <= 17 ? "irm-better" : "inconclusive") : seed === 3 ? "crm-better" : "equivalent";
      const value = { measures: [measure(strength === 0 ? seed === 5 : seed <= 10, strength === 0 && seed > 3 && seed <= 5 ? 0.01 : seed <= 10 && strength === 1 ? 0.02 : -0.1)] };
      const base = cell(i, "synthetic", seed, 0, { ctx: 1, cust: 1 });
      return { ...base, params: { "dataset.synthetic.contextStrength": strength, "dataset.synthetic.seed": seed }, headline: { ...base.headline!, direction, claims: cellClaims(direction, value) } };
    });
    const [s0, s1] = summarizeSweep(cells).groups;
    expect(s0!.params).toEqual({ "dataset.synthetic.contextStrength": 0 });
    expect(s0!.calibration!.map((c) => [c.claim, c.made, c.seeds])).toEqual([["IRM better", 0, 20], ["CRM better", 1, 20], ["value: breadth, buyers (companion)", 1, 20]]);
    expect(s0!.calibration![1]).toMatchObject(clopperPearson(1, 20));
    expect(s0!.calibration![2]!.ciExcludes0).toEqual({ made: 2, ...clopperPearson(2, 20) });
    expect(s1!.calibration![0]).toMatchObject({ claim: "IRM better", made: 17, share: 0.85 });
    expect(s1!.calibration![2]!.made).toBe(10);
    const text = calibrationLines(s0!).join("\n");
    expect(text).toContain("dataset.synthetic.contextStrength 0 (20 seeds");
    expect(text).toMatch(/CRM better\s+1\/20 = 5\.0% \[0\.1%, 24\.9%\]/);
  });

  it("records only the verdicts of runs without value measures", () => {
    expect(cellClaims("irm-better", null)).toEqual([{ claim: "IRM better", made: true }, { claim: "CRM better", made: false }]);
    expect(summarizeSweep([cell(0, "a", 1, 0, { x: 1 })]).groups[0]!.calibration).toBeUndefined();
  });
});

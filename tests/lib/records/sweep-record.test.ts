import { describe, expect, it } from "vitest";
import { isSeedPath, summarizeSweep, type SweepCellRecord } from "../../../src/lib/records/sweep-record.js";
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
});

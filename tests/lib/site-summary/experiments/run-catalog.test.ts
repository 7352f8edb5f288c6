import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogRun, catalogSweeps } from "../../../../src/lib/site-summary/experiments/run-catalog.js";
import type { RunRecord } from "../../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../../src/lib/records/metrics-record.js";

const dir = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const run = JSON.parse(readFileSync(`${dir}/run.json`, "utf8")) as RunRecord;
const metrics = JSON.parse(readFileSync(`${dir}/metrics.json`, "utf8")) as MetricsRecord;

/** The fixture run as one cell of a sweep, with its headline difference and CI replaced. */
function cell(params: Record<string, unknown>, estimate: number, lower: number, upper: number, cellNo: number) {
  const c0 = metrics.comparisons[0]!;
  return {
    run: { ...run, runId: `sweep-${cellNo}`, sweep: { sweepId: "strength", cell: cellNo, params } } as RunRecord,
    metrics: { ...metrics, comparisons: [{ ...c0, overall: { ...c0.overall, estimate, lower, upper } }, ...metrics.comparisons.slice(1)] } as MetricsRecord,
  };
}

describe("run-catalog", () => {
  it("catalogRun: one row with the headline difference, its CI and the command that reruns it", () => {
    expect(catalogRun(run, metrics)).toEqual({
      runId: "2025-06-01T10-00-00Z-fixture",
      date: "2025-06-01",
      name: "experiment",
      dataset: "synthetic (site fixture)",
      status: "complete",
      models: ["popularity", "customer-profile", "context-profile", "oracle"],
      headline: "log-loss context-profile − customer-profile -0.0290 (95% CI -0.0340 to -0.0240)",
      verdict: metrics.verdict,
      command: "node scripts/irmlab.mjs experiment data/experiments/default.yaml --seed 42",
      sweepId: null,
    });
  });

  it("catalogRun: a sweep cell reruns the whole sweep config and names its sweep; a run without comparison has no headline", () => {
    const row = catalogRun(cell({ contextStrength: 1 }, -0.02, -0.03, -0.01, 0).run, { ...metrics, comparisons: [] });
    expect(row.command).toBe("node scripts/irmlab.mjs experiment data/experiments/default.yaml");
    expect(row.sweepId).toBe("strength");
    expect(row.headline).toBe("");
  });

  it("catalogSweeps: x = first non-seed parameter, y = seed; cells average the runs and count IRM wins", () => {
    const runs = [
      cell({ contextStrength: 0, seed: 1 }, 0.002, -0.001, 0.005, 0),
      cell({ contextStrength: 1, seed: 1 }, -0.03, -0.04, -0.02, 1),
      cell({ contextStrength: 0, seed: 2 }, 0.004, 0.001, 0.007, 2),
      cell({ contextStrength: 1, seed: 2 }, -0.01, -0.02, 0.001, 3),
      { run, metrics }, // not part of a sweep: ignored
    ];
    expect(catalogSweeps(runs)).toEqual([
      {
        sweepId: "strength", xParam: "contextStrength", yParam: "seed", metric: "logLoss", higherIsBetter: false,
        cells: [
          { x: "0", y: "1", estimate: 0.002, runs: 1, irmWins: 0 },
          { x: "1", y: "1", estimate: -0.03, runs: 1, irmWins: 1 },
          { x: "0", y: "2", estimate: 0.004, runs: 1, irmWins: 0 },
          { x: "1", y: "2", estimate: -0.01, runs: 1, irmWins: 0 },
        ],
      },
    ]);
  });

  it("catalogSweeps: without a second parameter every run of an x value lands in one cell 'all'", () => {
    const [s] = catalogSweeps([cell({ contextStrength: 1 }, -0.03, -0.04, -0.02, 0), cell({ contextStrength: 1 }, -0.01, -0.02, 0.001, 1)]);
    expect(s!.yParam).toBeNull();
    expect(s!.cells).toEqual([{ x: "1", y: "all", estimate: -0.02, runs: 2, irmWins: 1 }]);
  });

  it("catalogSweeps: no sweep runs, no heat maps", () => {
    expect(catalogSweeps([{ run, metrics }])).toEqual([]);
  });
});

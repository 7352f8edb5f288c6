import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSweep } from "../../../src/node/run/run-sweep.js";
import type { SweepRecord } from "../../../src/lib/records/sweep-record.js";

const dir = mkdtempSync(join(tmpdir(), "irmlab-sweep-"));
const path = join(dir, "sw.yaml");
writeFileSync(
  path,
  `name: sw
seed: 5
dataset: { synthetic: { customers: 120, items: 15, seed: 1 } }
models: [popularity, customer-profile, context-profile]
compare: { irm: context-profile, crm: customer-profile }
bootstrap: { resamples: 60 }
segments: false
sweep:
  dataset.synthetic.contextStrength: [0, 2]
  dataset.synthetic.seed: [1, 2]
`,
);
const opts = { root: join(dir, "sweeps"), models: join(dir, "models"), quiet: true };

describe("runSweep", () => {
  it("resumes a stopped sweep from its completed cells and summarizes over seeds with Friedman ranks", async () => {
    const first = await runSweep(path, { ...opts, maxCells: 3 });
    expect(first.record.status).toBe("running");
    expect(first.record.cells.map((c) => c.status)).toEqual(["complete", "complete", "complete", "pending"]);
    const firstRuns = first.record.cells.slice(0, 3).map((c) => c.runId);

    const second = await runSweep(path, opts);
    expect(second.dir).toBe(first.dir);
    const rec = JSON.parse(readFileSync(join(second.dir, "sweep.json"), "utf8")) as SweepRecord;
    expect(rec.status).toBe("complete");
    expect(rec.cells.slice(0, 3).map((c) => c.runId)).toEqual(firstRuns); // not rerun
    expect(readdirSync(join(second.dir, "runs")).filter((n) => !n.startsWith("."))).toHaveLength(4);
    expect(rec.cells[3]!.params).toEqual({ "dataset.synthetic.contextStrength": 2, "dataset.synthetic.seed": 2 });

    const summary = rec.summary!;
    expect(summary.groups.map((g) => [g.params, g.seeds])).toEqual([
      [{ "dataset.synthetic.contextStrength": 0 }, 2],
      [{ "dataset.synthetic.contextStrength": 2 }, 2],
    ]);
    const g = summary.groups[1]!;
    const values = rec.cells.slice(2).map((c) => c.headline!.estimate);
    expect(g.difference.mean).toBeCloseTo((values[0]! + values[1]!) / 2, 14);
    expect(g.directions["irm-better"] + g.directions["crm-better"] + g.directions.equivalent + g.directions.inconclusive).toBe(2);
    expect("friedman" in summary.ranks && summary.ranks.models).toEqual(["popularity", "customer-profile", "context-profile", "global-mean"]);
  }, 120_000);

  it("runs cells side by side on worker threads (jobs: 2) with the same results as one at a time, resuming the same way", async () => {
    const serial = await runSweep(path, { ...opts, root: join(dir, "serial") });
    const first = await runSweep(path, { ...opts, root: join(dir, "jobs"), jobs: 2, maxCells: 3 });
    // three cells started on two lanes: every started cell finished and was recorded, the fourth was not started
    expect(first.record.cells.map((c) => c.status)).toEqual(["complete", "complete", "complete", "pending"]);
    const resumed = await runSweep(path, { ...opts, root: join(dir, "jobs"), jobs: 2 });
    expect(resumed.record.status).toBe("complete");
    expect(resumed.record.cells.slice(0, 3).map((c) => c.runId)).toEqual(first.record.cells.slice(0, 3).map((c) => c.runId));
    // fits under 100,000 rows are single-threaded either way: each cell's metrics and predictions are the same bytes
    const files = (root: string, runDir: string, name: string): string => readFileSync(join(root, runDir, name), "utf8");
    for (const [i, cell] of resumed.record.cells.entries()) {
      const other = serial.record.cells[i]!;
      expect(cell.headline).toEqual(other.headline);
      for (const name of ["metrics.json", "predictions.csv", ...(existsSync(join(serial.dir, other.runDir!, "value.json")) ? ["value.json"] : [])]) {
        expect(files(resumed.dir, cell.runDir!, name)).toBe(files(serial.dir, other.runDir!, name));
      }
    }
    expect(resumed.record.summary).toEqual(serial.record.summary);
  }, 240_000);

  it("records a cell that fails on its thread as failed, with the reason, and runs the others", async () => {
    const bad = join(dir, "bad.yaml");
    // customers: 1 is accepted by the config but leaves too few test customers: that cell fails inside its run
    writeFileSync(bad, readFileSync(path, "utf8").replace("dataset.synthetic.seed: [1, 2]", "dataset.synthetic.customers: [120, 1]"));
    const result = await runSweep(bad, { ...opts, root: join(dir, "bad"), jobs: 2 });
    expect(result.record.status).toBe("failed");
    // the grid's cells with one customer fail (their test set has too few customers), the others complete
    expect(result.record.cells.map((c) => c.status)).toEqual(["complete", "failed", "complete", "failed"]);
    for (const c of result.record.cells.filter((c) => c.status === "failed")) expect(c.error).toMatch(/fewer than 20 customers/);
  }, 240_000);
});


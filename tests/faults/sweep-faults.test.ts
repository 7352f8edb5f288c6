/**
 * Sweeps under faults: kill -9 at a cell's commit phases, then resume; two identical sweeps at once.
 * Each cell runs once, the sweep never ends "failed" when every cell completed, and resumed cells
 * are byte-identical to an undisturbed sweep's.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSweep } from "../../src/node/run/run-sweep.js";
import type { SweepRecord } from "../../src/lib/records/sweep-record.js";
import { runSummaries } from "../../src/node/run/run-store.js";
import { killAtPhase, results, scratch, startIrmlab, tinyConfig } from "./fault-helpers.js";

const GRID = "  dataset.synthetic.contextStrength: [0, 2]\n";
const sweepJson = (dir: string): SweepRecord => JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8")) as SweepRecord;

/** Cell index → results of its run, for a finished sweep folder. */
function cellResults(dir: string): ReturnType<typeof results>[] {
  return sweepJson(dir).cells.map((c) => results(join(dir, c.runDir!)));
}

describe("sweep faults", () => {
  const dir = scratch("sweep-faults");
  const config = tinyConfig(dir, "sweepfault", { sweep: GRID });
  const reference = runSweep(config, { root: join(dir, "reference"), quiet: true });

  it("resumes after kill -9 at a cell's manifest and after its commit, running each cell once", async () => {
    const ref = await reference;
    expect(ref.record.status).toBe("complete");
    for (const phase of ["manifest", "cell-committed"]) {
      const root = join(dir, phase);
      await killAtPhase(["sweep", config, "--root", root, "--quiet"], phase);
      const sweepDir = join(root, ref.record.sweepId);
      const before = sweepJson(sweepDir);
      expect(before.status).toBe("running");
      expect(before.cells.map((c) => c.status)).toEqual(["pending", "pending"]);
      const runs = await runSummaries(join(sweepDir, "runs"));
      // killed before the rename: nothing complete; after it: the cell's run is complete but not yet recorded
      expect(runs.map((r) => r.status)).toEqual(phase === "manifest" ? ["incomplete"] : ["complete"]);

      const resumed = await runSweep(config, { root, quiet: true });
      expect(resumed.record.status).toBe("complete");
      const after = await runSummaries(join(sweepDir, "runs"));
      expect(after.map((r) => r.status)).toEqual(["complete", "complete"]); // one run per cell: adopted, not rerun
      expect(new Set(after.map((r) => r.runId))).toEqual(new Set(resumed.record.cells.map((c) => c.runId)));
      expect(cellResults(sweepDir)).toEqual(cellResults(ref.dir));
    }
  }, 600_000);

  it("lets only one of two identical sweeps run; the other refuses naming the holder and the lock file", async () => {
    const ref = await reference;
    const root = join(dir, "concurrent");
    const resume = join(dir, "resume");
    const first = startIrmlab(["sweep", config, "--root", root, "--quiet"], { IRMLAB_FAULT_PHASE: "sweep-locked", IRMLAB_FAULT_RESUME_FILE: resume });
    const pid = await first.phase("sweep-locked");
    const second = await startIrmlab(["sweep", config, "--root", root, "--quiet"]).exit;
    writeFileSync(resume, "");
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`irmlab: sweep ${ref.record.sweepId} is in use by process ${pid} on .*lock file .*${ref.record.sweepId}/\\.lock\\); rerun this command after it has finished`));
    const done = await first.exit;
    expect([done.code, done.stderr.replace(/irmlab fault phase: .*\n/, "")]).toEqual([0, ""]);
    const sweepDir = join(root, ref.record.sweepId);
    expect(sweepJson(sweepDir).status).toBe("complete");
    expect((await runSummaries(join(sweepDir, "runs"))).map((r) => r.status)).toEqual(["complete", "complete"]);
    expect(cellResults(sweepDir)).toEqual(cellResults(ref.dir));
    // run again once the first is done: nothing left to do, nothing rerun
    const again = await runSweep(config, { root, quiet: true });
    expect(again.record.cells.map((c) => c.runId)).toEqual(sweepJson(sweepDir).cells.map((c) => c.runId));
    expect(await runSummaries(join(sweepDir, "runs"))).toHaveLength(2);
  }, 600_000);
});

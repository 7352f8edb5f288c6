/**
 * kill -9 of `irmlab experiment` at every commit phase of a run: nothing looks complete that is
 * not, the stopped run is listed as incomplete naming its process, the next run removes its temp
 * folder (and breaks a lock it held), and that run's results are byte-identical to an undisturbed run.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/node/run/run-experiment.js";
import { listRuns, runSummaries } from "../../src/node/run/run-store.js";
import { killAtPhase, results, scratch, tinyConfig } from "./fault-helpers.js";

const PHASES = ["reserved", "models", "predictions", "metrics", "record", "manifest", "store-locked", "committed"] as const;

describe("kill -9 of a run at each commit phase", () => {
  it("never leaves a run that looks complete, and a rerun gives byte-identical results", async () => {
    const dir = scratch("kill-run");
    const config = tinyConfig(dir, "killrun", { learned: true });
    const reference = await runExperiment(config, { out: join(dir, "reference"), quiet: true });
    expect(existsSync(join(reference.dir, "models", "mf", "weights.bin"))).toBe(true);
    expect(reference.run.artifactsDir).toBe("models");

    const killed = await Promise.all(PHASES.map((phase) => killAtPhase(["experiment", config, "--out", join(dir, phase), "--quiet"], phase)));

    for (const [i, phase] of PHASES.entries()) {
      const store = join(dir, phase);
      const rows = await runSummaries(store);
      if (phase === "committed") {
        // killed after the rename: the run is published whole
        expect(rows.map((r) => r.status)).toEqual(["complete"]);
        expect(results(rows[0]!.dir)).toEqual(results(reference.dir));
      } else {
        expect(rows.map((r) => [r.status, r.problem])).toEqual([["incomplete", expect.stringContaining(`process ${killed[i]!.pid} ended`)]]);
        expect(await listRuns(store)).toEqual([]);
      }
      const rerun = await runExperiment(config, { out: store, quiet: true });
      expect(results(rerun.dir)).toEqual(results(reference.dir));
      const after = await runSummaries(store);
      expect(after.every((r) => r.status === "complete")).toBe(true);
      expect(after).toHaveLength(phase === "committed" ? 2 : 1);
      // the stopped run's temp folder and any lock it held are gone
      expect(readdirSync(store).filter((n) => n.startsWith("."))).toEqual([]);
    }
  }, 600_000);
});

import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRunFolder, freeRunId, listRuns, readRun, latestRun, runSummaries } from "../../../src/node/runs/run-store.js";

function fakeRun(root: string, id: string, startedAt: string, status = "complete") {
  mkdirSync(join(root, id), { recursive: true });
  writeFileSync(join(root, id, "run.json"), JSON.stringify({ runId: id, status, startedAt }));
  writeFileSync(join(root, id, "metrics.json"), JSON.stringify({ verdict: id }));
}

describe("run store", () => {
  it("lists only complete runs, newest first, ignoring temp folders", async () => {
    const root = mkdtempSync(join(tmpdir(), "runs-"));
    fakeRun(root, "a", "2026-01-01T00:00:00.000Z");
    fakeRun(root, "b", "2026-02-01T00:00:00.000Z");
    fakeRun(root, "c", "2026-03-01T00:00:00.000Z", "running");
    fakeRun(root, ".tmp-d-1", "2026-04-01T00:00:00.000Z");
    expect((await listRuns(root)).map((r) => r.runId)).toEqual(["b", "a"]);
    expect((await latestRun(root))!.metrics).toEqual({ verdict: "b" });
  });

  it("publishes a run folder only on commit, and leaves nothing on abort", async () => {
    const root = mkdtempSync(join(tmpdir(), "runs-"));
    const folder = await createRunFolder(root, "r1");
    writeFileSync(join(folder.tempDir, "run.json"), JSON.stringify({ runId: "r1", status: "complete", startedAt: "2026-01-01T00:00:00Z" }));
    writeFileSync(join(folder.tempDir, "metrics.json"), "{}");
    expect(await listRuns(root)).toEqual([]);
    expect(existsSync(folder.finalDir)).toBe(false);
    await folder.commit();
    expect((await listRuns(root)).map((r) => r.runId)).toEqual(["r1"]);
    const other = await createRunFolder(root, "r2");
    await other.abort();
    expect(readdirSync(root)).toEqual(["r1"]);
    await expect(createRunFolder(root, "r1")).rejects.toThrowError(/already exists/);
  });

  it("reports a missing metrics file as an incomplete run", async () => {
    const root = mkdtempSync(join(tmpdir(), "runs-"));
    mkdirSync(join(root, "x"));
    writeFileSync(join(root, "x", "run.json"), JSON.stringify({ status: "complete", startedAt: "t" }));
    await expect(readRun(join(root, "x"))).rejects.toThrowError(/metrics.json is missing; the run is incomplete/);
  });

  it("returns no runs for a missing root", async () => {
    expect(await listRuns(join(tmpdir(), "does-not-exist-irmlab"))).toEqual([]);
  });

  it("summarizes complete runs with their headline and lists temp folders as incomplete", async () => {
    const root = mkdtempSync(join(tmpdir(), "runs-"));
    mkdirSync(join(root, "r1"));
    const overall = { estimate: -0.01, lower: -0.02, upper: -0.005, level: 0.95, resamples: 100, rows: 10, customers: 5 };
    writeFileSync(join(root, "r1", "run.json"), JSON.stringify({
      runId: "r1", status: "complete", startedAt: "2026-01-01T00:00:00.000Z", dataset: { name: "synthetic" },
      split: { kind: "kfold", folds: 3 }, models: [{ name: "a" }, { name: "b" }],
    }));
    writeFileSync(join(root, "r1", "metrics.json"), JSON.stringify({
      headlineMetric: "logLoss", verdict: "v",
      comparisons: [{ irm: "a", crm: "b", metric: "logLoss", overall, crossValidation: { mean: -0.011, lower: -0.03, upper: 0.01 } }],
    }));
    mkdirSync(join(root, ".tmp-r2-999999"));
    expect(await runSummaries(root)).toEqual([
      { runId: "r1", dir: join(root, "r1"), status: "complete", startedAt: "2026-01-01T00:00:00.000Z", dataset: "synthetic", split: "kfold (3 folds)", models: ["a", "b"],
        headline: { metric: "logLoss", irm: "a", crm: "b", estimate: -0.011, lower: -0.03, upper: 0.01, decision: "inconclusive", verdict: "v" }, sweep: null },
      { runId: "r2", dir: join(root, ".tmp-r2-999999"), status: "incomplete", startedAt: null, dataset: null, split: null, models: [], headline: null, sweep: null },
    ]);
    expect(await runSummaries(join(root, "missing"))).toEqual([]);
  });

  it("picks a free run id when a run of the same config started in the same second", () => {
    const runs = mkdtempSync(join(tmpdir(), "runs-"));
    const models = mkdtempSync(join(tmpdir(), "models-"));
    expect(freeRunId("r", [runs, models])).toBe("r");
    mkdirSync(join(runs, "r"));
    expect(freeRunId("r", [runs, models])).toBe("r-2");
    mkdirSync(join(models, ".tmp-r-2-123"));
    expect(freeRunId("r", [runs, models])).toBe("r-3");
  });
});

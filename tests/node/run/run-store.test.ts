import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRunFolder, latestRun, listRuns, readRun, runSummaries } from "../../../src/node/run/run-store.js";
import { deadOwner, fakeRun } from "./store-fixtures.js";

const newRoot = (): string => mkdtempSync(join(tmpdir(), "runs-"));

describe("run store", () => {
  it("lists only runs whose manifest verifies, newest first, ignoring temp folders", async () => {
    const root = newRoot();
    await fakeRun(root, "a", "2026-01-01T00:00:00.000Z");
    await fakeRun(root, "b", "2026-02-01T00:00:00.000Z");
    await fakeRun(root, "no-manifest", "2026-03-01T00:00:00.000Z", {}, {}, false);
    const changed = await fakeRun(root, "changed", "2026-03-02T00:00:00.000Z");
    writeFileSync(join(changed, "metrics.json"), JSON.stringify({ verdict: "edited" }));
    await fakeRun(root, ".tmp-d-1", "2026-04-01T00:00:00.000Z");
    expect((await listRuns(root)).map((r) => r.runId)).toEqual(["b", "a"]);
    expect((await latestRun(root))!.metrics).toEqual({ verdict: "b" });
    expect(await listRuns(join(tmpdir(), "does-not-exist-irmlab"))).toEqual([]);
  });

  it("publishes a run (models folder included) with one rename on commit, and leaves nothing on abort", async () => {
    const root = newRoot();
    const folder = await createRunFolder(root, "r1");
    expect(folder.runId).toBe("r1");
    writeFileSync(join(folder.tempDir, "run.json"), JSON.stringify({ runId: "r1", status: "complete", startedAt: "2026-01-01T00:00:00Z" }));
    writeFileSync(join(folder.tempDir, "metrics.json"), "{}");
    mkdirSync(join(folder.tempDir, "models", "mf"), { recursive: true });
    writeFileSync(join(folder.tempDir, "models", "mf", "weights.bin"), "w");
    expect(await listRuns(root)).toEqual([]);
    expect(existsSync(folder.finalDir)).toBe(false);
    await folder.commit();
    expect((await listRuns(root)).map((r) => r.runId)).toEqual(["r1"]);
    const manifest = JSON.parse(readFileSync(join(folder.finalDir, "manifest.json"), "utf8")) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(["metrics.json", "models/mf/weights.bin", "run.json"]);
    expect(readdirSync(folder.finalDir).sort()).toEqual(["manifest.json", "metrics.json", "models", "run.json"]);
    const other = await createRunFolder(root, "r2");
    await other.abort();
    expect(readdirSync(root).filter((n) => n !== ".lock")).toEqual(["r1"]);
  });

  it("gives a second run of the same id the next free id, published or in progress", async () => {
    const root = newRoot();
    const a = await createRunFolder(root, "r");
    const b = await createRunFolder(root, "r");
    expect([a.runId, b.runId]).toEqual(["r", "r-2"]);
    await a.commit();
    expect((await createRunFolder(root, "r")).runId).toBe("r-3");
  });

  it("removes temporary folders of ended processes only, keeping those of live ones", async () => {
    const root = newRoot();
    mkdirSync(join(root, ".tmp-dead-1"));
    writeFileSync(join(root, ".tmp-dead-1", ".owner.json"), deadOwner());
    mkdirSync(join(root, ".tmp-unowned-2"));
    const live = await createRunFolder(root, "live");
    await createRunFolder(root, "another");
    const names = readdirSync(root);
    expect(names).toContain(`.tmp-live-${process.pid}`);
    expect(names).not.toContain(".tmp-dead-1");
    expect(names).not.toContain(".tmp-unowned-2");
    expect(existsSync(live.tempDir)).toBe(true);
  });

  it("reports a missing manifest or a changed file naming the file", async () => {
    const root = newRoot();
    const x = await fakeRun(root, "x", "t", {}, {}, false);
    await expect(readRun(x)).rejects.toThrowError(/run .*x: incomplete: manifest.json is missing/);
    const y = await fakeRun(root, "y", "2026-01-01T00:00:00.000Z");
    writeFileSync(join(y, "run.json"), "{\u0001broken");
    await expect(readRun(y)).rejects.toThrowError(/run .*y: damaged: run.json has \d+ bytes; manifest.json records \d+/);
  });

  it("summarizes every folder: complete with headline, damaged and incomplete with the file, temp folders running or stopped", async () => {
    const root = newRoot();
    const overall = { estimate: -0.01, lower: -0.02, upper: -0.005, level: 0.95, resamples: 100, rows: 10, customers: 5 };
    await fakeRun(root, "r1", "2026-01-01T00:00:00.000Z", { dataset: { name: "synthetic" }, split: { kind: "kfold", folds: 3 }, models: [{ name: "a" }, { name: "b" }] }, {
      headlineMetric: "logLoss", verdict: "v",
      comparisons: [{ irm: "a", crm: "b", metric: "logLoss", overall, crossValidation: { mean: -0.011, lower: -0.03, upper: 0.01 } }],
    });
    const bad = await fakeRun(root, "r0", "2026-01-02T00:00:00.000Z");
    writeFileSync(join(bad, "run.json"), `${readFileSync(join(bad, "run.json"), "utf8").slice(0, 10)}\u0007${readFileSync(join(bad, "run.json"), "utf8").slice(11)}`);
    await fakeRun(root, "r3", "2026-01-03T00:00:00.000Z", {}, {}, false);
    const live = await createRunFolder(root, "r4"); // before the stale folder below, which it would remove
    mkdirSync(join(root, ".tmp-r2-999999"));
    writeFileSync(join(root, ".tmp-r2-999999", ".owner.json"), deadOwner());
    const rows = await runSummaries(root);
    expect(rows[0]).toEqual({
      runId: "r1", dir: join(root, "r1"), status: "complete", problem: null, startedAt: "2026-01-01T00:00:00.000Z", dataset: "synthetic", split: "kfold (3 folds)", models: ["a", "b"],
      headline: { metric: "logLoss", irm: "a", crm: "b", estimate: -0.011, lower: -0.03, upper: 0.01, decision: "inconclusive", verdict: "v" }, sweep: null,
    });
    expect(rows.slice(1).map((r) => [r.runId, r.status])).toEqual([["r0", "damaged"], ["r3", "incomplete"], ["r2", "incomplete"], ["r4", "running"]]);
    expect(rows[1]!.problem).toMatch(/^run.json does not match its sha256 in manifest.json/);
    expect(rows[2]!.problem).toMatch(/^manifest.json is missing/);
    expect(rows[3]!.problem).toMatch(/stopped before its commit \(process \d+ ended\)/);
    expect(rows[4]!.problem).toBe(`being written by process ${process.pid}`);
    expect(live.runId).toBe("r4");
    expect(await runSummaries(join(root, "missing"))).toEqual([]);
  });
});

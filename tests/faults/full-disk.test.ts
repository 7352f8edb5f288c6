/**
 * Writes that fail: a 5 MB tmpfs filled up to a few pages (as root; elsewhere the same failure is
 * injected with IRMLAB_FAULT_WRITE), and injected EROFS/EDQUOT. The command ends with one line
 * naming the file and what was being written, exit code 1, no stack trace, no temp folder left; a
 * sweep marks the cell failed and resumes; once space is back, results are byte-identical.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runExperiment } from "../../src/node/run/run-experiment.js";
import { runSweep } from "../../src/node/run/run-sweep.js";
import type { SweepRecord } from "../../src/lib/records/sweep-record.js";
import { runSummaries } from "../../src/node/run/run-store.js";
import { results, scratch, startIrmlab, tinyConfig } from "./fault-helpers.js";

const dir = scratch("full-disk");
const disk = join(dir, "disk");
mkdirSync(disk);
/** A real tiny disk where this process may mount one (root, as in CI); else injected write errors. */
const tmpfs = ((): boolean => {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=5m", "tmpfs", disk], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
afterAll(() => {
  if (tmpfs) execFileSync("umount", [disk]);
});
const filler = join(disk, "filler");
const PAGE = 4096;

/** Fills the disk to `free` bytes (tmpfs), or arranges the injected ENOSPC for predictions.csv. */
function fillDisk(free: number): Record<string, string> {
  if (!tmpfs) return { IRMLAB_FAULT_WRITE: "predictions.csv:ENOSPC" };
  rmSync(filler, { force: true });
  const s = statfsSync(disk);
  writeFileSync(filler, Buffer.alloc(Math.max(0, s.bavail * s.bsize - free)));
  return {};
}
const freeDisk = (): void => rmSync(filler, { force: true });
const config = tinyConfig(dir, "fulldisk");
const sweepConfig = tinyConfig(dir, "fulldisksweep", { sweep: "  dataset.synthetic.contextStrength: [0, 2]\n" });
const ENOSPC = /cannot write the test predictions of run \S+ to (\S+)\/predictions\.csv \(ENOSPC: no space left on the device\)/;

describe(`a full disk (${tmpfs ? "5 MB tmpfs" : "injected ENOSPC: not allowed to mount a tmpfs here"})`, () => {
  it("ends `irmlab experiment` with the file named, exit 1, no stack, no temp folder; a rerun is byte-identical", async () => {
    const reference = await runExperiment(config, { out: join(dir, "reference"), quiet: true });
    expect(readFileSync(join(reference.dir, "predictions.csv")).length).toBeGreaterThan(10 * PAGE); // does not fit in what is left
    const store = join(disk, "runs");
    const env = fillDisk(10 * PAGE);
    const failed = await startIrmlab(["experiment", config, "--out", store, "--quiet"], env).exit;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^irmlab: ${ENOSPC.source}\\n$`));
    expect(ENOSPC.exec(failed.stderr)![1]!.startsWith(`${store}/.tmp-`)).toBe(true);
    expect(readdirSync(store)).toEqual([]); // temp folder and lock removed
    freeDisk();
    const rerun = await runExperiment(config, { out: store, quiet: true });
    expect(results(rerun.dir)).toEqual(results(reference.dir));
  }, 300_000);

  it("marks the sweep cell failed naming the file, exits 1, and resumes to the undisturbed results", async () => {
    const reference = await runSweep(sweepConfig, { root: join(dir, "sweep-reference"), quiet: true });
    const root = join(disk, "sweeps");
    const env = fillDisk(10 * PAGE);
    const failed = await startIrmlab(["sweep", sweepConfig, "--root", root, "--quiet"], env).exit;
    freeDisk();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^irmlab: sweep \S+: 2 cell\(s\) failed; see .*sweep.json, fix, and rerun to retry them\n$/);
    const sweepDir = join(root, reference.record.sweepId);
    const record = JSON.parse(readFileSync(join(sweepDir, "sweep.json"), "utf8")) as SweepRecord;
    expect(record.status).toBe("failed");
    expect(record.cells.map((c) => [c.status, ENOSPC.test(c.error ?? "")])).toEqual([["failed", true], ["failed", true]]);
    expect(await runSummaries(join(sweepDir, "runs"))).toEqual([]);
    const resumed = await runSweep(sweepConfig, { root, quiet: true });
    expect(resumed.record.status).toBe("complete");
    const cellResults = (r: SweepRecord, d: string) => r.cells.map((c) => results(join(d, c.runDir!)));
    expect(cellResults(resumed.record, sweepDir)).toEqual(cellResults(reference.record, reference.dir));
  }, 300_000);
});

describe("other write failures (injected)", () => {
  it.each([
    ["metrics.json:EROFS", /cannot write the metrics of run \S+ to \S+\/metrics\.json \(EROFS: the file system is read-only\)/],
    ["run.json:EACCES", /cannot write the run record of run \S+ to \S+\/run\.json \(EACCES: permission denied\)/],
    ["manifest.json:EDQUOT", /cannot write the manifest of run \S+ to \S+\/manifest\.json \(EDQUOT: disk quota exceeded\)/],
  ])("%s: the run fails naming the file and leaves nothing behind", async (hook, message) => {
    const store = join(dir, `injected-${hook.split(":")[0]}`);
    process.env.IRMLAB_FAULT_WRITE = hook;
    try {
      await expect(runExperiment(config, { out: store, quiet: true })).rejects.toThrowError(message);
    } finally {
      delete process.env.IRMLAB_FAULT_WRITE;
    }
    expect(readdirSync(store)).toEqual([]);
  }, 120_000);
});

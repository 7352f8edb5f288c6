/**
 * Two `irmlab experiment` processes of the same config into one run store at once: the second
 * waits for the store lock the first holds at its commit, both publish, under different ids, with
 * identical results; neither fails with "already exists" (same-second ids: tests/node/run).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSummaries } from "../../src/node/run/run-store.js";
import { results, scratch, startIrmlab, tinyConfig } from "./fault-helpers.js";

describe("concurrent runs", () => {
  it("publishes both runs of the same config started together into one store", async () => {
    const dir = scratch("concurrent-runs");
    const config = tinyConfig(dir, "twice");
    const store = join(dir, "runs");
    const resume = join(dir, "resume");
    const args = ["experiment", config, "--out", store, "--quiet"];
    // the first holds the store lock at its commit until the second has found it busy
    const first = startIrmlab(args, { IRMLAB_FAULT_PHASE: "store-locked", IRMLAB_FAULT_RESUME_FILE: resume });
    await first.phase("store-locked");
    const second = startIrmlab(args, { IRMLAB_FAULT_PHASE: "lock-busy", IRMLAB_FAULT_PAUSE_MS: "0" });
    await second.phase("lock-busy");
    writeFileSync(resume, "");
    const [a, b] = await Promise.all([first.exit, second.exit]);
    const phaseLines = /irmlab fault phase: .*\n/g;
    expect([a.code, a.stderr.replace(phaseLines, "")]).toEqual([0, ""]);
    expect([b.code, b.stderr.replace(phaseLines, "")]).toEqual([0, ""]);
    const runFolder = (stdout: string): string => /^run folder: (.+)$/m.exec(stdout)?.[1] ?? `no "run folder:" line in ${stdout}`;
    const dirs = [runFolder(a.stdout), runFolder(b.stdout)];
    expect(new Set(dirs).size).toBe(2);
    const rows = await runSummaries(store);
    expect(rows.map((r) => r.status)).toEqual(["complete", "complete"]);
    expect(new Set(rows.map((r) => r.dir))).toEqual(new Set(dirs));
    expect(results(dirs[0]!)).toEqual(results(dirs[1]!));
  }, 300_000);
});

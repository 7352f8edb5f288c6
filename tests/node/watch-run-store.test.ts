import { mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchRunStore } from "../../src/node/watch-run-store.js";

describe("watchRunStore", () => {
  it("marks every data loader stale when a run lands in the run store, and ignores other folders", async () => {
    const root = mkdtempSync(join(tmpdir(), "irmlab-watch-"));
    const dataDir = join(root, "data");
    const loadersDir = join(root, "loaders");
    mkdirSync(join(dataDir, "generated"), { recursive: true });
    mkdirSync(loadersDir);
    const loader = join(loadersDir, "summary.json.ts");
    writeFileSync(loader, "// loader");
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(loader, old, old);
    const reloads: string[][] = [];
    const watcher = watchRunStore({ dataDir, loadersDir, debounceMs: 50, onReload: (c) => reloads.push([...c]) });
    try {
      writeFileSync(join(dataDir, "generated", "x.csv"), "a\n");
      await new Promise((r) => setTimeout(r, 400));
      expect(reloads).toEqual([]);
      expect(Math.round(statSync(loader).mtimeMs)).toBe(old.getTime()); // filesystems store ns: mtimeMs can be 0.001 ms off
      mkdirSync(join(dataDir, "runs", "2026-run"));
      writeFileSync(join(dataDir, "runs", "2026-run", "run.json"), "{}");
      await new Promise((r) => setTimeout(r, 400));
      expect(reloads).toHaveLength(1);
      expect(reloads[0]!.some((p) => p.startsWith("runs"))).toBe(true);
      expect(statSync(loader).mtimeMs).toBeGreaterThan(Date.now() - 10_000);
    } finally {
      watcher.close();
    }
  });
});

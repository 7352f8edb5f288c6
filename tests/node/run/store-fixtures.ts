import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { writeManifest } from "../../../src/node/run/run-manifest.js";

/** The pid of a process that has ended (spawned and waited for). */
export function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

/** An owner record of a process that has ended. */
export function deadOwner(): string {
  return JSON.stringify({ pid: deadPid(), start: null, host: hostname() });
}

/** A published run folder <root>/<id> with run.json, metrics.json and (unless `manifest` is false) its manifest. */
export async function fakeRun(root: string, id: string, startedAt: string, extra: Record<string, unknown> = {}, metrics: unknown = { verdict: id }, manifest = true): Promise<string> {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "run.json"), JSON.stringify({ runId: id, status: "complete", startedAt, ...extra }));
  writeFileSync(join(dir, "metrics.json"), JSON.stringify(metrics));
  if (manifest) await writeManifest(dir, id);
  return dir;
}

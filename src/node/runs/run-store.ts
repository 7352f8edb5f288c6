/**
 * The run store: data/runs/<run-id>/ folders.
 *
 *   createRunFolder → write files into <root>/.tmp-<run-id>-<pid>/ → commit(): rename to <root>/<run-id>/
 *
 * A run folder appears under its final name only once every file is written, so a killed run leaves
 * at most a dot-folder that listRuns ignores (and that the next run in the same root cleans up).
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { MetricsRecord, RunRecord } from "../../lib/run/run-record.js";
import { overallDifference, verdictOf, type Verdict } from "../../lib/evaluation/verdict.js";

export interface RunFolder {
  /** The temporary folder to write into. */
  readonly tempDir: string;
  /** The final folder, which exists only after commit(). */
  readonly finalDir: string;
  /** Atomically publish the run. */
  commit(): Promise<string>;
  /** Remove the temporary folder (after a failure). */
  abort(): Promise<void>;
}

/** Starts a run folder under `root`; throws when a run with that id already exists. */
export async function createRunFolder(root: string, runId: string): Promise<RunFolder> {
  const absRoot = resolve(root);
  await mkdir(absRoot, { recursive: true });
  await removeStaleTemps(absRoot);
  const finalDir = join(absRoot, runId);
  if (existsSync(finalDir)) throw new Error(`run store: ${finalDir} already exists`);
  const tempDir = join(absRoot, `.tmp-${runId}-${process.pid}`);
  await mkdir(tempDir, { recursive: true });
  return {
    tempDir,
    finalDir,
    async commit() {
      await rename(tempDir, finalDir);
      return finalDir;
    },
    abort: () => rm(tempDir, { recursive: true, force: true }),
  };
}

/** `base`, or `base-2`, `base-3`, ...: the first id with no folder (final or temporary) under any of `roots`. */
export function freeRunId(base: string, roots: readonly string[]): string {
  const taken = (id: string): boolean =>
    roots.some((root) => {
      const abs = resolve(root);
      if (existsSync(join(abs, id))) return true;
      return existsSync(abs) && readdirSync(abs).some((name) => name.startsWith(`.tmp-${id}-`));
    });
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

async function removeStaleTemps(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    const m = /^\.tmp-.*-(\d+)$/.exec(name);
    if (m && !isAlive(Number(m[1]))) await rm(join(root, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface RunListing {
  readonly dir: string;
  readonly runId: string;
  readonly startedAt: string;
}

export interface StoredRun {
  readonly dir: string;
  readonly run: RunRecord;
  readonly metrics: MetricsRecord;
}

/** Complete runs under `root`, newest first (by start time, then id). Missing root → []. */
export async function listRuns(root: string): Promise<RunListing[]> {
  const absRoot = resolve(root);
  if (!existsSync(absRoot)) return [];
  const out: RunListing[] = [];
  for (const name of await readdir(absRoot)) {
    if (name.startsWith(".")) continue;
    const file = join(absRoot, name, "run.json");
    if (!existsSync(file)) continue;
    const run = JSON.parse(await readFile(file, "utf8")) as Partial<RunRecord>;
    if (run.status !== "complete" || typeof run.startedAt !== "string") continue;
    out.push({ dir: join(absRoot, name), runId: name, startedAt: run.startedAt });
  }
  return out.sort((a, b) => (a.startedAt === b.startedAt ? b.runId.localeCompare(a.runId) : b.startedAt.localeCompare(a.startedAt)));
}

/** Reads a complete run folder. */
export async function readRun(dir: string): Promise<StoredRun> {
  const read = async (file: string): Promise<unknown> => {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`run ${dir}: ${file} is missing; the run is incomplete`);
    return JSON.parse(await readFile(path, "utf8"));
  };
  const run = (await read("run.json")) as RunRecord;
  if (run.status !== "complete") throw new Error(`run ${dir}: status is ${JSON.stringify(run.status)}, not "complete"`);
  return { dir, run, metrics: (await read("metrics.json")) as MetricsRecord };
}

/** The newest complete run under `root`, or null. */
export async function latestRun(root: string): Promise<StoredRun | null> {
  const [newest] = await listRuns(root);
  return newest ? readRun(newest.dir) : null;
}

/** The newest run under `root`; runs `data/experiments/default.yaml` into `root` when there is none. */
export async function ensureLatestRun(root: string, defaultConfig = "data/experiments/default.yaml"): Promise<StoredRun> {
  const existing = await latestRun(root);
  if (existing) return existing;
  const { runExperiment } = await import("../experiment/run-experiment.js");
  const { dir } = await runExperiment(defaultConfig, { out: root, quiet: true });
  return readRun(dir);
}

/** One line of `irmlab runs`. */
export interface RunSummary {
  readonly runId: string;
  readonly dir: string;
  /** "complete", or "incomplete" for a temp folder (running now, or killed). */
  readonly status: "complete" | "incomplete";
  readonly startedAt: string | null;
  readonly dataset: string | null;
  readonly split: string | null;
  readonly models: readonly string[];
  /** The headline comparison (k-fold: over folds): difference, CI, the four-way decision and the verdict sentence. */
  readonly headline: { readonly metric: string; readonly irm: string; readonly crm: string; readonly estimate: number; readonly lower: number; readonly upper: number; readonly decision: Verdict; readonly verdict: string } | null;
  readonly sweep: string | null;
}

/**
 * Every run under `root`: complete runs newest first, then incomplete temp folders (whose files
 * may be partial: only their names are shown). Missing root → [].
 */
export async function runSummaries(root: string): Promise<RunSummary[]> {
  const absRoot = resolve(root);
  if (!existsSync(absRoot)) return [];
  const out: RunSummary[] = [];
  for (const listing of await listRuns(root)) {
    const { run, metrics } = await readRun(listing.dir);
    const head = metrics.comparisons.find((c) => c.metric === metrics.headlineMetric) ?? metrics.comparisons[0];
    const d = head ? overallDifference(head) : null;
    out.push({
      runId: run.runId,
      dir: listing.dir,
      status: "complete",
      startedAt: run.startedAt,
      dataset: run.dataset.name,
      split: `${run.split.kind}${(run.split.folds ?? 1) > 1 ? ` (${run.split.folds} folds)` : ""}`,
      models: run.models.map((m) => m.name),
      headline: head && d
        ? { metric: head.metric, irm: head.irm, crm: head.crm, estimate: d.estimate, lower: d.lower, upper: d.upper, decision: verdictOf(d, head.higherIsBetter), verdict: metrics.verdict }
        : null,
      sweep: run.sweep?.sweepId ?? null,
    });
  }
  for (const name of (await readdir(absRoot)).sort()) {
    const m = /^\.tmp-(.*)-\d+$/.exec(name);
    if (m) out.push({ runId: m[1]!, dir: join(absRoot, name), status: "incomplete", startedAt: null, dataset: null, split: null, models: [], headline: null, sweep: null });
  }
  return out;
}

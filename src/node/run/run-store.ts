/**
 * The run store: data/runs/<run-id>/ folders, one commit point per run.
 *
 *   createRunFolder (store lock held briefly) → remove temp folders whose owner process is gone
 *     → pick a free id → <root>/.tmp-<run-id>-<pid>/ with .owner.json (pid + process start time)
 *   → the run writes every file into it (record, metrics, predictions, value, models/<model>/)
 *   → commit(): manifest.json (size + sha256 of every file) last → store lock → drop .owner.json
 *     → rename to <root>/<run-id>/: the single atomic step that publishes the whole run
 *
 * A run is complete only when its manifest is present and every file matches it
 * (run-manifest.ts); anything else is listed as incomplete or damaged, never as a result.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { RunRecord } from "../../lib/records/run-record.js";
import { parseMetricsRecord, type MetricsRecord } from "../../lib/records/metrics-record.js";
import { overallDifference, verdictOf, type Verdict } from "../../lib/evaluation/verdict.js";
import { checkedWrite } from "../write-error.js";
import { faultPhase } from "./fault-phase.js";
import { withLock } from "./file-lock.js";
import { currentOwner, isOwnerAlive, parseOwner, type ProcessOwner } from "./process-owner.js";
import { inspectRunFolder } from "./run-manifest.js";
import { writeManifest } from "./run-manifest.js";

const OWNER_FILE = ".owner.json";
const LOCK_FILE = ".lock";
const TEMP = /^\.tmp-(.+)-(\d+)$/;

export interface RunFolder {
  /** The run id, free in the store when the folder was created. */
  readonly runId: string;
  /** The temporary folder to write into. */
  readonly tempDir: string;
  /** The final folder, which exists only after commit(). */
  readonly finalDir: string;
  /** Writes the manifest and publishes the run with one rename. */
  commit(): Promise<string>;
  /** Removes the temporary folder (after a failure). Never throws. */
  abort(): Promise<void>;
}

export interface StoreOptions {
  /** How long to wait for another process holding the store lock, in ms. Default 30000. */
  readonly lockWaitMs?: number;
}

/** Runs `work` holding the lock of the store at `absRoot`. */
function withStoreLock<T>(absRoot: string, options: StoreOptions, work: () => Promise<T>): Promise<T> {
  return withLock(join(absRoot, LOCK_FILE), { purpose: `run store ${absRoot}`, waitMs: options.lockWaitMs ?? 30_000 }, work);
}

/**
 * Reserves a run folder under `root`: `baseId`, or `baseId-2`, `-3`, ... when a run (complete or in
 * progress) already has that id, so two processes starting the same config never collide.
 * @throws WriteError naming the folder or file that cannot be created; LockBusyError when another
 *   process holds the store past lockWaitMs
 */
export async function createRunFolder(root: string, baseId: string, options: StoreOptions = {}): Promise<RunFolder> {
  const absRoot = resolve(root);
  await checkedWrite(absRoot, "the run store folder", () => mkdir(absRoot, { recursive: true }));
  const { runId, tempDir } = await withStoreLock(absRoot, options, async () => {
    await removeStaleTemps(absRoot);
    const names = await readdir(absRoot);
    const taken = (id: string): boolean => names.some((n) => n === id || TEMP.exec(n)?.[1] === id);
    let id = baseId;
    for (let n = 2; taken(id); n++) id = `${baseId}-${n}`;
    const dir = join(absRoot, `.tmp-${id}-${process.pid}`);
    const owner = join(dir, OWNER_FILE);
    await checkedWrite(owner, `the owner record of run ${id}`, async () => {
      try {
        await mkdir(dir);
        await writeFile(owner, `${JSON.stringify(currentOwner())}\n`);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    });
    return { runId: id, tempDir: dir };
  });
  faultPhase("reserved");
  const finalDir = join(absRoot, runId);
  return {
    runId,
    tempDir,
    finalDir,
    async commit() {
      await writeManifest(tempDir, runId, [OWNER_FILE]);
      faultPhase("manifest");
      await withStoreLock(absRoot, options, async () => {
        faultPhase("store-locked");
        if (existsSync(finalDir)) throw new Error(`run store: ${finalDir} already exists; the run stays in ${tempDir}`);
        await rm(join(tempDir, OWNER_FILE), { force: true });
        await rename(tempDir, finalDir);
      });
      faultPhase("committed");
      return finalDir;
    },
    abort: () => rm(tempDir, { recursive: true, force: true }).catch(() => undefined),
  };
}

/** The owner of a temporary folder, or null when it has none (killed before writing it, or about to be published). */
async function ownerOf(tempDir: string): Promise<ProcessOwner | null> {
  const text = await readFile(join(tempDir, OWNER_FILE), "utf8").catch(() => null);
  return text === null ? null : parseOwner(text);
}

/** Removes temporary run folders whose owner is gone. Call with the store lock held. */
async function removeStaleTemps(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    if (!TEMP.test(name)) continue;
    const owner = await ownerOf(join(root, name));
    if (!owner || !isOwnerAlive(owner)) await rm(join(root, name), { recursive: true, force: true });
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

/** Run folders under `absRoot` (not temporary ones, not dot-files), sorted by name. */
async function runFolderNames(absRoot: string): Promise<string[]> {
  const entries = await readdir(absRoot, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
}

const newestFirst = (a: { startedAt: string | null; runId: string }, b: { startedAt: string | null; runId: string }): number =>
  a.startedAt === b.startedAt ? b.runId.localeCompare(a.runId) : (b.startedAt ?? "").localeCompare(a.startedAt ?? "");

/** Complete runs under `root` (manifest verified), newest first (by start time, then id). Missing root → []. */
export async function listRuns(root: string): Promise<RunListing[]> {
  const absRoot = resolve(root);
  if (!existsSync(absRoot)) return [];
  const out: RunListing[] = [];
  for (const name of await runFolderNames(absRoot)) {
    const dir = join(absRoot, name);
    const inspected = await inspectRunFolder(dir);
    if (inspected.status === "complete") out.push({ dir, runId: name, startedAt: inspected.run.startedAt });
  }
  return out.sort(newestFirst);
}

/**
 * Reads a complete run folder.
 * @throws Error naming the folder and the file when the run is incomplete or damaged
 */
export async function readRun(dir: string): Promise<StoredRun> {
  const inspected = await inspectRunFolder(dir);
  if (inspected.status !== "complete") throw new Error(`run ${dir}: ${inspected.status}: ${inspected.problem}`);
  const file = join(dir, "metrics.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`run ${dir}: metrics.json is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const metrics = parseMetricsRecord(raw, file);
  return { dir, run: inspected.run, metrics };
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
  const { runExperiment } = await import("./run-experiment.js");
  const { dir } = await runExperiment(defaultConfig, { out: root, quiet: true });
  return readRun(dir);
}

/** Status of a run folder in `irmlab runs`. */
export type RunStatus = "complete" | "running" | "incomplete" | "damaged";

/** One line of `irmlab runs`. */
export interface RunSummary {
  readonly runId: string;
  readonly dir: string;
  /** complete (manifest verified), running (temp folder of a live process), incomplete (stopped before its commit), damaged (a file missing or changed). */
  readonly status: RunStatus;
  /** Why the run is not complete, naming the file; null when complete. */
  readonly problem: string | null;
  readonly startedAt: string | null;
  readonly dataset: string | null;
  readonly split: string | null;
  readonly models: readonly string[];
  /** The headline comparison (k-fold: over folds): difference, CI, the four-way decision and the verdict sentence. */
  readonly headline: { readonly metric: string; readonly irm: string; readonly crm: string; readonly estimate: number; readonly lower: number; readonly upper: number; readonly decision: Verdict; readonly verdict: string } | null;
  readonly sweep: string | null;
}

/**
 * Every run folder under `root`: complete runs newest first, then incomplete and damaged ones
 * (each with the file at fault), then temporary folders (running, or left by a killed process).
 * One bad folder never hides the others. Missing root → [].
 */
export async function runSummaries(root: string): Promise<RunSummary[]> {
  const absRoot = resolve(root);
  if (!existsSync(absRoot)) return [];
  const complete: RunSummary[] = [];
  const other: RunSummary[] = [];
  const bare = (runId: string, dir: string, status: RunStatus, problem: string): RunSummary => ({
    runId, dir, status, problem, startedAt: null, dataset: null, split: null, models: [], headline: null, sweep: null,
  });
  for (const name of await runFolderNames(absRoot)) {
    const dir = join(absRoot, name);
    let stored: StoredRun;
    try {
      stored = await readRun(dir);
    } catch (error) {
      const inspected = await inspectRunFolder(dir);
      other.push(bare(name, dir, inspected.status === "incomplete" ? "incomplete" : "damaged", inspected.status === "complete" ? (error as Error).message : inspected.problem));
      continue;
    }
    const summary = summarize(stored);
    if (summary) complete.push(summary);
    else other.push(bare(name, dir, "damaged", "metrics.json or run.json lacks the expected fields"));
  }
  for (const name of (await readdir(absRoot)).sort()) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const dir = join(absRoot, name);
    const owner = await ownerOf(dir);
    if (owner && isOwnerAlive(owner)) other.push(bare(m[1]!, dir, "running", `being written by process ${owner.pid}`));
    else other.push(bare(m[1]!, dir, "incomplete", `temporary folder of a run that stopped before its commit (${owner ? `process ${owner.pid} ended` : "no owner record"}); the next run in this store removes it`));
  }
  return [...complete.sort(newestFirst), ...other];
}

function summarize({ dir, run, metrics }: StoredRun): RunSummary | null {
  try {
    const head = metrics.comparisons.find((c) => c.metric === metrics.headlineMetric) ?? metrics.comparisons[0];
    const d = head ? overallDifference(head) : null;
    return {
      runId: run.runId,
      dir,
      status: "complete",
      problem: null,
      startedAt: run.startedAt,
      dataset: run.dataset.name,
      split: `${run.split.kind}${(run.split.folds ?? 1) > 1 ? ` (${run.split.folds} folds)` : ""}`,
      models: run.models.map((m) => m.name),
      headline: head && d
        ? { metric: head.metric, irm: head.irm, crm: head.crm, estimate: d.estimate, lower: d.lower, upper: d.upper, decision: verdictOf(d, head.higherIsBetter), verdict: metrics.verdict }
        : null,
      sweep: run.sweep?.sweepId ?? null,
    };
  } catch {
    return null;
  }
}

/**
 * A sweep: every cell of a config's grid run as one experiment, under data/sweeps/<sweep-id>/.
 *
 *   config + sweep → cells → sweep.json (status running) → per pending cell: run into
 *   <sweep>/runs/, record run id, headline and claims (verdict, value.json measures), rewrite
 *   sweep.json atomically → summary (incl. the share of seeds making each claim) → complete
 *
 * With `jobs` > 1 that many cells run at once, each on a worker thread (cell-threads.ts); the
 * record is rewritten as each finishes, so a kill leaves every finished cell recorded or adoptable.
 *
 * The sweep id depends only on the config's content, so rerunning the same command finds the
 * same folder and skips cells whose run folder is complete: a killed sweep resumes. A killed
 * cell leaves only a dot-folder, which never counts as complete. One process at a time runs a
 * sweep (<sweep>/.lock): a second one refuses (or waits lockWaitMs), so no cell runs twice.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parseSweepConfig, type SweepConfig } from "../../lib/config/sweep-config.js";
import { cellClaims, cellHeadline, parseSweepRecord, summarizeSweep, type SweepCellRecord, type SweepRecord } from "../../lib/records/sweep-record.js";
import type { MeasureRow } from "../../lib/records/value-record.js";
import { hashParts } from "../hash.js";
import { startProgress } from "../progress.js";
import { listRuns, readRun, type StoredRun } from "./run-store.js";
import { faultPhase } from "./fault-phase.js";
import { acquireLock } from "./file-lock.js";
import { inspectRunFolder } from "./run-manifest.js";
import { checkedWrite } from "../write-error.js";
import { writeFileAtomic } from "../write-file-atomic.js";
import { runParsedExperiment } from "./run-experiment.js";
import { readYaml } from "./read-experiment-config.js";
import { startCellThreads } from "../workers/cell-threads.js";

export interface SweepOptions {
  /** Folder of sweeps. Default "data/sweeps". */
  readonly root?: string;
  /** No progress output. Default false. */
  readonly quiet?: boolean;
  /** Show each cell's own progress bars. Default false. */
  readonly verbose?: boolean;
  /** Stop after this many newly run cells (tests of resuming). Default: all. */
  readonly maxCells?: number;
  /** How long to wait when another process runs the same sweep, in ms; 0 refuses at once. Default 0. */
  readonly lockWaitMs?: number;
  /**
   * Cells run at once, each on its own worker thread with its fits on that one thread. Default 1:
   * one cell at a time, in this thread, its fits on every core (from 100,000 training rows; below,
   * every fit is single-threaded and the numbers are the same either way).
   */
  readonly jobs?: number;
}

export interface SweepResult {
  readonly dir: string;
  readonly record: SweepRecord;
}

/**
 * Runs (or resumes) the sweep in the YAML file at `configPath`.
 * @throws ConfigError on an invalid config or grid; a failing cell is recorded as failed (status
 *   "failed") and the other cells still run
 */
export async function runSweep(configPath: string, options: SweepOptions = {}): Promise<SweepResult> {
  const raw = await readYaml(configPath);
  const sweep = parseSweepConfig(raw, configPath);
  const sweepId = `${sweep.name}-${hashParts(JSON.stringify(raw)).slice(0, 8)}`;
  const dir = resolve(options.root ?? "data/sweeps", sweepId);
  const runsDir = join(dir, "runs");
  await checkedWrite(runsDir, `the folder of sweep ${sweepId}`, () => mkdir(runsDir, { recursive: true }));
  const lock = await acquireLock(join(dir, ".lock"), {
    purpose: `sweep ${sweepId}`,
    waitMs: options.lockWaitMs ?? 0,
    hint: "rerun this command after it has finished (it resumes from the completed cells)",
  });
  try {
    faultPhase("sweep-locked");
    return await runSweepLocked(sweep, sweepId, dir, configPath, options);
  } finally {
    await lock.release();
  }
}

async function runSweepLocked(sweep: SweepConfig, sweepId: string, dir: string, configPath: string, options: SweepOptions): Promise<SweepResult> {
  const runsDir = join(dir, "runs");
  const file = join(dir, "sweep.json");
  const log = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const previous = await readPrevious(file, log);
  const cells: SweepCellRecord[] = [];
  for (const c of sweep.cells) {
    const old = previous?.cells[c.index];
    const stillThere = old?.status === "complete" && old.runDir !== null && (await isComplete(join(dir, old.runDir)));
    if (!stillThere) cells.push({ index: c.index, params: c.params, status: "pending", runId: null, runDir: null, error: null, headline: null });
    // sweeps recorded before claims were: add them from the run folder, so the summary calibrates every cell
    else if (old.headline && !old.headline.claims) cells.push({ ...old, headline: { ...old.headline, claims: cellClaims(old.headline.direction, await readValue(join(dir, old.runDir!))) } });
    else cells.push(old);
  }
  const level = sweep.cells[0]!.config.bootstrap.level;
  const save = async (status: SweepRecord["status"]): Promise<SweepRecord> => {
    const record: SweepRecord = { sweepId, configPath, status, grid: sweep.grid, cells, summary: status === "running" ? null : summarizeSweep(cells, level) };
    await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`, `the record of sweep ${sweepId}`);
    return record;
  };
  await save("running");
  const todo = sweep.cells.filter((c) => cells[c.index]!.status !== "complete");
  log(`sweep ${sweepId}: ${sweep.cells.length} cells, ${sweep.cells.length - todo.length} already complete`);
  const progress = startProgress(`sweep ${sweepId}`, { quiet: options.quiet ?? false });
  const orphans = await completedCellRuns(runsDir, sweepId);
  const limit = Math.min(todo.length, options.maxCells ?? Infinity);
  // lanes run cells side by side (worker threads, one per lane) when jobs > 1; one lane runs them here
  const lanes = Math.max(1, Math.min(Math.floor(options.jobs ?? 1), limit));
  const threads = lanes > 1 ? startCellThreads() : null;
  let started = 0, finished = 0;
  let stop: Error | null = null;
  // sweep.json is rewritten after each cell, one write at a time, in the order cells finish
  let saving: Promise<unknown> = Promise.resolve();
  const lane = async (k: number): Promise<void> => {
    while (stop === null && started < limit) {
      const cell = todo[started++]!;
      const runOptions = { out: runsDir, quiet: !options.verbose || threads !== null, sweep: { sweepId, cell: cell.index, params: cell.params } };
      try {
        // a run that completed but was killed before sweep.json recorded it is adopted, not rerun
        const done = orphans.get(cell.index)
          ?? (threads ? await threads.run(k, { config: cell.config, configPath, raw: cell.raw, options: runOptions }) : await runParsedExperiment(cell.config, configPath, cell.raw, runOptions));
        faultPhase("cell-committed");
        const headline = cellHeadline(done.metrics, done.run.dataset.name, await readValue(done.dir));
        cells[cell.index] = { index: cell.index, params: cell.params, status: "complete", runId: done.run.runId, runDir: relative(dir, done.dir), error: null, headline };
      } catch (error) {
        cells[cell.index] = { index: cell.index, params: cell.params, status: "failed", runId: null, runDir: null, error: (error as Error).message, headline: null };
        log(`sweep cell ${cell.index} failed: ${(error as Error).message}`);
      }
      const saved = saving.then(() => save("running"));
      saving = saved.catch(() => {});
      try {
        await saved;
      } catch (error) {
        // sweep.json keeps its previous state (written atomically): the cell reruns on resume
        const failed = cells[cell.index]!.error;
        stop ??= new Error(`${(error as Error).message}${failed ? `; cell ${cell.index} had failed: ${failed}` : ""}; rerun the command to resume`, { cause: error });
        return;
      }
      progress.update(++finished / limit);
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, (_, k) => lane(k)));
  } finally {
    await threads?.close();
  }
  if (stop) throw stop;
  progress.done();
  const status = cells.some((c) => c.status === "failed") ? "failed" : cells.every((c) => c.status === "complete") ? "complete" : "running";
  return { dir, record: await save(status) };
}

/** The sweep's previous record; null when there is none or it cannot be read (rebuilt from the runs folder). */
async function readPrevious(file: string, log: (line: string) => void): Promise<SweepRecord | null> {
  if (!existsSync(file)) return null;
  try {
    return parseSweepRecord(JSON.parse(await readFile(file, "utf8")), file);
  } catch (error) {
    log(`${file} cannot be read (${(error as Error).message}); rebuilding it from the complete runs under runs/`);
    return null;
  }
}

/** A run folder's value.json (its measures), or null when the run computed no value measures. */
async function readValue(runDir: string): Promise<{ measures: readonly MeasureRow[] } | null> {
  const file = join(runDir, "value.json");
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, "utf8")) as { measures: readonly MeasureRow[] };
}

async function isComplete(runDir: string): Promise<boolean> {
  return (await inspectRunFolder(runDir)).status === "complete";
}

async function completedCellRuns(runsDir: string, sweepId: string): Promise<Map<number, StoredRun>> {
  const out = new Map<number, StoredRun>();
  for (const listing of await listRuns(runsDir)) {
    const stored = await readRun(listing.dir);
    if (stored.run.sweep?.sweepId === sweepId && !out.has(stored.run.sweep.cell)) out.set(stored.run.sweep.cell, stored);
  }
  return out;
}

/** Reads a sweep folder's record and checks each complete cell's run is still readable. */
export async function readSweep(dir: string): Promise<SweepRecord> {
  const file = join(dir, "sweep.json");
  const record = parseSweepRecord(JSON.parse(await readFile(file, "utf8")), file);
  for (const c of record.cells) if (c.status === "complete" && c.runDir) await readRun(join(dir, c.runDir));
  return record;
}

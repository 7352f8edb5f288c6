/**
 * A sweep: every cell of a config's grid run as one experiment, under data/sweeps/<sweep-id>/.
 *
 *   config + sweep → cells → sweep.json (status running) → per pending cell: run into
 *   <sweep>/runs/, record run id and headline, rewrite sweep.json atomically → summary → complete
 *
 * The sweep id depends only on the config's content, so rerunning the same command finds the
 * same folder and skips cells whose run folder is complete: a killed sweep resumes. A killed
 * cell leaves only a dot-folder, which never counts as complete.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseSweepConfig } from "../../lib/config/sweep-config.js";
import { cellHeadline, summarizeSweep, type SweepCellRecord, type SweepRecord } from "../../lib/run/sweep-record.js";
import { hashParts } from "../hash.js";
import { startProgress } from "../progress.js";
import { listRuns, readRun, type StoredRun } from "../runs/run-store.js";
import { writeFileAtomic } from "../write-file-atomic.js";
import { runParsedExperiment } from "./run-experiment.js";

export interface SweepOptions {
  /** Folder of sweeps. Default "data/sweeps". */
  readonly root?: string;
  /** Folder of saved learned models. Default "models". */
  readonly models?: string;
  /** No progress output. Default false. */
  readonly quiet?: boolean;
  /** Show each cell's own progress bars. Default false. */
  readonly verbose?: boolean;
  /** Stop after this many newly run cells (tests of resuming). Default: all. */
  readonly maxCells?: number;
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
  const text = await readFile(configPath, "utf8");
  const raw = parseYaml(text) as unknown;
  const sweep = parseSweepConfig(raw, configPath);
  const sweepId = `${sweep.name}-${hashParts(JSON.stringify(raw)).slice(0, 8)}`;
  const dir = resolve(options.root ?? "data/sweeps", sweepId);
  const runsDir = join(dir, "runs");
  await mkdir(runsDir, { recursive: true });
  const file = join(dir, "sweep.json");
  const previous = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as SweepRecord) : null;
  const cells: SweepCellRecord[] = sweep.cells.map((c) => {
    const old = previous?.cells[c.index];
    const stillThere = old?.status === "complete" && old.runDir && existsSync(join(dir, old.runDir, "run.json"));
    return stillThere ? old : { index: c.index, params: c.params, status: "pending", runId: null, runDir: null, error: null, headline: null };
  });
  const level = sweep.cells[0]!.config.bootstrap.level;
  const save = async (status: SweepRecord["status"]): Promise<SweepRecord> => {
    const record: SweepRecord = { sweepId, configPath, status, grid: sweep.grid, cells, summary: status === "running" ? null : summarizeSweep(cells, level) };
    await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
    return record;
  };
  await save("running");
  const todo = sweep.cells.filter((c) => cells[c.index]!.status !== "complete");
  const log = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  log(`sweep ${sweepId}: ${sweep.cells.length} cells, ${sweep.cells.length - todo.length} already complete`);
  const progress = startProgress(`sweep ${sweepId}`, { quiet: options.quiet ?? false });
  let ran = 0;
  const orphans = await completedCellRuns(runsDir, sweepId);
  for (const cell of todo) {
    if (options.maxCells !== undefined && ran >= options.maxCells) break;
    ran++;
    try {
      // a run that completed but was killed before sweep.json recorded it is adopted, not rerun
      const orphan = orphans.get(cell.index);
      if (orphan) {
        cells[cell.index] = { index: cell.index, params: cell.params, status: "complete", runId: orphan.run.runId, runDir: relative(dir, orphan.dir), error: null, headline: cellHeadline(orphan.metrics, orphan.run.dataset.name) };
        await save("running");
        continue;
      }
      const result = await runParsedExperiment(cell.config, configPath, cell.raw, {
        out: runsDir,
        models: options.models ?? "models",
        quiet: !options.verbose,
        sweep: { sweepId, cell: cell.index, params: cell.params },
      });
      cells[cell.index] = {
        index: cell.index,
        params: cell.params,
        status: "complete",
        runId: result.run.runId,
        runDir: relative(dir, result.dir),
        error: null,
        headline: cellHeadline(result.metrics, result.run.dataset.name),
      };
    } catch (error) {
      cells[cell.index] = { index: cell.index, params: cell.params, status: "failed", runId: null, runDir: null, error: (error as Error).message, headline: null };
      log(`sweep cell ${cell.index} failed: ${(error as Error).message}`);
    }
    await save("running");
    progress.update(ran / Math.min(todo.length, options.maxCells ?? Infinity));
  }
  progress.done();
  const status = cells.some((c) => c.status === "failed") ? "failed" : cells.every((c) => c.status === "complete") ? "complete" : "running";
  return { dir, record: await save(status) };
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
  const record = JSON.parse(await readFile(join(dir, "sweep.json"), "utf8")) as SweepRecord;
  for (const c of record.cells) if (c.status === "complete" && c.runDir) await readRun(join(dir, c.runDir));
  return record;
}

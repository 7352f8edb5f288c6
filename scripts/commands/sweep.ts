import type { Command } from "commander";

/** `irmlab sweep <config>`: every cell of a config's sweep grid, resumable. */
export function register(program: Command): void {
  program
    .command("sweep")
    .description("run every cell of a config's sweep grid into data/sweeps/<sweep-id>/ (rerun the same command to resume); prints the grid summary: cells complete/failed/not run, the effect per condition, the model ranks")
    .argument("<config>", "experiment config (YAML) with a sweep entry")
    .option("--root <folder>", "folder of sweeps", "data/sweeps")
    .option("--wait <seconds>", "when another process is running the same sweep, wait this long for it instead of refusing", "0")
    .option("--quiet", "no progress output", false)
    .option("--verbose", "show each cell's progress bars (one cell at a time only)", false)
    .option("--jobs <n>", "cells run at once, each on its own worker thread with single-threaded fits (default 1: one cell at a time, its fits on every core from 100,000 training rows); about n times faster on n cores, n times the memory", "1")
    .option("--json", "print one JSON document (the sweep summary) and nothing else on stdout", false)
    .action(async (config: string, opts: { root: string; wait: string; quiet: boolean; verbose: boolean; json: boolean; jobs: string }) => {
      const { runSweep } = await import("../../src/node/run/run-sweep.js");
      const { formatSweepSummary, sweepCounts } = await import("../../src/lib/format/sweep-summary.js");
      const wait = Number(opts.wait);
      if (!Number.isFinite(wait) || wait < 0) throw new Error(`--wait: expected a number of seconds >= 0, got ${JSON.stringify(opts.wait)}`);
      const jobs = Number(opts.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs: expected a whole number of cells >= 1, got ${JSON.stringify(opts.jobs)}`);
      const { dir, record } = await runSweep(config, { root: opts.root, lockWaitMs: wait * 1000, jobs, quiet: opts.quiet || opts.json, verbose: opts.verbose && !opts.quiet });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ dir, sweepId: record.sweepId, status: record.status, cells: record.cells.length, counts: sweepCounts(record), summary: record.summary }, null, 2)}\n`);
      } else {
        process.stdout.write(formatSweepSummary(record, dir));
      }
      if (record.status === "failed") throw new Error(`sweep ${record.sweepId}: ${record.cells.filter((c) => c.status === "failed").length} cell(s) failed; see ${dir}/sweep.json, fix, and rerun to retry them`);
    });
}

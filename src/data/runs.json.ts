/**
 * Data loader for data/runs.json: every complete run under the runs root ($IRMLAB_RUNS or
 * data/runs) with status, headline and the command that reruns it, the experiment configs of
 * data/experiments (with the command that runs each), and a heat map per sweep (runs that carry
 * run.sweep). Aggregates only.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogRun, catalogSweeps } from "../lib/site-summary/experiments/run-catalog.js";
import { listRuns, readRun } from "../node/run/run-store.js";
import { siteDatasets } from "../node/site/site-datasets.js";
import { siteRun } from "../node/site/site-run.js";

try {
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  // the study's runs first (reused, or run once), so that this page lists the runs the site shows
  for (const d of (await siteDatasets()).datasets) await siteRun(d.slug);
  const stored = await Promise.all((await listRuns(root)).map((l) => readRun(l.dir)));
  const runs = stored.map((s) => catalogRun(s.run, s.metrics));
  const sweeps = catalogSweeps(stored);
  const configDir = "data/experiments";
  const configs = existsSync(configDir)
    ? readdirSync(configDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => {
          const path = join(configDir, f);
          const latest = runs.find((r) => r.runId && stored.find((s) => s.run.runId === r.runId)?.run.configPath === path);
          // A config with a sweep: entry is run by "irmlab sweep", which runs every cell of the grid.
          const verb = /^sweep:/m.test(readFileSync(path, "utf8")) ? "sweep" : "experiment";
          return { config: path, command: `node scripts/irmlab.mjs ${verb} ${path}`, lastRun: latest?.runId ?? null, status: latest ? "run" : "not run in this build" };
        })
    : [];
  process.stderr.write(`runs.json: ${runs.length} runs, ${sweeps.length} sweeps, ${configs.length} configs\n`);
  process.stdout.write(JSON.stringify({ schemaVersion: 1, runs, sweeps, configs }));
} catch (error) {
  process.stderr.write(`runs.json: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

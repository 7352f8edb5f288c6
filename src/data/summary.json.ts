/**
 * Data loader for data/summary.json: the newest run's publishable aggregates.
 * Runs root: $IRMLAB_RUNS or data/runs (relative to the project root, Framework's cwd); when it
 * holds no run, the default experiment runs first. Writes one JSON document to stdout, logs to
 * stderr, exits non-zero on failure so that the build fails.
 */
import { buildSiteSummary } from "../lib/report/site-summary.js";
import { ensureLatestRun } from "../node/runs/run-store.js";

try {
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  const { dir, run, metrics } = await ensureLatestRun(root);
  process.stderr.write(`summary.json: run ${run.runId} from ${dir}\n`);
  const summary = buildSiteSummary(run, metrics, { minCellCustomers: 10 });
  process.stdout.write(JSON.stringify(summary));
} catch (error) {
  process.stderr.write(`summary.json: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

/**
 * Data loader for data/irm-by-tenure.json (written by `irmlab page new`): the publishable aggregates of
 * the newest complete run on dataset "synthetic" under $IRMLAB_RUNS or data/runs.
 * Aggregates only (small cells suppressed by buildSiteSummary). With no such run it writes
 * { summary: null, message } so the site still builds and the page says what to run.
 */
import { buildSiteSummary } from "../lib/site-summary/site-summary.js";
import { listRuns, readRun } from "../node/run/run-store.js";

const DATASET = "synthetic";
try {
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  const runs = [];
  for (const listing of await listRuns(root)) {
    const stored = await readRun(listing.dir).catch(() => null); // incomplete or damaged runs are not published
    if (stored?.run.dataset.name === DATASET) runs.push(stored);
  }
  runs.sort((a, b) => b.run.startedAt.localeCompare(a.run.startedAt));
  const newest = runs[0];
  if (!newest) {
    process.stderr.write(`irm-by-tenure.json: no complete run of dataset ${DATASET} under ${root}\n`);
    process.stdout.write(JSON.stringify({ dataset: DATASET, summary: null, message: `No run of dataset ${DATASET} yet: run an experiment on it (npx irmlab experiment <config naming it>), and this page updates.` }));
  } else {
    process.stderr.write(`irm-by-tenure.json: run ${newest.run.runId}\n`);
    process.stdout.write(JSON.stringify({ dataset: DATASET, summary: buildSiteSummary(newest.run, newest.metrics, { minCellCustomers: 10 }), message: null }));
  }
} catch (error) {
  process.stderr.write(`irm-by-tenure.json: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

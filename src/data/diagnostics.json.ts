/**
 * Data loader for data/diagnostics.json: reliability bins, gain curves and per-customer error
 * histograms of the newest run's test predictions (predictions.csv), small cells suppressed.
 * Runs root: $IRMLAB_RUNS or data/runs (the same run as data/summary.json). Customer identifiers
 * are read only to group rows and never written.
 */
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { buildDiagnostics } from "../lib/report/diagnostics.js";
import { PredictionColumnsBuilder } from "../lib/report/prediction-columns.js";
import { ensureLatestRun } from "../node/runs/run-store.js";

try {
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  const minCellCustomers = Number(process.env.IRMLAB_MIN_CELL ?? 10);
  const { dir, run, metrics } = await ensureLatestRun(root);
  const file = join(dir, "predictions.csv");
  if (!existsSync(file)) {
    // Older or hand-made runs without per-row predictions: the pages say "not computed in this run".
    process.stderr.write(`diagnostics.json: run ${run.runId} has no predictions.csv; diagnostics not computed\n`);
    process.stdout.write(JSON.stringify({ schemaVersion: 1, runId: run.runId, outcomeType: run.dataset.outcomeType, models: [], minCellCustomers, reliability: {}, gain: {}, errors: [] }));
    process.exit(0);
  }
  let builder: PredictionColumnsBuilder | null = null;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (builder === null) builder = new PredictionColumnsBuilder(line, file);
    else builder.push(line);
  }
  if (builder === null) throw new Error(`${file}: the file is empty`);
  const cols = builder.finish();
  const families = new Map(metrics.models.map((m) => [m.model, m.family]));
  const irms = metrics.models.filter((m) => m.family === "irm").map((m) => m.model);
  const crms = metrics.models.filter((m) => m.family === "crm").map((m) => m.model);
  const headline = metrics.comparisons[0];
  const pairs = irms.flatMap((irm) => crms.map((crm) => ({ irm, crm })));
  if (headline) pairs.sort((a, b) => Number(b.irm === headline.irm && b.crm === headline.crm) - Number(a.irm === headline.irm && a.crm === headline.crm));
  let lo = Infinity, hi = -Infinity;
  for (const y of cols.outcome) {
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  const binary = run.dataset.outcomeType === "binary";
  const diagnostics = buildDiagnostics(
    {
      outcomeType: run.dataset.outcomeType,
      range: binary ? [0, 1] : [lo, hi > lo ? hi : lo + 1],
      customer: cols.customer,
      customers: cols.customers,
      outcome: cols.outcome,
      predictions: cols.predictions,
      pairs,
    },
    { minCellCustomers },
  );
  process.stderr.write(`diagnostics.json: run ${run.runId}, ${cols.size} test rows, ${pairs.length} model pairs\n`);
  const models = Object.keys(cols.predictions).map((name) => ({ name, family: families.get(name) ?? "crm" }));
  process.stdout.write(JSON.stringify({ schemaVersion: 1, runId: run.runId, outcomeType: run.dataset.outcomeType, models, ...diagnostics }));
} catch (error) {
  process.stderr.write(`diagnostics.json: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

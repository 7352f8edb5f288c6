/**
 * Reliability bins, gain curves and per-customer error histograms of a run's test predictions
 * (predictions.csv), small cells suppressed. Customer identifiers are read only to group rows and
 * never written.
 */
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { buildDiagnostics } from "../../lib/site-summary/comparison/diagnostics.js";
import { PredictionColumnsBuilder } from "../../lib/site-summary/comparison/prediction-columns.js";
import type { StoredRun } from "../run/run-store.js";

/**
 * The diagnostics document of one run (every IRM × CRM pair, the headline pair first).
 * A run without predictions.csv gives empty diagnostics (the pages say "not computed in this run").
 */
export async function runDiagnostics({ dir, run, metrics }: StoredRun, minCellCustomers: number): Promise<unknown> {
  const file = join(dir, "predictions.csv");
  const empty = { schemaVersion: 1, runId: run.runId, outcomeType: run.dataset.outcomeType, models: [], minCellCustomers, reliability: {}, gain: {}, errors: [] };
  if (!existsSync(file)) return empty;
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
    { outcomeType: run.dataset.outcomeType, range: binary ? [0, 1] : [lo, hi > lo ? hi : lo + 1], customer: cols.customer, customers: cols.customers, outcome: cols.outcome, predictions: cols.predictions, pairs },
    { minCellCustomers },
  );
  const models = Object.keys(cols.predictions).map((name) => ({ name, family: families.get(name) ?? "crm" }));
  return { ...empty, models, ...diagnostics };
}

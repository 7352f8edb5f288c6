/**
 * Data loader for data/value.json: the Relationship value page's aggregates, small cells
 * (< $IRMLAB_MIN_CELL customers, default 10) suppressed, no customer identifier.
 *   synthetic (default population, seed 1): CLV report (runClv) and IRM value measures — from the
 *     newest run's value.json when it has one (runs root $IRMLAB_RUNS or data/runs), else runValue;
 *   CDNOW sample (data/datasets/cdnow-sample.yaml, calibration end 1997-09-30) when its source file
 *     exists (../shared/datasets).
 * Writes one JSON document to stdout, logs to stderr, exits non-zero on failure.
 */
import { loadExperimentData } from "../node/experiment/load-data.js";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { publishClv, publishValue } from "../lib/report/value-summary.js";
import type { ValueRecord } from "../lib/value/relationship-value.js";
import { latestRun } from "../node/runs/run-store.js";
import { runClv } from "../node/value/run-clv.js";
import { runValue } from "../node/value/run-value.js";

const log = (text: string): boolean => process.stderr.write(`value.json: ${text}\n`);
const CDNOW = "data/datasets/cdnow-sample.yaml";
const CDNOW_CITATION = 'Fader, P. S., Hardie, B. G. S. and Lee, K. L. "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model". Marketing Science 24(2), 2005, pp. 275-284.';

try {
  const k = Number(process.env.IRMLAB_MIN_CELL ?? 10);
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  const datasets: unknown[] = [];
  const skipped: { name: string; reason: string }[] = [];

  const synthetic = { synthetic: { seed: 1 } } as const;
  const clv = await runClv(synthetic, { seed: 1 });
  const latest = await latestRun(root).catch(() => null);
  const runValuePath = latest ? join(latest.dir, "value.json") : null;
  let value: ValueRecord, fromRun: string | null = null, models: readonly string[] | null = null;
  // a run's value.json is shown as the default population's only when the run used exactly that population
  const defaultHash = (await loadExperimentData({ kind: "synthetic", options: { seed: 1 } }, "data/experiments/default.yaml")).summary.hash;
  const runIsSynthetic = latest !== null && latest.run.dataset.hash === defaultHash;
  if (runValuePath && existsSync(runValuePath) && !runIsSynthetic) log(`run ${latest!.run.runId} has value.json but its data (${latest!.run.dataset.name}) is not the default synthetic population: not shown as such`);
  const recorded = runValuePath && existsSync(runValuePath) && runIsSynthetic ? (JSON.parse(readFileSync(runValuePath, "utf8")) as ValueRecord | { value: ValueRecord; models?: string[] }) : null;
  const fromRecord = recorded ? ("kind" in recorded ? recorded : recorded.value) : null;
  if (fromRecord && fromRecord.kind !== "irmlab-value/2") log(`run ${latest!.run.runId} has a value.json of an older kind (${String(fromRecord.kind)}): recomputed`);
  if (fromRecord && fromRecord.kind === "irmlab-value/2") {
    value = fromRecord;
    fromRun = latest!.run.runId;
    models = latest!.run.models.map((m) => m.name);
    log(`synthetic value measures from run ${fromRun}`);
  } else {
    const run = await runValue(synthetic, { seed: 1 });
    value = run.value;
    models = run.models;
    log(`synthetic value measures computed (${run.dataset.customers} customers); the newest run has no value.json`);
  }
  datasets.push({
    name: "synthetic (default)", description: "The embedded synthetic population (seed 1): known ground truth, so the targeting simulation and the journeys are checked against the truth.",
    citation: null, synthetic: true, fromRun, models, rows: clv.dataset.rows,
    clv: publishClv(clv, k), value: publishValue(value, k),
  });

  const raw = existsSync(CDNOW) ? (parse(readFileSync(CDNOW, "utf8")) as { source?: string }) : null;
  const source = raw?.source ? resolve(dirname(CDNOW), raw.source) : null;
  if (source && existsSync(source)) {
    const options = { calibrationEnd: "1997-09-30", seed: 1 };
    const cdClv = await runClv({ descriptor: CDNOW }, options);
    const cdValue = await runValue({ descriptor: CDNOW }, options);
    log(`cdnow-sample: ${cdClv.customers.fitted} customers fitted`);
    datasets.push({
      name: "CDNOW sample", description: "CD purchases of a 1/10 sample of CDNOW's first-time buyers of January–March 1997, followed to June 1998; calibration ends 1997-09-30 (39 weeks), holdout 39 weeks.",
      citation: CDNOW_CITATION, synthetic: false, fromRun: null, models: cdValue.models, rows: cdClv.dataset.rows,
      clv: publishClv(cdClv, k), value: publishValue(cdValue.value, k),
    });
  } else {
    skipped.push({ name: "CDNOW sample", reason: "source file not present on this machine (../shared/datasets/cdnow)" });
  }
  process.stdout.write(JSON.stringify({ schemaVersion: 1, minCellCustomers: k, datasets, skipped }));
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}

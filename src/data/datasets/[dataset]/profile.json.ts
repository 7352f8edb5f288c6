/**
 * Data loader for data/datasets/<dataset>/profile.json: the data profile of the section's dataset
 * (context frequencies, contexts per customer, outcome distribution, the import's accounting), read
 * through the run's own config; small cells suppressed and their level names pooled.
 */
import type { ExperimentConfig } from "../../../lib/config/experiment-config.js";
import { profileDataset } from "../../../lib/site-summary/data/dataset-profile.js";
import { loadExperimentData } from "../../../node/run/load-data.js";
import { minCellCustomers, routeParam, runLoader, siteRun } from "../../../node/site/site-run.js";

await runLoader("profile.json", async (log) => {
  const { run } = await siteRun(routeParam("dataset"), log);
  const config = run.config as unknown as ExperimentConfig;
  const ingest = run.dataset.ingest;
  const kind = (config.dataset as { kind?: unknown } | undefined)?.kind;
  if (kind !== "descriptor" && kind !== "synthetic") {
    // a hand-made or older run whose config does not say how to read its data again: counts only
    log(`run ${run.runId}: its config names no readable dataset; data profile limited to the run's counts`);
    const d = run.dataset;
    return { schemaVersion: 1, minCellCustomers: minCellCustomers(), ingest, rows: d.rows, customers: d.customers, items: d.items, outcomeType: d.outcomeType, contexts: [], contextsPerCustomer: [], outcome: [], unavailable: "the run's config does not say how to read its data again" };
  }
  const loaded = await loadExperimentData(config.dataset, run.configPath ?? "data/experiments/study.yaml");
  return { schemaVersion: 1, minCellCustomers: minCellCustomers(), ingest, ...profileDataset(loaded.data, minCellCustomers()) };
});

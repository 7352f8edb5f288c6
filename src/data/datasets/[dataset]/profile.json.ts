/**
 * Data loader for data/datasets/<dataset>/profile.json: the data profile of the section's dataset
 * (context frequencies, contexts per customer, outcome distribution, the import's accounting), read
 * through the run's own config; small cells suppressed and their level names pooled.
 */
import type { ExperimentConfig } from "../../../lib/config/experiment-config.js";
import { profileDataset } from "../../../lib/report/dataset-profile.js";
import { loadExperimentData } from "../../../node/experiment/load-data.js";
import { minCellCustomers, routeParam, runLoader, siteRun } from "../../../node/site/site-run.js";

await runLoader("profile.json", async (log) => {
  const { run } = await siteRun(routeParam("dataset"), log);
  const config = run.config as unknown as ExperimentConfig;
  const loaded = await loadExperimentData(config.dataset, run.configPath ?? "data/experiments/study.yaml");
  const ingest = run.dataset.ingest;
  return { schemaVersion: 1, minCellCustomers: minCellCustomers(), ingest, ...profileDataset(loaded.data, minCellCustomers()) };
});

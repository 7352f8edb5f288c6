/**
 * Data loader for data/datasets/<dataset>/summary.json: the publishable aggregates of the dataset
 * section's run (reused, or run once: src/node/site/site-run.ts) with the dataset's identity
 * (synthetic with context strength, or real with source and citation). Small cells suppressed,
 * small cells' level names pooled.
 */
import { datasetIdentity } from "../../../lib/site-summary/dataset-identity.js";
import { buildSiteSummary } from "../../../lib/site-summary/site-summary.js";
import { minCellCustomers, routeParam, runLoader, siteRun } from "../../../node/site/site-run.js";

await runLoader("summary.json", async (log) => {
  const slug = routeParam("dataset");
  const { run, metrics, dataset } = await siteRun(slug, log);
  const summary = buildSiteSummary(run, metrics, { minCellCustomers: minCellCustomers() });
  return { ...summary, identity: datasetIdentity(run, slug, dataset.configPath ? "study" : "user") };
});

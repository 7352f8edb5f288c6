/**
 * Data loader for data/datasets/<dataset>/summary.json: the publishable aggregates of the dataset
 * section's run (reused, or run once: src/node/site/site-run.ts) with the dataset's identity
 * (synthetic with context strength, or real with source and citation). Small cells suppressed,
 * small cells' level names pooled.
 */
import { routeParam, runLoader, siteSummary } from "../../../node/site/site-run.js";

await runLoader("summary.json", async (log) => {
  const { summary, identity } = await siteSummary(routeParam("dataset"), log);
  return { ...summary, identity };
});

/**
 * Data loader for data/datasets/<dataset>/comparison.json: the comparison page's header (identity,
 * metrics, levels, segment notes, ranking protocol: src/lib/site-summary/comparison/comparison-page.ts).
 * The page reads its tables from cells.arrow, models.arrow and ranking.arrow, never the whole summary.
 */
import { comparisonPage } from "../../../lib/site-summary/comparison/comparison-page.js";
import { routeParam, runLoader, siteSummary } from "../../../node/site/site-run.js";

await runLoader("comparison.json", async (log) => {
  const { summary, identity } = await siteSummary(routeParam("dataset"), log);
  return { ...comparisonPage(summary), identity };
});

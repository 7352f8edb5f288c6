/**
 * Data loader for data/datasets/<dataset>/ranking.arrow: the run's full-catalogue ranking metrics per
 * model and K and its paired ranking comparisons (src/lib/site-summary/comparison/ranking-rows.ts),
 * shaped with arquero into Arrow IPC bytes; one placeholder row when the run ranked nothing. The comparison page
 * filters it with arquero into its two ranking tables.
 */
import { from, toArrowIPC } from "arquero";
import { publishedRankingRows } from "../../../lib/site-summary/comparison/ranking-rows.js";
import { routeParam, runLoader, siteSummary } from "../../../node/site/site-run.js";

await runLoader("ranking.arrow", async (log) => {
  const { ranking } = (await siteSummary(routeParam("dataset"), log)).summary;
  return toArrowIPC(from(publishedRankingRows(ranking)));
});

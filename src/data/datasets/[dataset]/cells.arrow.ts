/**
 * Data loader for data/datasets/<dataset>/cells.arrow: the analyst's explorer table of the dataset
 * section's run (src/lib/site-summary/comparison/explorer-table.ts), as Arrow IPC bytes. Built from
 * the site summary, so it carries only publishable aggregates: small cells suppressed, their level
 * names pooled, no ids. The comparison page filters and groups it with arquero in the browser.
 */
import { toArrowIPC } from "arquero";
import { explorerTable } from "../../../lib/site-summary/comparison/explorer-table.js";
import { buildSiteSummary } from "../../../lib/site-summary/site-summary.js";
import { minCellCustomers, routeParam, runLoader, siteRun } from "../../../node/site/site-run.js";

await runLoader("cells.arrow", async (log) => {
  const { run, metrics } = await siteRun(routeParam("dataset"), log);
  return toArrowIPC(explorerTable(buildSiteSummary(run, metrics, { minCellCustomers: minCellCustomers() })));
});

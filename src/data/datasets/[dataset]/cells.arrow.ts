/**
 * Data loader for data/datasets/<dataset>/cells.arrow: the analyst's explorer table of the dataset
 * section's run (src/lib/site-summary/comparison/explorer-table.ts), as Arrow IPC bytes. Built from
 * the site summary, so it carries only publishable aggregates: small cells suppressed, their level
 * names pooled, no ids. The comparison page filters and groups it with arquero in the browser.
 */
import { toArrowIPC } from "arquero";
import { explorerTable } from "../../../lib/site-summary/comparison/explorer-table.js";
import { routeParam, runLoader, siteSummary } from "../../../node/site/site-run.js";

await runLoader("cells.arrow", async (log) => toArrowIPC(explorerTable((await siteSummary(routeParam("dataset"), log)).summary)));

/**
 * Data loader for data/datasets/<dataset>/diagnostics.json: reliability, gain and error histograms of
 * the section's run's test predictions, small cells suppressed (src/node/site/run-diagnostics.ts).
 */
import { runDiagnostics } from "../../../node/site/run-diagnostics.js";
import { minCellCustomers, routeParam, runLoader, siteRun } from "../../../node/site/site-run.js";

await runLoader("diagnostics.json", async (log) => runDiagnostics(await siteRun(routeParam("dataset"), log), minCellCustomers()));

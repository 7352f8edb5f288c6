/**
 * Data loader for data/datasets/<dataset>/models.arrow: every model's metrics on every cell (overall,
 * context values, customer segments) of the dataset section's run, long format
 * (src/lib/site-summary/comparison/model-cells.ts), shaped with arquero into Arrow IPC bytes. Publishable
 * aggregates only (from the site summary). The comparison page's per-model tables filter it with arquero.
 */
import { from, toArrowIPC } from "arquero";
import { MODEL_CELL_COLUMNS, modelCellRows } from "../../../lib/site-summary/comparison/model-cells.js";
import { routeParam, runLoader, siteSummary } from "../../../node/site/site-run.js";

await runLoader("models.arrow", async (log) => toArrowIPC(from(modelCellRows((await siteSummary(routeParam("dataset"), log)).summary)).select(...MODEL_CELL_COLUMNS)));

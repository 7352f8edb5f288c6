/**
 * Data loader for data/datasets/<dataset>/value.json: relationship value of the section's dataset when
 * its run computed it (value.json of the run: value by context, breadth, relationship types, fire list,
 * journeys, targeting) with the lifetime-value models (BG/NBD, Pareto/NBD, Gamma-Gamma) at the same
 * calibration date; `{ computed: false }` otherwise. Small cells suppressed, no identifier.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ExperimentConfig } from "../../../lib/config/experiment-config.js";
import { publishClv, publishValue } from "../../../lib/site-summary/value-summary.js";
import { parseValueRecord } from "../../../lib/records/value-record.js";
import { minCellCustomers, routeParam, runLoader, siteRun } from "../../../node/site/site-run.js";
import { runClv } from "../../../node/value/run-clv.js";
import type { SyntheticOptions } from "../../../lib/synthetic/synthetic-options.js";

await runLoader("value.json", async (log) => {
  const k = minCellCustomers();
  const { dir, run } = await siteRun(routeParam("dataset"), log);
  const file = join(dir, "value.json");
  if (!existsSync(file)) return { schemaVersion: 1, computed: false, minCellCustomers: k };
  const value = parseValueRecord(JSON.parse(readFileSync(file, "utf8")), file);
  if ("olderKind" in value) return { schemaVersion: 1, computed: false, minCellCustomers: k, reason: `value.json of an older kind (${value.olderKind})` };
  const config = run.config as unknown as ExperimentConfig;
  const source = config.dataset.kind === "synthetic"
    ? { synthetic: { seed: 1, ...config.dataset.options } as SyntheticOptions }
    : { descriptor: resolve(dirname(run.configPath ?? "."), config.dataset.descriptor) };
  const clv = await runClv(source, { seed: run.seed, ...(config.value?.calibrationEnd ? { calibrationEnd: config.value.calibrationEnd } : {}) });
  log(`value from run ${run.runId}; lifetime-value models fitted on ${clv.dataset.rows} rows`);
  return {
    schemaVersion: 1, computed: true, minCellCustomers: k, fromRun: run.runId, models: run.models.map((m) => m.name), rows: clv.dataset.rows,
    clv: publishClv(clv, k), value: publishValue(value, k),
  };
});

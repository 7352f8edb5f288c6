/**
 * Data loader for data/study.json: the executive front page, one row per dataset section (the study's
 * experiments, then the user's own runs): identity (synthetic with context strength, or real with
 * citation), the headline verdict with its effect and CI, and the value at stake where the run measured
 * it; plus the study experiments skipped (data absent) and why. Every run comes from the run store
 * (reused, or run once: src/node/site/site-run.ts); the per-dataset loaders then reuse the same runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetIdentity } from "../lib/site-summary/dataset-identity.js";
import { buildSiteSummary } from "../lib/site-summary/site-summary.js";
import { publishValue } from "../lib/site-summary/value-summary.js";
import { valueAtStake } from "../lib/site-summary/value-rows.js";
import { parseValueRecord } from "../lib/records/value-record.js";
import { siteDatasets } from "../node/site/site-datasets.js";
import { minCellCustomers, runLoader, siteRun } from "../node/site/site-run.js";

await runLoader("study.json", async (log) => {
  const k = minCellCustomers();
  const { datasets, skipped } = await siteDatasets();
  const rows = [];
  for (const d of datasets) {
    const { dir, run, metrics } = await siteRun(d.slug, log);
    const summary = buildSiteSummary(run, metrics, { minCellCustomers: k });
    const headline = summary.comparisons.find((c) => c.metric === summary.headlineMetric) ?? summary.comparisons[0] ?? null;
    const valueFile = join(dir, "value.json");
    let stake = null;
    if (existsSync(valueFile)) {
      const record = parseValueRecord(JSON.parse(readFileSync(valueFile, "utf8")), valueFile);
      const published = "olderKind" in record ? null : publishValue(record, k);
      stake = headline && published ? valueAtStake(published, headline.irm, headline.crm) : null;
    }
    rows.push({
      identity: datasetIdentity(run, d.slug, d.configPath ? "study" : "user"),
      rows: summary.dataset.rows,
      customers: summary.dataset.customers,
      contexts: summary.dataset.contexts.map((c) => c.name),
      runDate: summary.run.date,
      verdict: summary.verdict,
      headline: headline && { metric: headline.label, irm: headline.irm, crm: headline.crm, higherIsBetter: headline.higherIsBetter, level: headline.level, irmValue: headline.irmValue, crmValue: headline.crmValue, ...headline.overall },
      stake: stake && { extraRevenue: stake.extraRevenue, currency: stake.currency, text: stake.text, irm: stake.irm, crm: stake.crm },
    });
  }
  log(`${rows.length} dataset sections, ${skipped.length} skipped`);
  return { schemaVersion: 1, minCellCustomers: k, datasets: rows, skipped };
});

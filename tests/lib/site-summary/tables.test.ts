import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSiteSummary } from "../../../src/lib/site-summary/site-summary.js";
import { contextMetricsTable, modelMetricsTable } from "../../../src/lib/site-summary/tables.js";
import type { RunRecord } from "../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../src/lib/records/metrics-record.js";

const dir = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const summary = buildSiteSummary(
  JSON.parse(readFileSync(`${dir}/run.json`, "utf8")) as RunRecord,
  JSON.parse(readFileSync(`${dir}/metrics.json`, "utf8")) as MetricsRecord,
);

describe("tables", () => {
  it("lists every model's overall metrics", () => {
    expect(modelMetricsTable(summary)).toEqual({
      caption: "Test metrics of every model on 6,000 held-out rows.",
      columns: ["model", "family", "customers", "AUC (higher is better)", "log-loss (lower is better)", "Brier score (lower is better)"],
      rows: [
        { cells: ["popularity", "single profile (CRM)", "800", "0.601", "0.652", "0.229"], suppressed: [false, false, false, false, false, false] },
        { cells: ["customer-profile", "single profile (CRM)", "800", "0.668", "0.618", "0.214"], suppressed: [false, false, false, false, false, false] },
        { cells: ["context-profile", "multi-context (IRM)", "800", "0.712", "0.589", "0.203"], suppressed: [false, false, false, false, false, false] },
        { cells: ["oracle", "oracle (ground truth)", "800", "0.751", "0.561", "0.193"], suppressed: [false, false, false, false, false, false] },
      ],
    });
  });

  it("shows one metric per context value and model, marking the suppressed row", () => {
    const t = contextMetricsTable(summary, "logLoss");
    expect(t.columns).toEqual(["context value", "customers", "popularity", "customer-profile", "context-profile", "oracle"]);
    expect(t.rows.map((r) => r.cells[0])).toEqual([
      "companion: alone",
      "companion: partner",
      "companion: friends",
      "companion: family",
      "companion: other (1 level)",
      "intent: self",
      "intent: gift",
      "intent: work",
      "situation: weekday",
      "situation: weekend",
    ]);
    expect(t.rows[0]).toEqual({ cells: ["companion: alone", "610", "0.632", "0.598", "0.594", "0.555"], suppressed: [false, false, false, false, false, false] });
    expect(t.rows[4]).toEqual({
      cells: ["companion: other (1 level)", "fewer than 10", "suppressed", "suppressed", "suppressed", "suppressed"],
      suppressed: [false, true, true, true, true, true],
    });
  });
});

import { readFileSync } from "node:fs";
import { from, fromArrow, toArrowIPC } from "arquero";
import { describe, expect, it } from "vitest";
import { comparisonPage } from "../../../../src/lib/site-summary/comparison/comparison-page.js";
import { MODEL_CELL_COLUMNS, modelCellRows, modelTablesSource, type ModelCellRow } from "../../../../src/lib/site-summary/comparison/model-cells.js";
import { buildSiteSummary } from "../../../../src/lib/site-summary/site-summary.js";
import type { SiteSummary } from "../../../../src/lib/site-summary/site-summary-types.js";
import { contextMetricsTable, modelMetricsTable } from "../../../../src/lib/site-summary/tables.js";

const RUN = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const read = (f: string): never => JSON.parse(readFileSync(`${RUN}/${f}`, "utf8")) as never;
const summaryAt = (minCellCustomers: number): SiteSummary => buildSiteSummary(read("run.json"), read("metrics.json"), { minCellCustomers });
/** What the page gets: the loader's Arrow bytes (models.arrow), decoded by arquero. */
const published = (summary: SiteSummary) => fromArrow(toArrowIPC(from(modelCellRows(summary)).select(...MODEL_CELL_COLUMNS)));

describe("per-model tables from models.arrow", () => {
  const summary = summaryAt(10);
  const table = published(summary);
  const page = comparisonPage(summary);

  it("has one row per model, cell and metric, in the published columns", () => {
    const rows = table.objects() as unknown as ModelCellRow[];
    expect(Object.keys(rows[0]!)).toEqual([...MODEL_CELL_COLUMNS]);
    expect(rows).toHaveLength((summary.models.length + summary.cells.length + summary.segments.cells.length) * summary.metrics.length);
    // a suppressed cell publishes no count and no value
    const small = rows.filter((r) => r.suppressed);
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((r) => r.customers === null && r.value === null && r.level.startsWith("other ("))).toBe(true);
  });

  it("gives the same display tables as the whole summary: every model's metrics, and each metric per context value", () => {
    const overall = table.filter((d: ModelCellRow) => d.kind === "overall").objects() as unknown as ModelCellRow[];
    expect(modelMetricsTable(modelTablesSource(page, overall))).toEqual(modelMetricsTable(summary));
    for (const { name } of summary.metrics) {
      // as the page filters: the metric on the overall cells (the columns) and on the context cells
      const rows = table.filter(`d => d.metric === "${name}" && (d.kind === "overall" || d.kind === "context")`).objects() as unknown as ModelCellRow[];
      expect(contextMetricsTable(modelTablesSource(page, rows), name)).toEqual(contextMetricsTable(summary, name));
    }
  });

  it("the page header carries no table: it is a small fraction of the summary", () => {
    const header = JSON.stringify(page);
    expect(header).not.toContain('"cells"');
    expect(header).not.toContain('"comparisons"');
    expect(header.length).toBeLessThan(JSON.stringify(summary).length / 4);
  });
});

import { readFileSync } from "node:fs";
import { fromArrow, toArrowIPC } from "arquero";
import { describe, expect, it } from "vitest";
import { EXPLORER_COLUMNS, explorerComparison, type ExplorerRow } from "../../../../src/lib/site-summary/comparison/explorer-rows.js";
import { explorerTable } from "../../../../src/lib/site-summary/comparison/explorer-table.js";
import { buildSiteSummary } from "../../../../src/lib/site-summary/site-summary.js";
import type { SiteSummary } from "../../../../src/lib/site-summary/site-summary-types.js";

const RUN = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const read = (f: string): never => JSON.parse(readFileSync(`${RUN}/${f}`, "utf8")) as never;
const summaryAt = (minCellCustomers: number): SiteSummary => buildSiteSummary(read("run.json"), read("metrics.json"), { minCellCustomers });
/** What the page gets: the loader's Arrow bytes, decoded by arquero. */
const published = (summary: SiteSummary): ExplorerRow[] => fromArrow(toArrowIPC(explorerTable(summary))).objects() as unknown as ExplorerRow[];

describe("explorer table (cells.arrow)", () => {
  const summary = summaryAt(10);
  const rows = published(summary);

  it("has the published columns and one row per pair, metric and cell (overall, contexts, segments)", () => {
    expect(Object.keys(rows[0]!)).toEqual([...EXPLORER_COLUMNS]);
    const expected = summary.comparisons.reduce((n, c) => n + 1 + c.byContext.length + c.bySegment.length, 0);
    expect(rows).toHaveLength(expected);
    expect(rows.filter((r) => r.kind === "overall")).toHaveLength(summary.comparisons.length);
    // the metric list of a pair, each metric once
    const metrics = [...new Set(rows.filter((r) => r.irm === "context-profile").map((r) => r.metric))];
    expect(metrics.sort()).toEqual(summary.comparisons.filter((c) => c.irm === "context-profile").map((c) => c.metric).sort());
  });

  it("gives back every comparison exactly from its rows (what the forest plot and table draw)", () => {
    for (const c of summary.comparisons) {
      const mine = rows.filter((r) => r.irm === c.irm && r.crm === c.crm && r.metric === c.metric);
      expect(explorerComparison(mine)).toEqual(JSON.parse(JSON.stringify(c)));
    }
    expect(explorerComparison([])).toBeNull();
  });

  it("joins both models' metric on each cell", () => {
    const cell = rows.find((r) => r.kind === "context" && r.dimension === "intent" && r.level === "gift" && r.metric === "logLoss")!;
    const value = (model: string) => summary.cells.find((c) => c.model === model && c.dimension === "intent" && c.level === "gift")!.metrics.logLoss;
    expect([cell.irmValue, cell.crmValue]).toEqual([value(cell.irm), value(cell.crm)]);
    expect(cell.irmValue).not.toBe(cell.crmValue);
    const overall = rows.find((r) => r.kind === "overall" && r.metric === "logLoss")!;
    expect(overall.irmValue).toBe(summary.models.find((m) => m.name === overall.irm)!.overall.metrics.logLoss);
  });

  it("publishes no level name of a cell below the threshold: small cells are pooled and suppressed", () => {
    // at 500 customers, companion "family" (450), "friends" (470) and "business" (7) are small; "alone" (610) and "partner" (520) are not
    const pooled = published(summaryAt(500));
    const levels = new Set(pooled.filter((r) => r.dimension === "companion").map((r) => r.level));
    expect([...levels].sort()).toEqual(["alone", "other (3 levels)", "partner"]);
    const bytes = new TextDecoder().decode(toArrowIPC(explorerTable(summaryAt(500))));
    for (const hidden of ["family", "friends", "business"]) expect(bytes).not.toContain(hidden);
    const other = pooled.find((r) => r.level === "other (3 levels)")!;
    expect([other.suppressed, other.customers, other.estimate, other.irmValue]).toEqual([true, null, null, null]);
  });
});

import { describe, expect, it } from "vitest";
import { buildSiteSummary } from "../../../../src/lib/site-summary/site-summary.js";
import { differenceTable, segmentMetricsTable } from "../../../../src/lib/site-summary/comparison/segment-tables.js";
import { rankingComparisonTable, rankingMetricsTable } from "../../../../src/lib/site-summary/comparison/ranking-table.js";
import type { RunRecord } from "../../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../../src/lib/records/metrics-record.js";
import { from, fromArrow, toArrowIPC } from "arquero";
import { comparisonPage } from "../../../../src/lib/site-summary/comparison/comparison-page.js";
import { MODEL_CELL_COLUMNS, modelCellRows, modelTablesSource, type ModelCellRow } from "../../../../src/lib/site-summary/comparison/model-cells.js";
import { publishedRankingRows, rankingFromRows, type RankingRow } from "../../../../src/lib/site-summary/comparison/ranking-rows.js";

const run = {
  runId: "r2", status: "complete", startedAt: "2025-03-04T10:00:00.000Z", config: {}, configPath: null, seed: 1,
  code: { version: "0.1.0", commit: null, dirty: null }, lockfileHash: null, environment: { node: "v20", platform: "linux", tfjsBackend: null },
  dataset: { name: "tiny", source: "synthetic", citation: null, hash: "h", rows: 100, customers: 40, items: 5, outcomeType: "binary", contexts: [{ name: "companion", levels: ["alone"] }], synthetic: {}, ingest: null },
  split: { kind: "temporal", seed: 1, hash: "s", trainRows: 80, testRows: 20, testCustomers: 30, description: "Temporal." },
  models: [{ name: "crm", family: "crm", description: "", fitted: {} }, { name: "irm", family: "irm", description: "", fitted: {} }],
  artifactsDir: null, timings: {},
} as RunRecord;

const diff = (estimate: number, customers: number, pHolm: number) => ({ estimate, lower: estimate - 0.01, upper: estimate + 0.01, level: 0.95, resamples: 100, rows: customers * 2, customers, pValue: pHolm / 2, test: "bootstrap", pHolm });
const seg = (level: string, customers: number, m: number) => ({ dimension: "history", level, rows: customers * 2, customers, metrics: { logLoss: m } });

const metrics: MetricsRecord = {
  outcomeType: "binary",
  headlineMetric: "logLoss",
  models: [
    { model: "crm", family: "crm", overall: { rows: 20, customers: 30, metrics: { logLoss: 0.6 } }, byContext: [], bySegment: [seg("light (1–4)", 25, 0.61), seg("heavy (20+)", 5, 0.5)] },
    { model: "irm", family: "irm", overall: { rows: 20, customers: 30, metrics: { logLoss: 0.5 } }, byContext: [], bySegment: [seg("light (1–4)", 25, 0.52), seg("heavy (20+)", 5, 0.45)] },
  ],
  comparisons: [{
    irm: "irm", crm: "crm", metric: "logLoss", higherIsBetter: false,
    overall: diff(-0.1, 30, 0.0004), byContext: [],
    bySegment: [
      { dimension: "history", level: "light (1–4)", rows: 50, customers: 25, difference: diff(-0.09, 25, 0.0123) },
      { dimension: "history", level: "heavy (20+)", rows: 10, customers: 5, difference: diff(-0.05, 5, 0.5) },
    ],
  }],
  verdict: "IRM wins.",
  segmentsNote: "no value column: monetary left out",
  multipleTesting: { method: "holm", alpha: 0.05, family: "context and segment cells" },
  ranking: {
    ks: [5], threshold: 1, queries: 40, customers: 30, skippedQueries: 0, items: 5, candidates: "all",
    notRanked: [{ model: "oracle", reason: "reads ground truth" }],
    models: [
      { model: "crm", family: "crm", mrr: 0.3, atK: [{ k: 5, hitRate: 0.5, ndcg: 0.3, mrr: 0.25 }], byContext: [] },
      { model: "irm", family: "irm", mrr: 0.4, atK: [{ k: 5, hitRate: 0.6, ndcg: 0.4, mrr: 0.35 }], byContext: [] },
    ],
    comparisons: [{ irm: "irm", crm: "crm", metric: "hitRate", k: 5, overall: diff(0.1, 30, 0.02), mcnemar: { b: 7, c: 3, method: "exact", statistic: 0, pValue: 0.34375 }, byContext: [] }],
  },
};

describe("segments and ranking in the site summary", () => {
  const s = buildSiteSummary(run, metrics, { minCellCustomers: 10 });

  it("publishes segment cells (the 5-customer one suppressed), Holm p-values, the note and the test family", () => {
    expect(s.segments).toEqual({
      dimensions: [{ name: "history", levels: ["light (1–4)", "other (1 level)"] }],
      cells: [
        { model: "crm", family: "crm", dimension: "history", level: "light (1–4)", rows: 50, customers: 25, suppressed: false, metrics: { logLoss: 0.61 } },
        { model: "crm", family: "crm", dimension: "history", level: "other (1 level)", rows: null, customers: null, suppressed: true, metrics: { logLoss: null } },
        { model: "irm", family: "irm", dimension: "history", level: "light (1–4)", rows: 50, customers: 25, suppressed: false, metrics: { logLoss: 0.52 } },
        { model: "irm", family: "irm", dimension: "history", level: "other (1 level)", rows: null, customers: null, suppressed: true, metrics: { logLoss: null } },
      ],
      note: "no value column: monetary left out",
      multipleTesting: "Holm, α = 0.05",
    });
    expect(s.comparisons[0]!.bySegment).toEqual([
      { dimension: "history", level: "light (1–4)", rows: 50, customers: 25, suppressed: false, estimate: -0.09, lower: -0.09 - 0.01, upper: -0.09 + 0.01, verdict: "irm-better", pValue: 0.00615, pHolm: 0.0123 },
      { dimension: "history", level: "other (1 level)", rows: null, customers: null, suppressed: true, estimate: null, lower: null, upper: null, verdict: null },
    ]);
  });

  it("publishes ranking values per model and K, and the McNemar counts", () => {
    expect(s.ranking).toEqual({
      ks: [5], queries: 40, customers: 30, items: 5, candidates: "all",
      values: [
        { model: "crm", family: "crm", k: 5, hitRate: 0.5, ndcg: 0.3, mrr: 0.25 },
        { model: "irm", family: "irm", k: 5, hitRate: 0.6, ndcg: 0.4, mrr: 0.35 },
      ],
      comparisons: [{ irm: "irm", crm: "crm", metric: "hitRate", k: 5, overall: { rows: 60, customers: 30, suppressed: false, estimate: 0.1, lower: 0.1 - 0.01, upper: 0.1 + 0.01, verdict: "irm-better", pValue: 0.01, pHolm: 0.02 }, mcnemar: { b: 7, c: 3, pValue: 0.34375 } }],
      notRanked: [{ model: "oracle", reason: "reads ground truth" }],
    });
    expect(buildSiteSummary(run, metrics, { minCellCustomers: 31 }).ranking!.values).toEqual([]);
  });

  it("tables: differences with Holm p, segment metrics, ranking values and comparisons", () => {
    const c = s.comparisons[0]!;
    expect(differenceTable(c, c.bySegment, 10).rows.map((r) => r.cells)).toEqual([
      ["history length: light (1–4)", "25", "-0.090", "[-0.100, -0.080]", "0.012", "IRM better"],
      ["history length: other (1 level)", "fewer than 10", "suppressed", "suppressed", "suppressed", "suppressed"],
    ]);
    const t = segmentMetricsTable(s, "logLoss", "history");
    expect([t.columns, t.rows.map((r) => r.cells), t.rows.map((r) => r.suppressed)]).toEqual([
      ["history length", "customers", "crm", "irm"],
      [["light (1–4)", "25", "0.610", "0.520"], ["other (1 level)", "fewer than 10", "suppressed", "suppressed"]],
      [[false, false, false, false], [false, true, true, true]],
    ]);
    expect(rankingMetricsTable(s.ranking!).rows.map((r) => r.cells)).toEqual([["crm", "0.500", "0.300", "0.250"], ["irm", "0.600", "0.400", "0.350"]]);
    expect(rankingComparisonTable(s.ranking!).rows.map((r) => r.cells)).toEqual([["hit rate@5", "irm − crm", "+0.100", "[+0.090, +0.110]", "0.010", "7 / 3, p 0.34"]]);
  });


  it("models.arrow and ranking.arrow give back the same segment and ranking tables (what the comparison page reads)", () => {
    const page = comparisonPage(s);
    const models = fromArrow(toArrowIPC(from(modelCellRows(s)).select(...MODEL_CELL_COLUMNS)));
    const rows = models.filter((d: ModelCellRow) => d.metric === "logLoss" && (d.kind === "overall" || (d.kind === "segment" && d.dimension === "history"))).objects() as unknown as ModelCellRow[];
    expect(segmentMetricsTable(modelTablesSource(page, rows), "logLoss", "history")).toEqual(segmentMetricsTable(s, "logLoss", "history"));
    const ranking = fromArrow(toArrowIPC(from(publishedRankingRows(s.ranking)))).objects() as unknown as RankingRow[];
    expect(ranking.map((r) => r.part)).toEqual(["value", "value", "comparison"]);
    // columns null in every row are left out (Arrow cannot type them) and read back as null
    expect(Object.keys(ranking[0]!)).not.toContain("adjLower");
    const back = rankingFromRows(page.ranking!, ranking);
    expect(back).toEqual(s.ranking);
    expect(rankingComparisonTable(back)).toEqual(rankingComparisonTable(s.ranking!));
    expect(rankingMetricsTable(back)).toEqual(rankingMetricsTable(s.ranking!));
    // a run that ranked nothing publishes one placeholder row, read back as no values and no comparisons
    const none = fromArrow(toArrowIPC(from(publishedRankingRows(null)))).objects() as unknown as RankingRow[];
    expect(rankingFromRows(page.ranking!, none)).toEqual({ ...page.ranking, values: [], comparisons: [] });
  });
});

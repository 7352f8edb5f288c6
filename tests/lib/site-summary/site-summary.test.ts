import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSiteSummary } from "../../../src/lib/site-summary/site-summary.js";
import type { RunRecord } from "../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../src/lib/records/metrics-record.js";

/** A tiny run: two models, one context dimension with a large and a small level. */
function tinyRun(): { run: RunRecord; metrics: MetricsRecord } {
  const run: RunRecord = {
    runId: "r1",
    status: "complete",
    startedAt: "2025-03-04T23:59:00.000Z",
    config: { secretCustomers: ["cust-SECRET-1"] },
    configPath: null,
    seed: 7,
    code: { version: "0.1.0", commit: "abc", dirty: false },
    lockfileHash: null,
    environment: { node: "v20", platform: "linux", tfjsBackend: null },
    dataset: {
      name: "tiny",
      source: "tiny.yaml",
      citation: "Someone, 2020.",
      hash: "h",
      rows: 100,
      customers: 30,
      items: 5,
      outcomeType: "binary",
      contexts: [{ name: "companion", levels: ["alone", "business"] }],
      synthetic: null,
      ingest: null,
    },
    split: { kind: "random", seed: 7, hash: "s", trainRows: 80, testRows: 20, testCustomers: 12, description: "Random 80/20." },
    models: [
      { name: "customer-profile", family: "crm", description: "One profile.", fitted: { ids: ["cust-SECRET-2"] } },
      { name: "context-profile", family: "irm", description: "Profiles per context.", fitted: {} },
    ],
    artifactsDir: null,
    timings: {},
  };
  const metrics: MetricsRecord = {
    outcomeType: "binary",
    headlineMetric: "logLoss",
    models: [
      {
        model: "customer-profile",
        family: "crm",
        overall: { rows: 20, customers: 12, metrics: { logLoss: 0.6 } },
        byContext: [
          { dimension: "companion", level: "alone", rows: 15, customers: 10, metrics: { logLoss: 0.55 } },
          { dimension: "companion", level: "business", rows: 5, customers: 9, metrics: { logLoss: 0.7 } },
        ],
      },
      {
        model: "context-profile",
        family: "irm",
        overall: { rows: 20, customers: 12, metrics: { logLoss: 0.5 } },
        byContext: [
          { dimension: "companion", level: "alone", rows: 15, customers: 10, metrics: { logLoss: 0.52 } },
          { dimension: "companion", level: "business", rows: 5, customers: 9, metrics: { logLoss: 0.4 } },
        ],
      },
    ],
    comparisons: [
      {
        irm: "context-profile",
        crm: "customer-profile",
        metric: "logLoss",
        higherIsBetter: false,
        overall: { estimate: -0.1, lower: -0.15, upper: -0.05, level: 0.95, resamples: 200, rows: 20, customers: 12 },
        byContext: [
          {
            dimension: "companion",
            level: "alone",
            rows: 15,
            customers: 10,
            difference: { estimate: -0.03, lower: -0.08, upper: 0.02, level: 0.95, resamples: 200, rows: 15, customers: 10 },
          },
          {
            dimension: "companion",
            level: "business",
            rows: 5,
            customers: 9,
            difference: { estimate: -0.3, lower: -0.5, upper: -0.1, level: 0.95, resamples: 200, rows: 5, customers: 9 },
          },
        ],
      },
    ],
    verdict: "IRM wins.",
  };
  return { run, metrics };
}

describe("site-summary", () => {
  it("builds the whole summary of a tiny run, suppressing the cell with 9 < 10 customers", () => {
    const { run, metrics } = tinyRun();
    expect(buildSiteSummary(run, metrics)).toEqual({
      schemaVersion: 1,
      run: { runId: "r1", startedAt: "2025-03-04T23:59:00.000Z", date: "2025-03-04", seed: 7, codeVersion: "0.1.0", commit: "abc" },
      dataset: {
        name: "tiny",
        source: "tiny.yaml",
        citation: "Someone, 2020.",
        synthetic: false,
        rows: 100,
        customers: 30,
        items: 5,
        outcomeType: "binary",
        contexts: [{ name: "companion", levels: ["alone", "other (1 level)"] }],
      },
      split: { kind: "random", description: "Random 80/20.", trainRows: 80, testRows: 20, testCustomers: 12, question: null },
      minCellCustomers: 10,
      metrics: [{ name: "logLoss", label: "log-loss", higherIsBetter: false }],
      headlineMetric: "logLoss",
      models: [
        {
          name: "customer-profile",
          family: "crm",
          familyLabel: "single profile (CRM)",
          description: "One profile.",
          overall: { rows: 20, customers: 12, suppressed: false, metrics: { logLoss: 0.6 } },
        },
        {
          name: "context-profile",
          family: "irm",
          familyLabel: "multi-context (IRM)",
          description: "Profiles per context.",
          overall: { rows: 20, customers: 12, suppressed: false, metrics: { logLoss: 0.5 } },
        },
      ],
      cells: [
        { model: "customer-profile", family: "crm", dimension: "companion", level: "alone", rows: 15, customers: 10, suppressed: false, metrics: { logLoss: 0.55 } },
        { model: "customer-profile", family: "crm", dimension: "companion", level: "other (1 level)", rows: null, customers: null, suppressed: true, metrics: { logLoss: null } },
        { model: "context-profile", family: "irm", dimension: "companion", level: "alone", rows: 15, customers: 10, suppressed: false, metrics: { logLoss: 0.52 } },
        { model: "context-profile", family: "irm", dimension: "companion", level: "other (1 level)", rows: null, customers: null, suppressed: true, metrics: { logLoss: null } },
      ],
      comparisons: [
        {
          irm: "context-profile",
          crm: "customer-profile",
          metric: "logLoss",
          label: "log-loss",
          higherIsBetter: false,
          level: 0.95,
          resamples: 200,
          irmValue: 0.5,
          crmValue: 0.6,
          overall: { rows: 20, customers: 12, suppressed: false, estimate: -0.1, lower: -0.15, upper: -0.05, verdict: "irm-better" },
          byContext: [
            { dimension: "companion", level: "alone", rows: 15, customers: 10, suppressed: false, estimate: -0.03, lower: -0.08, upper: 0.02, verdict: "inconclusive" },
            { dimension: "companion", level: "other (1 level)", rows: null, customers: null, suppressed: true, estimate: null, lower: null, upper: null, verdict: null },
          ],
          bySegment: [],
        },
      ],
      segments: { dimensions: [], cells: [], note: null, multipleTesting: null },
      ranking: null,
      verdict: {
        verdict: "irm-better",
        metric: "logLoss",
        irm: "context-profile",
        crm: "customer-profile",
        headline: "The multi-context (IRM) model predicts better than the single-profile (CRM) model, by 0.100 log-loss (17% of the CRM model's log-loss).",
        detail:
          "log-loss: context-profile 0.500 vs customer-profile 0.600; difference IRM \u2212 CRM -0.100 (95% CI -0.150 to -0.050), lower is better.",
      },
      runVerdict: "IRM wins.",
    });
  });

  it("publishes no config, fitted parameters or identifiers found only there", () => {
    const { run, metrics } = tinyRun();
    const text = JSON.stringify(buildSiteSummary(run, metrics));
    expect(text).not.toMatch(/SECRET|secretCustomers|fitted|lockfile/);
  });

  it("keeps a cell with exactly minCellCustomers customers and suppresses one with fewer", () => {
    const { run, metrics } = tinyRun();
    const at9 = buildSiteSummary(run, metrics, { minCellCustomers: 9 });
    expect(at9.cells.map((c) => c.suppressed)).toEqual([false, false, false, false]);
    const at11 = buildSiteSummary(run, metrics, { minCellCustomers: 11 });
    // every cell small: no level is named, one pooled withheld cell per model and dimension
    expect(at11.cells.map((c) => `${c.level}:${c.suppressed}`)).toEqual(["other (2 levels):true", "other (2 levels):true"]);
    expect(at11.comparisons[0]!.byContext.map((d) => `${d.level}:${d.suppressed}`)).toEqual(["other (2 levels):true"]);
    expect(at11.dataset.contexts).toEqual([{ name: "companion", levels: ["other (2 levels)"] }]);
  });

  it("suppresses everything, verdict included, when the whole test set is a small cell", () => {
    const { run, metrics } = tinyRun();
    const s = buildSiteSummary(run, metrics, { minCellCustomers: 13 });
    expect(s.models.map((m) => m.overall)).toEqual([
      { rows: null, customers: null, suppressed: true, metrics: { logLoss: null } },
      { rows: null, customers: null, suppressed: true, metrics: { logLoss: null } },
    ]);
    expect(s.comparisons[0]!.irmValue).toBeNull();
    expect(s.verdict?.headline).toBe("Too few customers in the test data to compare the models.");
    expect(s.verdict?.verdict).toBeNull();
  });

  it("judges a k-fold comparison overall by its Nadeau–Bengio interval, as the run's verdict does", () => {
    const { run, metrics } = tinyRun();
    const c = metrics.comparisons[0]!;
    const cv = { perFold: [0.01, 0.03, -0.01], mean: 0.01, lower: -0.04, upper: 0.06, level: 0.95, t: 0.8, df: 2, pValue: 0.5, trainRows: 80, testRows: 40 };
    const overall = buildSiteSummary(run, { ...metrics, comparisons: [{ ...c, crossValidation: cv }] }).comparisons[0]!.overall;
    expect([overall.estimate, overall.lower, overall.upper, overall.verdict]).toEqual([0.01, -0.04, 0.06, "inconclusive"]);
  });

  it("reports a difference the run could not estimate as null, not suppressed", () => {
    const { run, metrics } = tinyRun();
    const c = metrics.comparisons[0]!;
    const m2: MetricsRecord = { ...metrics, comparisons: [{ ...c, byContext: [{ ...c.byContext[0]!, difference: null }, c.byContext[1]!] }] };
    expect(buildSiteSummary(run, m2).comparisons[0]!.byContext[0]).toEqual({
      dimension: "companion",
      level: "alone",
      rows: 15,
      customers: 10,
      suppressed: false,
      estimate: null,
      lower: null,
      upper: null,
      verdict: null,
    });
  });

  it("has a null verdict when the run has no comparison", () => {
    const { run, metrics } = tinyRun();
    expect(buildSiteSummary(run, { ...metrics, comparisons: [] }).verdict).toBeNull();
  });

  it("rejects a threshold that is not a positive integer", () => {
    const { run, metrics } = tinyRun();
    expect(() => buildSiteSummary(run, metrics, { minCellCustomers: 0 })).toThrowError(/minCellCustomers must be a positive integer, received "0"/);
    expect(() => buildSiteSummary(run, metrics, { minCellCustomers: 2.5 })).toThrowError(/received "2.5"/);
  });

  it("rejects a comparison naming a model the metrics lack, and unknown metrics", () => {
    const { run, metrics } = tinyRun();
    const c = metrics.comparisons[0]!;
    expect(() => buildSiteSummary(run, { ...metrics, comparisons: [{ ...c, crm: "rfm" }] })).toThrowError(
      /run "r1" metrics.json: comparisons\[0\] names model "rfm"; models are customer-profile, context-profile/,
    );
    expect(() => buildSiteSummary(run, { ...metrics, comparisons: [{ ...c, metric: "ndcg" as never }] })).toThrowError(
      /comparisons\[0\]\.metric: expected one of auc, logLoss, .*received "ndcg"/,
    );
    expect(() => buildSiteSummary(run, { ...metrics, models: [] })).toThrowError(/expected at least one model, received none/);
  });

  it("summarises the site fixture run: small companion cell suppressed, headline verdict IRM", () => {
    const dir = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
    const s = buildSiteSummary(
      JSON.parse(readFileSync(`${dir}/run.json`, "utf8")) as RunRecord,
      JSON.parse(readFileSync(`${dir}/metrics.json`, "utf8")) as MetricsRecord,
    );
    expect(s.cells.filter((c) => c.suppressed).map((c) => `${c.model}/${c.level}`)).toEqual([
      "popularity/other (1 level)",
      "customer-profile/other (1 level)",
      "context-profile/other (1 level)",
      "oracle/other (1 level)",
    ]);
    expect(s.comparisons.map((c) => [c.metric, c.overall.verdict, c.byContext.filter((d) => d.verdict === "inconclusive").map((d) => d.level)])).toEqual([
      ["logLoss", "irm-better", ["alone"]],
      ["auc", "irm-better", ["alone"]],
    ]);
    expect(s.verdict?.headline).toBe(
      "The multi-context (IRM) model predicts better than the single-profile (CRM) model, by 0.0290 log-loss (4.7% of the CRM model's log-loss).",
    );
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { experimentSummaryJson, formatExperimentSummary, headlineComparison } from "../../../src/lib/format/experiment-summary.js";
import type { RunRecord } from "../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../src/lib/records/metrics-record.js";

const dir = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const run = JSON.parse(readFileSync(`${dir}/run.json`, "utf8")) as RunRecord;
const metrics = JSON.parse(readFileSync(`${dir}/metrics.json`, "utf8")) as MetricsRecord;

describe("formatExperimentSummary", () => {
  it("prints the models table with one precision per column, the paired differences with CIs, the verdict and the folder", () => {
    const text = formatExperimentSummary(run, metrics, dir);
    expect(text).toContain("dataset synthetic (site fixture): 30,000 rows, 1,000 customers, 200 items; outcome binary");
    expect(text).toMatch(/^popularity +CRM \(single profile\) +0\.6010 +0\.6520 +0\.2290 +—$/m);
    expect(text).toMatch(/^context-profile − customer-profile +log-loss +-0\.0290 \(CI -0\.0340 to -0\.0240\) +— +IRM better$/m);
    expect(text).toContain(`verdict: ${metrics.verdict}`);
    expect(text.endsWith(`run folder: ${dir}\n`)).toBe(true);
  });
  it("states the headline on the headline metric even when another metric's comparison comes first", () => {
    const reordered: MetricsRecord = { ...metrics, comparisons: [...metrics.comparisons].reverse() };
    expect(headlineComparison(reordered)?.metric).toBe(metrics.headlineMetric);
    expect(experimentSummaryJson(run, reordered, dir).headline).toMatchObject({ metric: metrics.headlineMetric, estimate: -0.029 });
  });
  it("calls the oracle a ceiling and says when BCa fell back to the percentile interval", () => {
    const noOracle: MetricsRecord = { ...metrics, models: metrics.models.filter((m) => m.family !== "oracle") };
    const withOracle: MetricsRecord = { ...noOracle, models: [...noOracle.models, { ...noOracle.models[0]!, model: "oracle", family: "oracle" }] };
    expect(formatExperimentSummary(run, withOracle, dir)).toContain("oracle: reads the generator's true probabilities, churn and never-buying prospects included: a ceiling");
    expect(formatExperimentSummary(run, noOracle, dir)).not.toContain("ceiling");
    const note = "BCa fell back to percentile: every resample lies on one side of the estimate, so the bias correction is infinite";
    const head = headlineComparison(metrics)!;
    const fellBack: MetricsRecord = { ...metrics, comparisons: metrics.comparisons.map((c) => (c === head ? { ...c, overall: { ...c.overall, intervalNote: note } } : c)) };
    expect(formatExperimentSummary(run, fellBack, dir)).toContain(`${head.irm} − ${head.crm} log-loss: ${note}`);
  });
});

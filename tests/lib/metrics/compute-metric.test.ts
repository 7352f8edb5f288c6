import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMetric } from "../../../src/lib/metrics/compute-metric.js";
import type { MetricName } from "../../../src/lib/evaluation/metric-names.js";

interface Case {
  name: string;
  labels: number[];
  scores: number[];
  weights: number[] | null;
  [metric: string]: unknown;
}
const fx: { cases: Case[] } = JSON.parse(readFileSync(new URL("../../fixtures/stats/metrics.json", import.meta.url), "utf8"));

describe("metrics vs scikit-learn 1.2 (roc_auc_score, log_loss eps=1e-15, brier_score_loss, MSE, MAE)", () => {
  for (const c of fx.cases) {
    it(`agrees on "${c.name}"`, () => {
      const metrics = (["auc", "logLoss", "brier", "rmse", "mae"] as MetricName[]).filter((m) => m in c);
      const got = Object.fromEntries(metrics.map((m) => [m, computeMetric(m, c.labels, c.scores, c.weights ?? undefined)]));
      const want = Object.fromEntries(metrics.map((m) => [m, c[m]]));
      for (const m of metrics) {
        if (want[m] === null) expect(got[m]).toBeNull();
        else expect(got[m]).toBeCloseTo(want[m] as number, 12);
      }
      expect(Object.keys(got)).toEqual(Object.keys(want));
    });
  }
  it("computeMetric rejects an unknown metric name", () => {
    expect(() => computeMetric("f1" as MetricName, [1], [1])).toThrowError(/computeMetric: unknown metric "f1"/);
  });
});

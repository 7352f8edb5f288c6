import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeMetric } from "../../../src/lib/metrics/compute-metric.js";
import { poissonDeviance } from "../../../src/lib/metrics/poisson-deviance.js";
import { clusterStatistic } from "../../../src/lib/stats/cluster-statistic.js";

interface Case { y: number[]; yhat: number[]; weights?: number[]; deviance: number }
// scikit-learn's mean_poisson_deviance, from tests/fixtures/stats/make-poisson-deviance.py
const fx: { cases: Case[] } = JSON.parse(readFileSync(new URL("../../fixtures/stats/poisson-deviance.json", import.meta.url), "utf8"));

describe("poissonDeviance", () => {
  it("matches scikit-learn's mean_poisson_deviance, weighted and unweighted, zeros included", () => {
    expect(fx.cases).toHaveLength(3);
    for (const c of fx.cases) {
      const w = c.weights ? Float64Array.from(c.weights) : undefined;
      expect(poissonDeviance(Float64Array.from(c.y), Float64Array.from(c.yhat), w)).toBeCloseTo(c.deviance, 10);
      expect(computeMetric("poissonDeviance", Float64Array.from(c.y), Float64Array.from(c.yhat), w)).toBeCloseTo(c.deviance, 10);
    }
  });

  it("refuses a prediction ≤ 0 and a negative count, naming the row", () => {
    expect(() => poissonDeviance([1, 2], [1, 0])).toThrow(/yhat\[1\] = 0; predicted means must be > 0/);
    expect(() => poissonDeviance([1, -2], [1, 1])).toThrow(/y\[1\] = -2 is negative/);
  });

  it("decomposes per customer for the bootstrap: the full-sample difference equals the metric difference", () => {
    const c = fx.cases[2]!;
    const y = Float64Array.from(c.y), b = Float64Array.from(c.yhat);
    const a = b.map((v) => v * 1.1);
    const cluster = Int32Array.from(y, (_, i) => i % 17);
    const stat = clusterStatistic("poissonDeviance", cluster, 17, y, a, b);
    expect(stat.difference(new Float64Array(17).fill(1))).toBeCloseTo(poissonDeviance(y, a) - poissonDeviance(y, b), 10);
  });
});

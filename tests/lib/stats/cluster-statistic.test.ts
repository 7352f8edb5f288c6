import { describe, expect, it } from "vitest";
import { computeMetric } from "../../../src/lib/metrics/compute-metric.js";
import { createRng } from "../../../src/lib/random/rng.js";
import { aucLeaveOneGroupOut, clusterStatistic } from "../../../src/lib/stats/cluster-statistic.js";

function randomData(seed: number, customers: number, n: number) {
  const rng = createRng(seed);
  const cluster = Int32Array.from({ length: n }, () => rng.int(customers));
  const outcome = Float64Array.from({ length: n }, () => (rng.next() < 0.35 ? 1 : 0));
  // coarse scores → many ties, also across customers
  const a = Float64Array.from({ length: n }, () => (1 + rng.int(9)) / 10);
  const b = Float64Array.from({ length: n }, () => (1 + rng.int(9)) / 10);
  return { cluster, outcome, a, b };
}

describe("clusterStatistic", () => {
  it("equals the row-weighted metric difference for every metric under customer counts", () => {
    const { cluster, outcome, a, b } = randomData(3, 12, 90);
    const rng = createRng(8);
    for (const metric of ["auc", "logLoss", "brier", "rmse", "mae"] as const) {
      const stat = clusterStatistic(metric, cluster, 12, outcome, a, b);
      for (let rep = 0; rep < 4; rep++) {
        const counts = Float64Array.from({ length: 12 }, () => rng.int(3));
        counts[0] = 1;
        const w = Float64Array.from(cluster, (c) => counts[c]!);
        const expected = computeMetric(metric, outcome, a, w)! - computeMetric(metric, outcome, b, w)!;
        expect(stat.difference(counts)).toBeCloseTo(expected, 12);
      }
    }
  });

  it("jackknife equals recomputing without each customer, ties within and across customers included", () => {
    const { cluster, outcome, a, b } = randomData(4, 9, 70);
    for (const metric of ["auc", "logLoss", "rmse"] as const) {
      const jack = clusterStatistic(metric, cluster, 9, outcome, a, b).jackknife();
      for (let c = 0; c < 9; c++) {
        const w = Float64Array.from(cluster, (g) => (g === c ? 0 : 1));
        const expected = computeMetric(metric, outcome, a, w)! - computeMetric(metric, outcome, b, w)!;
        expect(jack[c]).toBeCloseTo(expected, 12);
      }
    }
  });

  it("aucLeaveOneGroupOut gives NaN when removing a group leaves one class", () => {
    const out = aucLeaveOneGroupOut(Float64Array.from([1, 0, 0]), Float64Array.from([0.5, 0.5, 0.1]), Int32Array.from([0, 1, 1]), 2);
    expect(Array.from(out)).toEqual([NaN, NaN]);
    const out2 = aucLeaveOneGroupOut(Float64Array.from([1, 0, 0, 1]), Float64Array.from([0.5, 0.5, 0.1, 0.3]), Int32Array.from([0, 1, 1, 2]), 3);
    // without group 0: pos {0.3} vs neg {0.5, 0.1} → 0.5; without 1: only positives → NaN; without 2: pos {0.5} vs neg {0.5, 0.1} → 0.75
    expect(Array.from(out2)).toEqual([0.5, NaN, 0.75]);
  });
});

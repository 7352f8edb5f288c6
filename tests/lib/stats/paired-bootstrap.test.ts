import { describe, expect, it } from "vitest";
import { computeMetric } from "../../../src/lib/metrics/compute-metric.js";
import { createRng, resampleCounts } from "../../../src/lib/random/rng.js";
import { clusterStatistic } from "../../../src/lib/stats/cluster-statistic.js";
import type { Rng } from "../../../src/lib/random/rng.js";
import { pairedBootstrap, pairedBootstrapMany, UndefinedMetricError } from "../../../src/lib/stats/paired-bootstrap.js";
import { normalCdf } from "../../../src/lib/stats/distributions.js";

/** Binary data in which each customer has a propensity p_c; model a predicts p_c, model b p_c + δ_c. */
function brierData(rng: Rng, customers: number, rowsPerCustomer: number) {
  const n = customers * rowsPerCustomer;
  const cluster = new Int32Array(n), outcome = new Float64Array(n), a = new Float64Array(n), b = new Float64Array(n);
  for (let c = 0, i = 0; c < customers; c++) {
    const p = 0.2 + 0.6 * rng.next();
    const delta = -0.2 + 0.4 * rng.next();
    for (let k = 0; k < rowsPerCustomer; k++, i++) {
      cluster[i] = 3 * c + 7; // sparse codes on purpose
      outcome[i] = rng.next() < p ? 1 : 0;
      a[i] = p;
      b[i] = p + delta;
    }
  }
  return { cluster, outcome, a, b };
}
/** E[(p − y)² − (p + δ − y)²] = −E[δ²] with δ ~ U(−0.2, 0.2). */
const TRUE_BRIER_DIFFERENCE = -(0.4 * 0.4) / 12;

/** Scores = y + customer effect + noise (sd 1 for a, 1.5 for b): AUC = Φ(1/√(2·var)). */
function aucData(rng: Rng, customers: number, rowsPerCustomer: number) {
  const n = customers * rowsPerCustomer;
  const cluster = new Int32Array(n), outcome = new Float64Array(n), a = new Float64Array(n), b = new Float64Array(n);
  for (let c = 0, i = 0; c < customers; c++) {
    const u = 0.5 * rng.normal();
    for (let k = 0; k < rowsPerCustomer; k++, i++) {
      cluster[i] = c;
      const y = rng.next() < 0.4 ? 1 : 0;
      outcome[i] = y;
      a[i] = y + u + rng.normal();
      b[i] = y + u + 1.5 * rng.normal();
    }
  }
  return { cluster, outcome, a, b };
}
const TRUE_AUC_DIFFERENCE = normalCdf(1 / Math.sqrt(2 * 1.25)) - normalCdf(1 / Math.sqrt(2 * 2.5));

describe("pairedBootstrap", () => {
  it("reports the all-rows difference, a CI around it, and the counts", () => {
    const data = brierData(createRng(1), 40, 3);
    const r = pairedBootstrap({ ...data, metric: "brier", resamples: 200, seed: 9 });
    const expected = computeMetric("brier", data.outcome, data.a)! - computeMetric("brier", data.outcome, data.b)!;
    expect(r.estimate).toBeCloseTo(expected, 15);
    expect(r.lower).toBeLessThan(r.estimate);
    expect(r.upper).toBeGreaterThan(r.estimate);
    expect({ level: r.level, resamples: r.resamples, rows: r.rows, customers: r.customers, dropped: r.dropped, method: r.method }).toEqual({
      level: 0.95, resamples: 200, rows: 120, customers: 40, dropped: 0, method: "percentile",
    });
  });

  it("reproduces the same interval from the same seed and a different one from another seed", () => {
    const data = aucData(createRng(2), 30, 4);
    const r1 = pairedBootstrap({ ...data, metric: "auc", resamples: 100, seed: 5 });
    const r2 = pairedBootstrap({ ...data, metric: "auc", resamples: 100, seed: 5 });
    const r3 = pairedBootstrap({ ...data, metric: "auc", resamples: 100, seed: 6 });
    expect(r2).toEqual(r1);
    expect(r3.lower).not.toBe(r1.lower);
  });

  it("gives a wider interval at a higher level and supports every metric", () => {
    const data = brierData(createRng(3), 50, 2);
    for (const metric of ["auc", "logLoss", "brier", "rmse", "mae"] as const) {
      const r90 = pairedBootstrap({ ...data, metric, resamples: 300, level: 0.9, seed: 1 });
      const r99 = pairedBootstrap({ ...data, metric, resamples: 300, level: 0.99, seed: 1 });
      expect(r99.upper - r99.lower).toBeGreaterThan(r90.upper - r90.lower);
      expect(r90.estimate).toBeCloseTo(computeMetric(metric, data.outcome, data.a)! - computeMetric(metric, data.outcome, data.b)!, 14);
    }
  });

  it("drops and counts resamples on which AUC is undefined", () => {
    // only customer 0 has a positive: every resample without it has one class
    const cluster = Int32Array.from([0, 0, 1, 1, 2, 2]);
    const outcome = Float64Array.from([1, 0, 0, 0, 0, 0]);
    const a = Float64Array.from([0.9, 0.1, 0.2, 0.3, 0.4, 0.5]);
    const b = Float64Array.from([0.1, 0.9, 0.2, 0.3, 0.4, 0.5]);
    const r = pairedBootstrap({ cluster, outcome, a, b, metric: "auc", resamples: 500, seed: 4 });
    expect(r.dropped).toBeGreaterThan(100); // P(customer 0 never drawn) = (2/3)^3 ≈ 0.30
    expect(r.dropped).toBeLessThan(200);
    expect(r.resamples + r.dropped).toBe(500);
  });

  it("throws UndefinedMetricError when the metric is undefined on all rows", () => {
    const one = { cluster: Int32Array.from([0, 1]), outcome: Float64Array.from([1, 1]), a: Float64Array.from([0.2, 0.3]), b: Float64Array.from([0.2, 0.4]) };
    expect(() => pairedBootstrap({ ...one, metric: "auc", seed: 1 })).toThrowError(UndefinedMetricError);
    expect(() => pairedBootstrap({ ...one, metric: "auc", seed: 1 })).toThrowError(/auc is undefined on these 2 rows/);
  });

  it("rejects invalid input with the place and the value", () => {
    const d = brierData(createRng(1), 5, 2);
    expect(() => pairedBootstrap({ ...d, a: d.a.subarray(1), metric: "brier", seed: 1 })).toThrowError(/outcome has 10 rows but a has 9/);
    expect(() => pairedBootstrap({ ...d, b: Float64Array.from(d.b, (v, i) => (i === 3 ? NaN : v)), metric: "brier", seed: 1 })).toThrowError(/model b\): brier: probs\[3\] must be a probability in \[0, 1\], got NaN/);
    expect(() => pairedBootstrap({ ...d, cluster: Int32Array.from(d.cluster, (v, i) => (i === 2 ? -1 : v)), metric: "brier", seed: 1 })).toThrowError(/cluster\[2\] must be a non-negative customer code, got -1/);
    expect(() => pairedBootstrap({ ...d, metric: "brier", resamples: 0, seed: 1 })).toThrowError(/resamples must be a positive integer, got 0/);
    expect(() => pairedBootstrap({ ...d, metric: "brier", level: 1, seed: 1 })).toThrowError(/level must be in \(0, 1\), got 1/);
    expect(() => pairedBootstrap({ ...d, metric: "nope" as "brier", seed: 1 })).toThrowError(/unknown metric "nope"/);
  });

  it("covers the true Brier difference in about 95% of 200 simulated studies (percentile and BCa)", () => {
    const rng = createRng(2024);
    let hits = 0, hitsBca = 0;
    const reps = 200;
    for (let rep = 0; rep < reps; rep++) {
      const data = brierData(rng, 80, 4);
      const r = pairedBootstrap({ ...data, metric: "brier", resamples: 400, seed: rep });
      const rb = pairedBootstrap({ ...data, metric: "brier", resamples: 400, seed: rep, method: "bca" });
      if (r.lower <= TRUE_BRIER_DIFFERENCE && TRUE_BRIER_DIFFERENCE <= r.upper) hits++;
      if (rb.lower <= TRUE_BRIER_DIFFERENCE && TRUE_BRIER_DIFFERENCE <= rb.upper) hitsBca++;
    }
    expect(hits / reps).toBeGreaterThan(0.85);
    expect(hits / reps).toBeLessThan(0.99);
    expect(hitsBca / reps).toBeGreaterThan(0.85);
    expect(hitsBca / reps).toBeLessThan(0.99);
  });

  it("covers the true AUC difference in about 95% of 200 simulated studies with customer effects", () => {
    const rng = createRng(77);
    let hits = 0;
    const reps = 200;
    for (let rep = 0; rep < reps; rep++) {
      const data = aucData(rng, 100, 5);
      const r = pairedBootstrap({ ...data, metric: "auc", resamples: 300, seed: rep });
      if (r.lower <= TRUE_AUC_DIFFERENCE && TRUE_AUC_DIFFERENCE <= r.upper) hits++;
    }
    expect(hits / reps).toBeGreaterThan(0.85);
    expect(hits / reps).toBeLessThan(0.99);
  });
});

describe("pairedBootstrapMany", () => {
  it("gives each target exactly pairedBootstrap's result (same draws), and the undefined-metric error in its slot", () => {
    const data = aucData(createRng(6), 25, 4);
    const probs = brierData(createRng(7), 25, 4);
    const common = { cluster: data.cluster, outcome: data.outcome, resamples: 80, seed: 3 };
    const targets = [
      { metric: "auc" as const, a: data.a, b: data.b },
      { metric: "brier" as const, a: probs.a, b: probs.b },
      { metric: "mae" as const, a: probs.a, b: probs.b },
    ];
    for (const method of ["percentile", "bca"] as const) {
      const many = pairedBootstrapMany({ ...common, targets, method });
      expect(many).toEqual(targets.map((t) => pairedBootstrap({ ...common, ...t, method })));
    }
    // models shared between AUC targets (each model's AUC is computed once per resample): same numbers
    const c = data.a.map((x, i) => 0.5 * x + 0.25 * data.b[i]!);
    const shared = [
      { metric: "auc" as const, a: data.a, b: data.b },
      { metric: "auc" as const, a: data.b, b: data.a },
      { metric: "auc" as const, a: c, b: data.a },
      { metric: "logLoss" as const, a: probs.a, b: probs.b },
      { metric: "auc" as const, a: c, b: data.b },
    ];
    const sharedMany = pairedBootstrapMany({ ...common, targets: shared, method: "bca" });
    expect(sharedMany).toEqual(shared.map((t) => pairedBootstrap({ ...common, ...t, method: "bca" })));
    expect((sharedMany[1] as { estimate: number }).estimate).toBe(-(sharedMany[0] as { estimate: number }).estimate);
    const oneClass = { cluster: Int32Array.from([0, 1, 2]), outcome: Float64Array.from([1, 1, 1]), resamples: 10, seed: 1 };
    const p = Float64Array.from([0.2, 0.5, 0.9]);
    const [auc, brier] = pairedBootstrapMany({ ...oneClass, targets: [{ metric: "auc", a: p, b: p }, { metric: "brier", a: p, b: p }] });
    expect(auc).toBeInstanceOf(UndefinedMetricError);
    expect((auc as Error).message).toMatch(/auc is undefined on these 3 rows/);
    expect(brier).toEqual(pairedBootstrap({ ...oneClass, metric: "brier", a: p, b: p }));
  });

  it("resamples a customer whose loss sum is not finite as the sum that skips weight 0 does (finite without that customer)", () => {
    // RMSE of a prediction of 1e200: its squared error is Infinity; resamples that leave the customer
    // out must stay finite, although 0 · Infinity is NaN
    const n = 60;
    const cluster = Int32Array.from({ length: n }, (_, i) => i % 12);
    const outcome = Float64Array.from({ length: n }, (_, i) => (i * 7) % 5);
    const a = outcome.map((y, i) => (i === 5 ? 1e200 : y + Math.sin(i)));
    const b = outcome.map((y, i) => y + 0.5 * Math.cos(i));
    const resamples = 300;
    const [r] = pairedBootstrapMany({ cluster, outcome, targets: [{ metric: "rmse", a, b }], resamples, seed: 5 });
    // the same draws, each difference by clusterStatistic (which skips weight-0 customers)
    const statistic = clusterStatistic("rmse", cluster, 12, outcome, a, b);
    const rng = createRng(5), counts = new Float64Array(12);
    const expected = Float64Array.from({ length: resamples }, () => statistic.difference(resampleCounts(rng, counts))!).sort();
    const got = (r as { distribution: { sorted: Float64Array } }).distribution.sorted;
    expect(got).toEqual(expected);
    expect(got.some((d) => Number.isFinite(d))).toBe(true);
    expect(got.some((d) => d === Infinity)).toBe(true);
    expect(got.some((d) => Number.isNaN(d))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { inferredDifference } from "../../../src/lib/evaluation/cell-inference.js";
import { pairedMeanBootstrap, type PairedMeanInput } from "../../../src/lib/evaluation/paired-mean-bootstrap.js";
import { createRng, resampleCounts } from "../../../src/lib/random/rng.js";

/** The bootstrap read as a recorded difference at 95%, margin 0.01. */
function inferred(input: PairedMeanInput) {
  const r = pairedMeanBootstrap(input);
  return inferredDifference(r, r.distribution, { level: 0.95, margin: 0.01, higherIsBetter: true });
}

describe("pairedMeanBootstrap", () => {
  const rng = createRng(4);
  const n = 600;
  const cluster = Int32Array.from({ length: n }, (_, i) => i % 60);
  const b = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const a = Float64Array.from(b, (v) => (v === 1 || rng.next() < 0.2 ? 1 : 0));

  it("resamples Σ w·Σ(a − b) / Σ w·n over the customers, each difference as the sum that skips weight-0 customers gives it", () => {
    // sparse customer codes in an order other than their first appearance
    const sparse = Int32Array.from(cluster, (c) => 1000 - 7 * c);
    const r = pairedMeanBootstrap({ cluster: sparse, a, b, resamples: 300, seed: 9 });
    // the reference: per customer in order of first appearance, the same draws, weight 0 skipped
    const order = [...new Set(sparse)];
    const sums = order.map((c) => sparse.reduce((s, v, i) => (v === c ? s + (a[i]! - b[i]!) : s), 0));
    const counts = order.map((c) => sparse.filter((v) => v === c).length);
    const draws = createRng(9), w = new Float64Array(order.length);
    const expected = Float64Array.from({ length: 300 }, () => {
      resampleCounts(draws, w);
      let s = 0, m = 0;
      w.forEach((wc, c) => {
        if (wc === 0) return;
        s += wc * sums[c]!;
        m += wc * counts[c]!;
      });
      return s / m;
    }).sort();
    expect(r.distribution.sorted).toEqual(expected);
  });

  it("estimates mean(a) − mean(b) exactly and brackets it with a customer-level CI", () => {
    const r = inferred({ cluster, a, b, resamples: 400, seed: 1 });
    const expected = a.reduce((s, v) => s + v, 0) / n - b.reduce((s, v) => s + v, 0) / n;
    expect(r.estimate).toBeCloseTo(expected, 14);
    expect(r.lower).toBeLessThan(expected);
    expect(r.upper).toBeGreaterThan(expected);
    expect(r.lower).toBeGreaterThan(0); // a is never worse than b and better on ~14% of units
    // every resample favours a: the inverted p is 0 (below the resolution 1/400)
    expect(r.pValue!).toBe(0);
    expect(r.verdict).toBe("irm-better");
    expect({ rows: r.rows, customers: r.customers, resamples: r.resamples, level: r.level, test: r.test }).toEqual({ rows: n, customers: 60, resamples: 400, level: 0.95, test: "bootstrap" });
  });

  it("gives p = 1 and a zero-width interval when the two models agree everywhere", () => {
    const r = inferred({ cluster, a: b, b, resamples: 100, seed: 1 });
    expect([r.estimate, r.lower, r.upper, r.pValue]).toEqual([0, 0, 0, 1]);
    // identical models are equivalent within any positive margin
    expect([r.pTost, r.verdict]).toEqual([0, "equivalent"]);
  });

  it("is reproducible for a seed", () => {
    expect(pairedMeanBootstrap({ cluster, a, b, resamples: 100, seed: 7 })).toEqual(pairedMeanBootstrap({ cluster, a, b, resamples: 100, seed: 7 }));
  });

  it("rejects bad input with the unit and value", () => {
    expect(() => pairedMeanBootstrap({ cluster, a, b: b.subarray(1), seed: 1 })).toThrowError(/a has 600 units but b has 599 and cluster 600/);
    expect(() => pairedMeanBootstrap({ cluster: new Int32Array(0), a: new Float64Array(0), b: new Float64Array(0), seed: 1 })).toThrowError(/input is empty/);
    const bad = Float64Array.from(a);
    bad[3] = NaN;
    expect(() => pairedMeanBootstrap({ cluster, a: bad, b, seed: 1 })).toThrowError(/unit 3: values must be finite, got "NaN"/);
    expect(() => pairedMeanBootstrap({ cluster, a, b, seed: 1, resamples: 0 })).toThrowError(/resamples must be a positive integer, got 0/);
  });
});

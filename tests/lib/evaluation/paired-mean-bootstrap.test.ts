import { describe, expect, it } from "vitest";
import { pairedMeanBootstrap } from "../../../src/lib/evaluation/paired-mean-bootstrap.js";
import { createRng } from "../../../src/lib/random/rng.js";

describe("pairedMeanBootstrap", () => {
  const rng = createRng(4);
  const n = 600;
  const cluster = Int32Array.from({ length: n }, (_, i) => i % 60);
  const b = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const a = Float64Array.from(b, (v) => (v === 1 || rng.next() < 0.2 ? 1 : 0));

  it("estimates mean(a) − mean(b) exactly and brackets it with a customer-level CI", () => {
    const r = pairedMeanBootstrap({ cluster, a, b, resamples: 400, seed: 1 });
    const expected = a.reduce((s, v) => s + v, 0) / n - b.reduce((s, v) => s + v, 0) / n;
    expect(r.estimate).toBeCloseTo(expected, 14);
    expect(r.lower).toBeLessThan(expected);
    expect(r.upper).toBeGreaterThan(expected);
    expect(r.lower).toBeGreaterThan(0); // a is never worse than b and better on ~14% of units
    expect(r.pValue!).toBeLessThan(1e-6);
    expect({ rows: r.rows, customers: r.customers, resamples: r.resamples, level: r.level, test: r.test }).toEqual({ rows: n, customers: 60, resamples: 400, level: 0.95, test: "bootstrap" });
  });

  it("gives p = 1 and a zero-width interval when the two models agree everywhere", () => {
    const r = pairedMeanBootstrap({ cluster, a: b, b, resamples: 100, seed: 1 });
    expect([r.estimate, r.lower, r.upper, r.pValue]).toEqual([0, 0, 0, 1]);
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
    expect(() => pairedMeanBootstrap({ cluster, a, b, seed: 1, level: 1 })).toThrowError(/level must be in \(0, 1\), got 1/);
  });
});

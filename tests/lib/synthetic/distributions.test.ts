import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { cumulativeSums, sampleBeta, sampleCumulative, sampleExponential, sampleShare, zipfWeights } from "../../../src/lib/synthetic/distributions.js";

describe("distributions", () => {
  it("samples Beta(a, b) with mean a/(a+b) and variance ab/((a+b)^2(a+b+1))", () => {
    const rng = createRng(1);
    const n = 40_000;
    const [a, b] = [1.2, 8];
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = sampleBeta(rng, a, b);
      s += x;
      s2 += x * x;
    }
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(s / n - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(variance, 3);
  });

  it("samples exponential waiting times with mean 1/rate, and never for rate 0", () => {
    const rng = createRng(2);
    let s = 0;
    for (let i = 0; i < 40_000; i++) s += sampleExponential(rng, 4);
    expect(Math.abs(s / 40_000 - 0.25)).toBeLessThan(4 * (0.25 / Math.sqrt(40_000)));
    expect(sampleExponential(rng, 0)).toBe(Infinity);
  });

  it("draws shares and cumulative weights in proportion, never a zero-weight level", () => {
    const rng = createRng(3);
    const counts = [0, 0, 0, 0];
    const share = [9, 0.5, 0, 0.5, 0]; // offset 1: levels with shares 0.5, 0, 0.5, 0
    for (let i = 0; i < 20_000; i++) counts[sampleShare(rng, share, 1, 4)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(Math.abs(counts[0]! / 20_000 - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / 20_000));
    const cum = cumulativeSums([1, 0, 3]);
    expect(Array.from(cum)).toEqual([1, 1, 4]);
    const c3 = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) c3[sampleCumulative(rng, cum)]!++;
    expect(c3[1]).toBe(0);
    expect(Math.abs(c3[2]! / 20_000 - 0.75)).toBeLessThan(4 * Math.sqrt(0.1875 / 20_000));
  });

  it("builds Zipf weights that sum to 1 in a shuffled order", () => {
    const w = zipfWeights(createRng(4), 5, 1);
    const h = 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5;
    expect(Array.from(w).sort((a, b) => b - a)).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5].map((x) => x / h));
    expect(Array.from(zipfWeights(createRng(4), 4, 0))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

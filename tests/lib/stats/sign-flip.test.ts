import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { signFlip } from "../../../src/lib/stats/sign-flip.js";
import { statsFixture } from "./fixture.js";

interface Case { name: string; sumA: number[]; sumB: number[]; counts: number[]; alpha: number; estimate: number; p: number; lower: number; upper: number }
const { cases } = statsFixture<{ cases: Case[] }>("sign-flip.json");

const sumsOf = (c: Case): Float64Array => Float64Array.from(c.sumA, (x, i) => x - c.sumB[i]!);

/** A random cell: customers with 1–6 rows each, per-row differences shift + heavy-tailed noise. */
function randomCell(seed: number, customers: number, shift: number): { sums: Float64Array; counts: Float64Array } {
  const rng = createRng(seed);
  const sums = new Float64Array(customers), counts = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    counts[c] = 1 + rng.int(6);
    for (let r = 0; r < counts[c]!; r++) sums[c]! += shift + rng.normal() / Math.max(0.3, Math.abs(rng.normal()));
  }
  return { sums, counts };
}

describe("signFlip", () => {
  it.each(cases.map((c) => [c.name, c] as const))("matches SciPy's exact permutation_test and its inversion (%s)", (_, c) => {
    const d = signFlip({ sums: sumsOf(c), counts: Float64Array.from(c.counts), resamples: 1, seed: 1 });
    expect(d.test).toBe("sign-flip exact");
    expect(d.resamples).toBe(2 ** c.counts.length);
    expect(d.estimate).toBeCloseTo(c.estimate, 12);
    expect(d.pValue()).toBeCloseTo(c.p, 12);
    const [lo, hi] = d.interval(c.alpha);
    expect(lo).toBeCloseTo(c.lower, 8);
    expect(hi).toBeCloseTo(c.upper, 8);
  });

  it("excludes 0 from the interval exactly when p < α, over many random cells, exact and Monte Carlo", () => {
    let excluded = 0, checked = 0;
    for (let cell = 0; cell < 300; cell++) {
      const customers = 5 + (cell % 40);
      const { sums, counts } = randomCell(cell, customers, ((cell % 7) - 3) * 0.15);
      const d = signFlip({ sums, counts, resamples: 400, seed: cell, exactUpTo: 14 });
      const p = d.pValue();
      // the levels a run asks for: α, and Holm's α·p/pHolm for any family size
      for (const alpha of [0.05, 0.01, 0.1, 0.05 / 3, 0.05 / 30, p, p + 1e-12, p / 2, Math.min(1, 2 * p), 0.5]) {
        if (!(alpha > 0 && alpha < 1)) continue;
        const [lo, hi] = d.interval(alpha);
        expect(lo).toBeLessThanOrEqual(d.estimate);
        expect(hi).toBeGreaterThanOrEqual(d.estimate);
        expect(lo > 0 || hi < 0).toBe(p < alpha);
        checked++;
        if (lo > 0 || hi < 0) excluded++;
      }
    }
    // both outcomes occur, so the check above was not vacuous
    expect(excluded).toBeGreaterThan(50);
    expect(checked - excluded).toBeGreaterThan(50);
  });

  it("narrows its interval as the level falls and keeps TOST consistent with the 1 − 2α interval", () => {
    const { sums, counts } = randomCell(7, 18, 0.05);
    const d = signFlip({ sums, counts, resamples: 1, seed: 1 });
    const [lo95, hi95] = d.interval(0.05), [lo80, hi80] = d.interval(0.2);
    expect(lo80).toBeGreaterThanOrEqual(lo95);
    expect(hi80).toBeLessThanOrEqual(hi95);
    for (const margin of [0.1, 0.3, 1, 3]) {
      const pt = d.tostPValue(margin);
      for (const alpha of [0.01, 0.025, 0.05, 0.1, 0.2]) {
        const [lo, hi] = d.interval(2 * alpha);
        expect(lo > -margin && hi < margin).toBe(pt < alpha);
      }
    }
    expect(d.tostPValue(0)).toBe(1);
  });

  it("gives a TOST p of at least ½ when the estimate lies beyond the margin, and near 1 far beyond it", () => {
    // every customer differs by about +1: the difference is far outside a margin of 0.05
    const sums = Float64Array.from({ length: 12 }, (_, k) => 1 + 0.01 * k), counts = new Float64Array(12).fill(1);
    const d = signFlip({ sums, counts, resamples: 1, seed: 1 });
    expect(d.estimate).toBeGreaterThan(0.05);
    expect(d.tostPValue(0.05)).toBeGreaterThanOrEqual(0.5);
    expect(d.tostPValue(0.05)).toBeGreaterThan(0.99);
    // a margin just below the estimate: still ≥ ½ (no claim of equivalence), but not near 1
    const near = d.tostPValue(d.estimate * 0.999);
    expect(near).toBeGreaterThanOrEqual(0.5);
    expect(near).toBeLessThan(1);
    // mirrored data: the same p by symmetry
    const mirrored = signFlip({ sums: sums.map((x) => -x), counts, resamples: 1, seed: 1 });
    expect(mirrored.tostPValue(0.05)).toBeCloseTo(d.tostPValue(0.05), 12);
  });

  it("holds its size under the null: exact p < 0.05 in about 5% of symmetric cells", () => {
    let rejections = 0;
    const cells = 400;
    for (let cell = 0; cell < cells; cell++) {
      const { sums, counts } = randomCell(1000 + cell, 12, 0);
      if (signFlip({ sums, counts, resamples: 1, seed: 1 }).pValue() < 0.05) rejections++;
    }
    // binomial(400, 0.05): mean 20, sd 4.4; an anti-conservative test would sit far above 35
    expect(rejections).toBeLessThan(35);
    expect(rejections).toBeGreaterThan(5);
  });

  it("agrees with the exact test when drawing flips at random", () => {
    const { sums, counts } = randomCell(3, 16, 0.12);
    const exact = signFlip({ sums, counts, resamples: 1, seed: 1 }).pValue();
    const mc = signFlip({ sums, counts, resamples: 20000, seed: 5, exactUpTo: 0 });
    expect(mc.test).toBe("sign-flip Monte Carlo");
    expect(mc.resamples).toBe(20001);
    // Monte Carlo SE of a share near p with 20,000 draws is at most 0.0036
    expect(Math.abs(mc.pValue() - exact)).toBeLessThan(0.015);
  });

  it("scales the interval and estimate (RMSE from squared errors) without changing the p-value", () => {
    const { sums, counts } = randomCell(11, 15, 0.2);
    const a = signFlip({ sums, counts, resamples: 1, seed: 1 });
    const b = signFlip({ sums, counts, resamples: 1, seed: 1, scale: 0.25 });
    expect(b.pValue()).toBe(a.pValue());
    expect(b.estimate).toBeCloseTo(a.estimate * 0.25, 14);
    expect(b.interval(0.05)[0]).toBeCloseTo(a.interval(0.05)[0] * 0.25, 12);
  });

  it("never claims with too few customers to reach α: 5 customers give p ≥ 1/16", () => {
    const d = signFlip({ sums: Float64Array.from([1, 2, 3, 4, 5]), counts: Float64Array.from([1, 1, 1, 1, 1]), resamples: 1, seed: 1 });
    expect(d.pValue()).toBeCloseTo(2 / 32, 14);
    const [lo, hi] = d.interval(0.05);
    // unbounded below at this level: reported as 0 (the nearest bound that keeps "includes 0")
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(d.estimate);
  });

  it("names what is wrong with its input", () => {
    expect(() => signFlip({ sums: new Float64Array(0), counts: new Float64Array(0), resamples: 1, seed: 1 })).toThrow(/no customers/);
    expect(() => signFlip({ sums: Float64Array.from([1, NaN]), counts: Float64Array.from([1, 1]), resamples: 1, seed: 1 })).toThrow(/customer 1: sum .* "NaN"/);
    expect(() => signFlip({ sums: Float64Array.from([1, 2]), counts: Float64Array.from([1, 0]), resamples: 1, seed: 1 })).toThrow(/customer 1: count must be > 0, got "0"/);
    expect(() => signFlip({ sums: Float64Array.from([1]), counts: Float64Array.from([1]), resamples: 1, seed: 1, exactUpTo: 30 })).toThrow(/exactUpTo/);
  });
});

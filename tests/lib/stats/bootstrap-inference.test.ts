import { describe, expect, it } from "vitest";
import { bootstrapDistribution, bootstrapPValue, intervalAt, tostPValue } from "../../../src/lib/stats/bootstrap-inference.js";
import { statsFixture } from "./fixture.js";

interface Case { name: string; sorted: number[]; pValue: number; margins: number[]; tost: number[]; alphas: number[]; intervals: [number, number][] }
const { cases } = statsFixture<{ cases: Case[] }>("bootstrap-inversion.json");
const noJackknife = (): Float64Array => {
  throw new Error("the percentile interval never asks for the jackknife");
};

describe("bootstrapInference", () => {
  it.each(cases.map((c) => [c.name, c] as const))("inverts the percentile interval like NumPy + SciPy's root finder (%s)", (_, c) => {
    const d = bootstrapDistribution(Float64Array.from(c.sorted), 0, "percentile", noJackknife);
    expect(bootstrapPValue(d)).toBeCloseTo(c.pValue, 10);
    c.margins.forEach((m, i) => expect(tostPValue(d, m)).toBeCloseTo(c.tost[i]!, 10));
    c.alphas.forEach((a, i) => {
      const [lo, hi] = intervalAt(d, a);
      expect(lo).toBeCloseTo(c.intervals[i]![0], 12);
      expect(hi).toBeCloseTo(c.intervals[i]![1], 12);
    });
  });

  it("excludes 0 from the interval exactly when p < α, at every α (both interval methods)", () => {
    const jack = Float64Array.from({ length: 40 }, (_, i) => 0.1 + 0.01 * Math.sin(i) + (i === 3 ? 0.2 : 0));
    for (const c of cases) {
      for (const method of ["percentile", "bca"] as const) {
        const d = bootstrapDistribution(Float64Array.from(c.sorted), c.sorted[Math.floor(c.sorted.length / 2)]!, method, () => jack);
        const p = bootstrapPValue(d);
        for (let k = 1; k < 400; k++) {
          const alpha = k / 400;
          if (Math.abs(alpha - p) < 1e-9) continue;
          const [lo, hi] = intervalAt(d, alpha);
          expect(lo > 0 || hi < 0).toBe(p < alpha);
        }
        for (const m of c.margins) {
          const pt = tostPValue(d, m);
          for (let k = 1; k < 200; k++) {
            const alpha = k / 400;
            if (Math.abs(alpha - pt) < 1e-9) continue;
            const [lo, hi] = intervalAt(d, 2 * alpha);
            expect(lo > -m && hi < m).toBe(pt < alpha);
          }
        }
      }
    }
  });

  it("says when BCa falls back to percentile, and why", () => {
    const sorted = Float64Array.from([0.1, 0.2, 0.3]);
    const d = bootstrapDistribution(sorted, 0, "bca", () => Float64Array.from([0.1, 0.2, 0.3]));
    expect([d.method, d.fallback]).toEqual(["percentile", "BCa fell back to percentile: every resample lies on one side of the estimate, so the bias correction is infinite"]);
    const few = bootstrapDistribution(sorted, 0.2, "bca", () => Float64Array.from([0.1, Number.NaN]));
    expect([few.method, few.fallback]).toEqual(["percentile", "BCa fell back to percentile: fewer than 2 leave-one-customer-out estimates, so no acceleration"]);
    const ok = bootstrapDistribution(sorted, 0.2, "bca", () => Float64Array.from([0.1, 0.2, 0.4]));
    expect([ok.method, ok.fallback]).toEqual(["bca", null]);
  });

  it("gives p = 1 and TOST p = 1 for a zero margin when every resample is 0", () => {
    const d = bootstrapDistribution(new Float64Array(10), 0, "percentile", noJackknife);
    expect([bootstrapPValue(d), tostPValue(d, 0), tostPValue(d, 0.1)]).toEqual([1, 1, 0]);
  });
});

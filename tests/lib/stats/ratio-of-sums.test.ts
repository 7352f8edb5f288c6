import { describe, expect, it } from "vitest";
import { createRng, resampleCounts } from "../../../src/lib/random/rng.js";
import { ratioOfSums, ratioOfSumsPair } from "../../../src/lib/stats/ratio-of-sums.js";

describe("ratioOfSumsPair", () => {
  it("gives the two ratioOfSums bit for bit, on resampled weights, with non-finite terms at weight 0 and a zero denominator", () => {
    const rng = createRng(4), n = 5000;
    const x = Float64Array.from({ length: n }, () => rng.normal() * 3);
    const y = Float64Array.from({ length: n }, () => rng.next() * 0.1 + 1 / 3);
    const d = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 0 : 1 + rng.next()));
    const w = new Float64Array(n);
    // an infinite x and a NaN y where the weight is 0 in every resample below
    const xs = x.slice(), ys = y.slice();
    xs[17] = Infinity;
    ys[4321] = NaN;
    for (let r = 0; r < 30; r++) {
      resampleCounts(rng, w);
      w[17] = 0;
      w[4321] = 0;
      for (const [a, b] of [[x, y], [xs, ys], [ys, xs]] as const) {
        const [p, q] = ratioOfSumsPair(a, b, d, w);
        expect(Object.is(p, ratioOfSums(a, d, w)), `resample ${r}`).toBe(true);
        expect(Object.is(q, ratioOfSums(b, d, w)), `resample ${r}`).toBe(true);
      }
    }
    expect(Number.isFinite(ratioOfSumsPair(xs, ys, d, w)[0])).toBe(true);
    // weight on the infinite term: that ratio is not finite, the other one still is
    w[17] = 1;
    const [inf, fine] = ratioOfSumsPair(xs, y, d, w);
    expect(Object.is(inf, ratioOfSums(xs, d, w))).toBe(true);
    expect(inf === Infinity || d[17] === 0).toBe(true);
    expect(fine).toBe(ratioOfSums(y, d, w));
    // no denominator: NaN, as ratioOfSums
    const none = new Float64Array(n);
    expect(ratioOfSumsPair(x, y, none, w).every(Number.isNaN)).toBe(true);
  });
});

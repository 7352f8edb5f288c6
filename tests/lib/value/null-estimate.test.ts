import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { contextCells } from "../../../src/lib/value/context-cells.js";
import { excessOverNull, excludesZero, holmAdjust, holmExcesses, meanOver, ratioOfSums } from "../../../src/lib/value/null-estimate.js";
import { forEachPermutation } from "../../../src/lib/value/permute-contexts.js";
import { misattribution, valueByContext } from "../../../src/lib/value/value-by-context.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

/** numpy / itertools reference (tests/fixtures/stats/make-value-null.py). */
const ref = JSON.parse(readFileSync("tests/fixtures/stats/value-null.json", "utf8")) as {
  customers: number; rows: [number, number, number][]; misplaced: number[]; nullMisplacedExact: number[]; total: number[];
  estimate: number; baselineExact: number; excessCi: [number, number]; excessSd: number;
};
const levels = [{ name: "companion", levels: ["alone", "friends"] }];
const window = { calibrationEnd: T0 + 100 * DAY, holdoutEnd: T0 + 200 * DAY };
const fixture = tinyData(ref.rows.map(([c, k, v], i) => [c, 0, i % 90, v > 0 ? 1 : 0, v, k]), { customers: ref.customers, contexts: levels });

describe("null-estimate", () => {
  it("computes each customer's misplaced value as the reference does", () => {
    const { misplaced, total } = misattribution(contextCells(fixture, window)[0]!);
    Array.from(misplaced).forEach((d, c) => expect(d).toBeCloseTo(ref.misplaced[c]!, 9));
    Array.from(total).forEach((v, c) => expect(v).toBeCloseTo(ref.total[c]!, 9));
  });

  it("averages permutations of context within customer to the exact permutation expectation (enumerated in Python)", () => {
    const perms = forEachPermutation(fixture, window, 3000, 7, (p) => misattribution(contextCells(p, window)[0]!).misplaced);
    const mean = meanOver(perms);
    const share = ratioOfSums(mean, Float64Array.from(ref.total), new Float64Array(ref.customers).fill(1));
    expect(share).toBeCloseTo(ref.baselineExact, 2);
    Array.from(mean).forEach((d, c) => expect(Math.abs(d - ref.nullMisplacedExact[c]!)).toBeLessThan(0.05 * Math.max(1, ref.total[c]!)));
  });

  it("gives the paired bootstrap CI of the excess that numpy gives (up to Monte Carlo error)", () => {
    const d = Float64Array.from(ref.misplaced), dn = Float64Array.from(ref.nullMisplacedExact), v = Float64Array.from(ref.total);
    const [e] = excessOverNull(ref.customers, (w) => [ratioOfSums(d, v, w), ratioOfSums(dn, v, w)], { seed: 3, resamples: 20_000 });
    expect(e!.estimate).toBeCloseTo(ref.estimate, 12);
    expect(e!.baseline).toBeCloseTo(ref.baselineExact, 12);
    expect(e!.excess).toBeCloseTo(ref.estimate - ref.baselineExact, 12);
    expect(Math.abs(e!.lower! - ref.excessCi[0])).toBeLessThan(0.1 * ref.excessSd);
    expect(Math.abs(e!.upper! - ref.excessCi[1])).toBeLessThan(0.1 * ref.excessSd);
    expect(e!.p!).toBeGreaterThan(0.05); // CI covers 0 and the p-value agrees
  });

  it("rejects statistics that do not come in pairs, and a missing null", () => {
    expect(() => excessOverNull(3, () => [1, 2, 3], { seed: 1, resamples: 5 })).toThrowError(/pairs, got 3 values/);
    expect(() => meanOver([])).toThrowError(/at least one permutation/);
  });

  it("gives each excess a Holm-consistent interval: it excludes 0 exactly when pHolm < α, and it contains the unadjusted CI", () => {
    const n = 60;
    // 6 measures of 60 customers: per-customer differences spread evenly over ±0.5 (SE ≈ 0.037) around
    // shifts of none, borderline (unadjusted p ≈ 0.02, Holm ≈ 0.08) and clear
    const shifts = [0, 0, 0, 0.085, 0.3, 0.6];
    const x = shifts.map((s) => Float64Array.from({ length: n }, (_, j) => s + j / (n - 1) - 0.5));
    const ones = new Float64Array(n).fill(1), zero = new Float64Array(n);
    const values = excessOverNull(n, (w) => x.flatMap((xi) => [ratioOfSums(xi, ones, w), ratioOfSums(zero, ones, w)]), { seed: 5, resamples: 2000 });
    const holm = holmExcesses(values, 0.05);
    expect(holm.map((h) => h.pHolm)).toEqual(holmAdjust(values.map((v) => v.p)));
    const claims = holm.filter((h) => h.pHolm! < 0.05).length;
    expect(claims).toBeGreaterThan(0);
    expect(claims).toBeLessThan(shifts.length);
    // some measure's unadjusted CI excludes 0 while Holm makes no claim: the case this exists for
    expect(values.some((v, i) => excludesZero(v) && holm[i]!.pHolm! >= 0.05)).toBe(true);
    values.forEach((v, i) => {
      const a = holm[i]!.adjusted!;
      expect(a.lower > 0 || a.upper < 0).toBe(holm[i]!.pHolm! < 0.05);
      expect(a.lower).toBeLessThanOrEqual(v.lower!);
      expect(a.upper).toBeGreaterThanOrEqual(v.upper!);
      expect(a.level).toBeGreaterThanOrEqual(0.95);
      expect(v.lower! > 0 || v.upper! < 0).toBe(v.p! < 0.05); // the unadjusted CI and p agree too
    });
  });

  it("gives no adjusted interval where p was set to 1 without resampling (too few customers differ)", () => {
    const n = 40, x = Float64Array.from({ length: n }, (_, i) => 1 + i / n), ones = new Float64Array(n).fill(1), zero = new Float64Array(n);
    const values = excessOverNull(n, (w) => [ratioOfSums(x, ones, w), ratioOfSums(zero, ones, w)], { seed: 2, resamples: 200, differing: 3 });
    expect(excludesZero(values[0]!)).toBe(true);
    expect(values[0]!.p).toBe(1);
    expect(holmExcesses(values, 0.05)).toEqual([{ pHolm: 1, adjusted: null }]);
  });

  it("sums a ratio of sums over the customers of weight > 0 only, exactly as skipping the others does", () => {
    const rng = createRng(8);
    const x = Float64Array.from({ length: 5000 }, () => rng.normal() * 1e3), d = Float64Array.from({ length: 5000 }, () => rng.next());
    const w = Float64Array.from({ length: 5000 }, () => rng.int(3));
    let a = 0, b = 0;
    for (let i = 0; i < w.length; i++) {
      if (w[i] === 0) continue;
      a += w[i]! * x[i]!;
      b += w[i]! * d[i]!;
    }
    expect(ratioOfSums(x, d, w)).toBe(a / b);
    // a value that is not finite counts only where its customer is drawn
    const i0 = w.indexOf(0), i1 = w.findIndex((v) => v > 0);
    x[i0] = Number.NaN;
    d[i0] = Infinity;
    expect(ratioOfSums(x, d, w)).toBe(a / b);
    x[i1] = Number.NaN;
    expect(ratioOfSums(x, d, w)).toBeNaN();
    expect(ratioOfSums([1, 2], [0, 0], [1, 1])).toBeNaN();
  });

  it("adjusts p-values by Holm, leaving missing ones missing", () => {
    expect(holmAdjust([0.01, null, 0.04, 0.03])).toEqual([0.03, null, 0.06, 0.06]);
  });
});

/**
 * A small world: customers with 2–8 occasions split between two contexts at a customer-specific
 * rate; each occasion is a purchase w.p. 0.5, of a Gamma amount multiplied by `effect` in context 1
 * for every customer (effect 1: context irrelevant).
 */
function world(effect: number, seed: number, customers = 150) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  for (let c = 0; c < customers; c++) {
    const n = 2 + rng.int(7), share = rng.next();
    for (let r = 0; r < n; r++) {
      const k = rng.next() < share ? 1 : 0, bought = rng.next() < 0.5;
      rows.push([c, 0, r, bought ? 1 : 0, bought ? rng.gamma(2) * 10 * (k === 1 ? effect : 1) : 0, k]);
    }
  }
  return tinyData(rows, { customers, contexts: levels });
}

describe("the misattributed share against its permutation null", () => {
  it("covers 0 at about the stated rate where context is irrelevant, although the plug-in share is far above 0", () => {
    let covered = 0, plugIn = 0;
    const worlds = 40;
    for (let s = 0; s < worlds; s++) {
      const data = world(1, 100 + s);
      const cells = contextCells(data, window)[0]!;
      const nulls = meanOver(forEachPermutation(data, window, 10, s, (p) => misattribution(contextCells(p, window)[0]!).misplaced));
      const m = valueByContext(cells, nulls, { seed: s, resamples: 300 }).misattributedShare;
      if (m.lower! <= 0 && m.upper! >= 0) covered++;
      plugIn += m.estimate! / worlds;
    }
    expect(plugIn).toBeGreaterThan(0.1); // the bias the null has to absorb
    expect(covered / worlds).toBeGreaterThanOrEqual(0.85); // 95% nominal; 40 worlds: binomial sd 3.4%
  });

  it("finds a positive excess where value really differs by context", () => {
    let positive = 0;
    for (let s = 0; s < 10; s++) {
      const data = world(4, 200 + s, 400);
      const nulls = meanOver(forEachPermutation(data, window, 10, s, (p) => misattribution(contextCells(p, window)[0]!).misplaced));
      const m = valueByContext(contextCells(data, window)[0]!, nulls, { seed: s, resamples: 300 }).misattributedShare;
      if (m.lower! > 0) positive++;
    }
    expect(positive).toBeGreaterThanOrEqual(8);
  });
});

import { describe, expect, it } from "vitest";
import { auc, aucOfTies, sortedAucContext } from "../../../src/lib/metrics/auc.js";
import { firstOrderAucContext, groupedAucContext, subsetTieGroups, tieGroups } from "../../../src/lib/metrics/grouped-auc.js";
import { createRng, resampleCounts } from "../../../src/lib/random/rng.js";

function data(seed: number, groups: number, n: number, levels: number) {
  const rng = createRng(seed);
  const group = Int32Array.from({ length: n }, () => rng.int(groups));
  const labels = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
  const scores = Float64Array.from({ length: n }, () => rng.int(levels) / levels);
  return { group, labels, scores };
}

describe("groupedAucContext", () => {
  it("equals sortedAucContext.aucForGroupWeights exactly under integer weights, with ties within and across groups", () => {
    for (const [seed, levels] of [[1, 5], [2, 40], [3, 100000]] as const) {
      const { group, labels, scores } = data(seed, 30, 600, levels);
      const fast = groupedAucContext(labels, scores, group, 30);
      const slow = sortedAucContext(labels, scores, group);
      const rng = createRng(seed + 10);
      expect(fast.entries).toBeLessThanOrEqual(600);
      for (let rep = 0; rep < 20; rep++) {
        const w = Float64Array.from({ length: 30 }, () => rng.int(4));
        expect(fast.aucForGroupWeights(w)).toBe(slow.aucForGroupWeights(w));
      }
    }
  });

  it("merges rows of one group in one tie into one entry, and returns null with one weighted class", () => {
    const labels = [1, 1, 0, 0, 1];
    const scores = [0.5, 0.5, 0.2, 0.9, -0];
    const ctx = groupedAucContext(labels, scores, Int32Array.from([0, 0, 1, 1, 2]), 3);
    expect(ctx.entries).toBe(4);
    // weights 1: positives 0.5, 0.5, 0; negatives 0.2, 0.9 → pairs won: 0.5>0.2 twice → 2 of 6
    expect(ctx.aucForGroupWeights(Float64Array.from([1, 1, 1]))).toBeCloseTo(2 / 6, 15);
    expect(ctx.aucForGroupWeights(Float64Array.from([1, 0, 1]))).toBeNull();
  });
});

describe("tieGroups", () => {
  it("numbers distinct scores from the lowest, treating -0 as 0", () => {
    expect(tieGroups([0.3, -1, 0, 0.3, -0])).toEqual({ tie: Int32Array.from([2, 0, 1, 2, 1]), ties: 3 });
  });
});

describe("subsetTieGroups", () => {
  it("equals tieGroups of the gathered scores, for subsets with and without ties, and gives the same AUC and bootstrap context", () => {
    for (const levels of [3, 50, 100000]) {
      const { group, labels, scores } = data(levels, 25, 800, levels);
      const all = tieGroups(scores);
      const rng = createRng(levels + 1);
      for (const size of [1, 7, 400, 800]) {
        const rows = Int32Array.from({ length: size }, () => rng.int(800)).sort();
        const sub = Float64Array.from(rows, (r) => scores[r]!);
        const subLabels = Float64Array.from(rows, (r) => labels[r]!);
        const ranked = subsetTieGroups(all, rows);
        const direct = tieGroups(sub);
        expect(ranked.ties).toBe(direct.ties);
        expect(Array.from(ranked.tie)).toEqual(Array.from(direct.tie));
        expect(aucOfTies(subLabels, sub, ranked)).toBe(auc(subLabels, sub));
        const subGroups = Int32Array.from(rows, (r) => group[r]!);
        const w = Float64Array.from({ length: 25 }, () => rng.int(3));
        expect(groupedAucContext(subLabels, sub, subGroups, 25, ranked).aucForGroupWeights(w)).toBe(groupedAucContext(subLabels, sub, subGroups, 25).aucForGroupWeights(w));
      }
    }
  });
});

describe("firstOrderAucContext", () => {
  /** A clustered cell: each group has its own level (a customer effect) shared by its rows' scores and outcomes. */
  function clustered(seed: number, groups: number, n: number) {
    const rng = createRng(seed);
    const effect = Float64Array.from({ length: groups }, () => rng.normal());
    const group = Int32Array.from({ length: n }, () => rng.int(groups));
    const signal = Float64Array.from(group, (g) => effect[g]! + rng.normal());
    const labels = Float64Array.from(signal, (z) => (rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0));
    const a = Float64Array.from(signal, (z) => z + 0.8 * rng.normal());
    const b = Float64Array.from(signal, (z, i) => Math.round((z + 1.2 * rng.normal() + effect[group[i]!]!) * 4) / 4); // with ties
    return { group, labels, a, b };
  }

  it("equals the AUC on all rows at unit weights, and 1/2 under any weights when every score is tied", () => {
    const { group, labels, a, b } = clustered(1, 300, 3000);
    const ones = new Float64Array(300).fill(1);
    for (const scores of [a, b]) expect(firstOrderAucContext(labels, group, 300, tieGroups(scores)).aucForGroupWeights(ones)).toBeCloseTo(auc(labels, scores)!, 12);
    const tied = new Float64Array(3000).fill(0.3);
    const rng = createRng(2);
    const w = Float64Array.from({ length: 300 }, () => rng.int(4));
    expect(firstOrderAucContext(labels, group, 300, tieGroups(tied)).aucForGroupWeights(w)).toBeCloseTo(0.5, 12);
  });

  it("follows the exact customer-bootstrap AUC difference closely in a cell of 2,000 customers: percentile bounds within 5 % of the interval's width", () => {
    const groups = 2000;
    const { group, labels, a, b } = clustered(3, groups, 30_000);
    const exact = [groupedAucContext(labels, a, group, groups), groupedAucContext(labels, b, group, groups)];
    const first = [firstOrderAucContext(labels, group, groups, tieGroups(a)), firstOrderAucContext(labels, group, groups, tieGroups(b))];
    const rng = createRng(4);
    const w = new Float64Array(groups);
    const de: number[] = [], df: number[] = [];
    let worst = 0;
    for (let r = 0; r < 200; r++) {
      resampleCounts(rng, w);
      de.push(exact[0]!.aucForGroupWeights(w)! - exact[1]!.aucForGroupWeights(w)!);
      df.push(first[0]!.aucForGroupWeights(w)! - first[1]!.aucForGroupWeights(w)!);
      worst = Math.max(worst, Math.abs(de[r]! - df[r]!));
    }
    de.sort((x, y) => x - y);
    df.sort((x, y) => x - y);
    const width = de[194]! - de[5]!;
    expect(width).toBeGreaterThan(0.005);
    expect(Math.abs(df[5]! - de[5]!)).toBeLessThan(0.05 * width);
    expect(Math.abs(df[194]! - de[194]!)).toBeLessThan(0.05 * width);
    // and each resample, not only the bounds: second-order in (w − 1)
    expect(worst).toBeLessThan(0.05 * width);
    expect(worst).toBeGreaterThan(0); // an approximation, not the exact pass again
  });
});

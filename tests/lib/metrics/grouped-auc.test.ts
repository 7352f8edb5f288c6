import { describe, expect, it } from "vitest";
import { auc, aucOfTies, sortedAucContext } from "../../../src/lib/metrics/auc.js";
import { groupedAucContext, subsetTieGroups, tieGroups } from "../../../src/lib/metrics/grouped-auc.js";
import { createRng } from "../../../src/lib/random/rng.js";

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

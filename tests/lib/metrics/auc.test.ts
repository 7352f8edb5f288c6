import { describe, expect, it } from "vitest";
import { auc, sortedAucContext } from "../../../src/lib/metrics/auc.js";
import { createRng } from "../../../src/lib/random/rng.js";

/** O(n²) definition: pairs (pos, neg), 1 if pos scores higher, 1/2 on a tie, weighted by w_i·w_j. */
function bruteAuc(labels: number[], scores: number[], weights?: number[]): number | null {
  let num = 0, den = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      const w = (weights?.[i] ?? 1) * (weights?.[j] ?? 1);
      den += w;
      num += w * (scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0);
    }
  }
  return den > 0 ? num / den : null;
}

describe("auc", () => {
  it("counts ties as one half (Mann–Whitney)", () => {
    // pairs: (0.8 vs 0.1)=1, (0.8 vs 0.8)=0.5, (0.3 vs 0.1)=1, (0.3 vs 0.8)=0 → 2.5/4
    expect(auc([1, 0, 1, 0], [0.8, 0.1, 0.3, 0.8])).toBe(0.625);
  });

  it("is 1 under perfect separation, 0 under perfect inversion, 0.5 when all scores are equal", () => {
    expect(auc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(auc([1, 1, 0, 0], [1, 2, 3, 4])).toBe(0);
    expect(auc([1, 0, 1, 0, 0], [7, 7, 7, 7, 7])).toBe(0.5);
  });

  it("returns null when only one class is present, including after weighting", () => {
    expect(auc([1, 1, 1], [0.1, 0.2, 0.3])).toBeNull();
    expect(auc([0], [0.1])).toBeNull();
    expect(auc([1, 0, 1], [0.1, 0.2, 0.3], [1, 0, 1])).toBeNull();
  });

  it("treats integer weights exactly like repeated rows", () => {
    const labels = [1, 0, 1, 0, 1, 0];
    const scores = [0.9, 0.9, 0.4, 0.2, 0.2, 0.6];
    const weights = [2, 1, 0, 3, 1, 2];
    const repLabels: number[] = [];
    const repScores: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        repLabels.push(labels[i]!);
        repScores.push(scores[i]!);
      }
    });
    expect(auc(labels, scores, weights)).toBeCloseTo(auc(repLabels, repScores)!, 14);
  });

  it("matches the O(n²) definition on random data with many ties and random weights", () => {
    const rng = createRng(11);
    for (let rep = 0; rep < 20; rep++) {
      const n = 1 + rng.int(60);
      const labels = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
      const scores = Array.from({ length: n }, () => rng.int(8) / 4);
      const weights = Array.from({ length: n }, () => rng.int(4) * 0.5);
      const expected = bruteAuc(labels, scores, weights);
      const got = auc(labels, scores, weights);
      if (expected === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(expected, 12);
    }
  });

  it("rejects empty input, length mismatch, bad labels, NaN scores and negative weights", () => {
    expect(() => auc([], [])).toThrowError(/auc: input is empty/);
    expect(() => auc([1, 0], [0.1])).toThrowError(/auc: labels has 2 rows but scores has 1/);
    expect(() => auc([1, 2], [0.1, 0.2])).toThrowError(/auc: labels\[1\] must be 0 or 1, got 2/);
    expect(() => auc([1, 0], [0.1, NaN])).toThrowError(/auc: scores\[1\] must be a finite number, got NaN/);
    expect(() => auc([1, 0], [0.1, 0.2], [1, -1])).toThrowError(/auc: weights\[1\] must be a non-negative finite number, got -1/);
  });
});

describe("sortedAucContext", () => {
  it("gives the same AUC as auc() for many weight vectors after one sort", () => {
    const rng = createRng(5);
    const n = 200;
    const labels = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const scores = Float64Array.from({ length: n }, () => Math.round(rng.normal() * 4) / 4);
    const ctx = sortedAucContext(labels, scores);
    expect(ctx.size).toBe(n);
    expect(ctx.tieGroups).toBe(new Set(scores).size);
    expect(ctx.auc()).toBe(auc(labels, scores));
    for (let rep = 0; rep < 5; rep++) {
      const w = Float64Array.from({ length: n }, () => rng.int(3));
      expect(ctx.auc(w)).toBeCloseTo(auc(labels, scores, w)!, 13);
    }
  });

  it("weights rows by their group's weight in aucForGroupWeights", () => {
    const labels = [1, 0, 1, 0, 1, 0];
    const scores = [0.9, 0.9, 0.4, 0.2, 0.2, 0.6];
    const groups = Int32Array.from([0, 0, 1, 1, 2, 2]);
    const ctx = sortedAucContext(labels, scores, groups);
    const gw = [3, 0, 1];
    const rowW = Array.from(groups, (g) => gw[g]!);
    expect(ctx.aucForGroupWeights(gw)).toBeCloseTo(bruteAuc(labels, scores, rowW)!, 14);
    expect(ctx.aucForGroupWeights([0, 1, 0])).toBe(1);
    expect(() => ctx.aucForGroupWeights([1, 1])).toThrowError(/groupWeights has 2 entries but group codes go up to 2/);
    expect(() => sortedAucContext(labels, scores).aucForGroupWeights([1])).toThrowError(/needs a context made with groups/);
    expect(() => sortedAucContext([1, 0], [1, 2], Int32Array.from([0, -2]))).toThrowError(/groups\[1\] must be a non-negative code, got -2/);
  });
});

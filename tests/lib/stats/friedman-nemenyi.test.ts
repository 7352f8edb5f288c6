import { describe, expect, it } from "vitest";
import { criticalDifferenceDiagram, friedman, friedmanFromAverageRanks, NEMENYI_Q, nemenyiCriticalDifference } from "../../../src/lib/stats/friedman-nemenyi.js";
import { statsFixture } from "./fixture.js";

const fx = statsFixture("friedman.json");

describe("friedman", () => {
  for (const c of fx.cases) {
    it(`matches scipy.stats.friedmanchisquare on "${c.name}"`, () => {
      const r = friedman(c.scores, c.higherIsBetter);
      r.averageRanks.forEach((v, j) => expect(v).toBeCloseTo(c.averageRanks[j], 12));
      expect(r.chiSquare).toBeCloseTo(c.chiSquare, 10);
      expect(r.chiSquarePValue).toBeCloseTo(c.chiSquarePValue, 10);
      expect(r.imanDavenportF).toBeCloseTo(c.imanDavenportF, 10);
      expect(r.imanDavenportPValue).toBeCloseTo(c.imanDavenportPValue, 10);
      expect([r.df1, r.df2]).toEqual([c.df1, c.df2]);
    });
  }
  it("reproduces Demšar's worked example from its average ranks (χ²F = 9.28, FF = 3.69, CD = 1.25)", () => {
    const r = friedmanFromAverageRanks([3.143, 2.0, 2.893, 1.964], 14);
    expect(r.chiSquare).toBeCloseTo(9.28, 2);
    expect(r.imanDavenportF).toBeCloseTo(3.69, 2);
    expect(nemenyiCriticalDifference(4, 14, 0.05)).toBeCloseTo(1.25, 2);
  });
  it("gives chi-square 0 and p 1 when every dataset ties all models", () => {
    const r = friedman([[1, 1, 1], [2, 2, 2]], true);
    expect([r.chiSquare, r.chiSquarePValue, r.averageRanks]).toEqual([0, 1, [2, 2, 2]]);
  });
  it("rejects too few datasets or models, ragged rows and NaN", () => {
    expect(() => friedman([[1, 2]], true)).toThrowError(/need at least 2 datasets and 2 models, got 1 x 2/);
    expect(() => friedman([[1, 2], [1]], true)).toThrowError(/row 1 has 1 scores, expected 2/);
    expect(() => friedman([[1, 2], [1, NaN]], true)).toThrowError(/scores\[1\]\[1\] must be a finite number, got NaN/);
  });
});

describe("nemenyi", () => {
  it("uses Demšar's published q values, which agree with the studentized range / √2 (scipy) to table rounding", () => {
    for (const alpha of ["0.05", "0.1"] as const) {
      NEMENYI_Q[alpha].forEach((q, i) => expect(Math.abs(q - fx.nemenyiQFromStudentizedRange[alpha][i])).toBeLessThan(1.5e-3));
    }
  });
  it("builds critical-difference diagram data with maximal cliques", () => {
    // k = 4, N = 14: CD = 1.2536
    const d = criticalDifferenceDiagram(["c45", "m", "cf", "m+cf"], [3.143, 2.0, 2.893, 1.964], 14);
    expect(d.models.map((m) => m.name)).toEqual(["m+cf", "m", "cf", "c45"]);
    // the rank spread 3.143 − 1.964 = 1.179 is below CD: one bar joins all four
    expect(d.criticalDifference).toBeCloseTo(2.569 * Math.sqrt(20 / 84), 14);
    expect(d.cliques).toEqual([{ models: ["m+cf", "m", "cf", "c45"], lowRank: 1.964, highRank: 3.143 }]);
    const e = criticalDifferenceDiagram(["a", "b", "c", "d", "e"], [1, 1.5, 3, 3.2, 2.4], 14);
    // CD = 2.728·sqrt(30/84) = 1.630: a–b–e (1.4 apart), b–e–c (1.5), e–c–d (0.8); a–c (2.0) differ
    expect(e.cliques).toEqual([
      { models: ["a", "b", "e"], lowRank: 1, highRank: 2.4 },
      { models: ["b", "e", "c"], lowRank: 1.5, highRank: 3 },
      { models: ["e", "c", "d"], lowRank: 2.4, highRank: 3.2 },
    ]);
    expect(criticalDifferenceDiagram(["a", "b"], [1, 2], 100).cliques).toEqual([]);
  });
  it("rejects more than 10 models and an unsupported alpha", () => {
    expect(() => nemenyiCriticalDifference(11, 5)).toThrowError(/number of models must be an integer in 2..10, got 11/);
    expect(() => nemenyiCriticalDifference(3, 5, 0.01 as 0.05)).toThrowError(/alpha must be 0.05 or 0.1, got 0.01/);
  });
});

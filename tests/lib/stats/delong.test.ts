import { describe, expect, it } from "vitest";
import { auc } from "../../../src/lib/metrics/auc.js";
import { delong } from "../../../src/lib/stats/delong.js";
import { tieGroups } from "../../../src/lib/metrics/grouped-auc.js";
import { statsFixture } from "./fixture.js";

const fx = statsFixture("delong.json");

describe("delong", () => {
  for (const c of fx.cases) {
    it(`matches pROC roc.test(delong, paired), var, cov and ci.auc on "${c.name}"`, () => {
      const r = delong(c.labels, c.a, c.b, c.level);
      const got = {
        aucA: r.aucA, aucB: r.aucB, varianceA: r.varianceA, varianceB: r.varianceB, covariance: r.covariance,
        z: r.z, pValue: r.pValue, lower: r.lower, upper: r.upper, ciA: r.ciA, ciB: r.ciB,
      };
      for (const [key, value] of Object.entries(got)) {
        const want = c[key];
        if (Array.isArray(value)) value.forEach((v, i) => expect(v, `${key}[${i}]`).toBeCloseTo(want[i], 12));
        else expect(value, key).toBeCloseTo(want, 12);
      }
      expect(r.aucA).toBeCloseTo(auc(c.labels, c.a)!, 14);
      expect(r.positives + r.negatives).toBe(c.labels.length);
    });
  }

  it("gives the same result with placements shared across pairs, computing each model's once", () => {
    const labels = Float64Array.from({ length: 300 }, (_, i) => ((i * 7) % 5 < 2 ? 1 : 0));
    const models = [0.3, 1.1, 2.5].map((noise) => Float64Array.from(labels, (y, i) => y + noise * Math.sin(i * 12.9898)));
    const shared = new Map();
    for (const [a, b] of [[0, 1], [2, 1], [0, 2], [1, 0]] as const) {
      expect(delong(labels, models[a]!, models[b]!, 0.9, shared)).toEqual(delong(labels, models[a]!, models[b]!, 0.9));
    }
    expect(shared.size).toBe(3);
  });

  it("gives the same numbers, bit for bit, from the scores' tie groups as from its own sorts (pROC fixtures and tied scores)", () => {
    const tied = Float64Array.from({ length: 500 }, (_, i) => ((i * 13) % 7 < 3 ? 1 : 0));
    const cases = [
      ...fx.cases.map((c: { labels: number[]; a: number[]; b: number[]; level: number }) => ({ labels: Float64Array.from(c.labels), a: Float64Array.from(c.a), b: Float64Array.from(c.b), level: c.level })),
      // scores rounded to a tenth: many ties, within and across the classes
      { labels: tied, a: tied.map((y, i) => Math.round(10 * (y + Math.sin(i * 12.9898))) / 10), b: tied.map((_, i) => Math.round(10 * Math.cos(i * 4.1414)) / 10), level: 0.95 },
    ];
    for (const c of cases) {
      const ranked = new Map([[c.a, tieGroups(c.a)], [c.b, tieGroups(c.b)]]);
      expect(delong(c.labels, c.a, c.b, c.level, new Map(), ranked)).toEqual(delong(c.labels, c.a, c.b, c.level));
    }
  });

  it("gives z 0 and p 1 for two identical perfect models (zero variance)", () => {
    const r = delong([0, 0, 1, 1], [1, 2, 3, 4], [1, 2, 3, 4]);
    expect([r.aucA, r.aucB, r.variance, r.z, r.pValue]).toEqual([1, 1, 0, 0, 1]);
  });

  it("rejects too few cases of a class, bad labels, NaN scores and a bad level", () => {
    expect(() => delong([0, 0, 1], [1, 2, 3], [1, 2, 3])).toThrowError(/needs at least 2 positives and 2 negatives, got 1 positives and 2 negatives/);
    expect(() => delong([0, 2, 1, 1], [1, 2, 3, 4], [1, 2, 3, 4])).toThrowError(/delong: labels\[1\] must be 0 or 1, got 2/);
    expect(() => delong([0, 0, 1, 1], [1, 2, NaN, 4], [1, 2, 3, 4])).toThrowError(/delong: scoresA\[2\] must be a finite number, got NaN/);
    expect(() => delong([0, 0, 1, 1], [1, 2, 3, 4], [1, 2])).toThrowError(/delong: labels has 4 rows but scoresB has 2/);
    expect(() => delong([0, 0, 1, 1], [1, 2, 3, 4], [1, 2, 3, 4], 0)).toThrowError(/level must be in \(0, 1\), got 0/);
  });
});

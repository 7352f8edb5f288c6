import { describe, expect, it } from "vitest";
import { mcnemar, mcnemarFromCounts } from "../../../src/lib/stats/mcnemar.js";
import { statsFixture } from "./fixture.js";

const fx = statsFixture("mcnemar.json");

describe("mcnemar", () => {
  for (const c of fx.cases) {
    it(`matches statsmodels for b=${c.b}, c=${c.c}`, () => {
      const ex = mcnemarFromCounts(c.b, c.c, { exact: true });
      expect(ex.statistic).toBe(c.exact.statistic);
      expect(ex.pValue).toBeCloseTo(c.exact.pValue, 12);
      if (c.chiSquare) {
        const ch = mcnemarFromCounts(c.b, c.c, { exact: false });
        expect(ch.statistic).toBeCloseTo(c.chiSquare.statistic, 12);
        expect(ch.pValue).toBeCloseTo(c.chiSquare.pValue, 12);
      } else {
        expect(mcnemarFromCounts(c.b, c.c, { exact: false })).toEqual({ b: 0, c: 0, method: "chiSquare", statistic: 0, pValue: 1 });
      }
    });
  }

  it("counts discordant pairs from per-row hits and picks exact for small counts", () => {
    const r = mcnemar([1, 1, 0, 0, 1, 1, 1], [1, 0, 1, 0, 0, 0, 1]);
    expect(r).toEqual(mcnemarFromCounts(3, 1, { exact: true }));
    expect(r.method).toBe("exact");
    expect(mcnemarFromCounts(20, 10).method).toBe("chiSquare");
  });

  it("rejects hits that are not 0/1, length mismatch, empty input and bad counts", () => {
    expect(() => mcnemar([1, 2], [1, 0])).toThrowError(/mcnemar: hitsA\[1\] must be 0 or 1, got 2/);
    expect(() => mcnemar([1, 0], [1, NaN])).toThrowError(/mcnemar: hitsB\[1\] must be 0 or 1, got NaN/);
    expect(() => mcnemar([1], [1, 0])).toThrowError(/hitsA has 1 rows but hitsB has 2/);
    expect(() => mcnemar([], [])).toThrowError(/mcnemar: input is empty/);
    expect(() => mcnemarFromCounts(-1, 2)).toThrowError(/mcnemar: b must be a non-negative integer count, got -1/);
  });
});

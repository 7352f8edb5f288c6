import { describe, expect, it } from "vitest";
import { holm } from "../../../src/lib/stats/holm.js";
import { statsFixture } from "./fixture.js";

const fx = statsFixture("holm.json");

describe("holm", () => {
  for (const c of fx.cases) {
    it(`matches statsmodels multipletests(holm) for [${c.p.join(", ")}]`, () => {
      const got = holm(c.p);
      expect(got.length).toBe(c.adjusted.length);
      got.forEach((v, i) => expect(v).toBeCloseTo(c.adjusted[i], 14));
    });
  }
  it("returns an empty list for no p-values", () => {
    expect(holm([])).toEqual([]);
  });
  it("rejects p-values outside [0, 1]", () => {
    expect(() => holm([0.1, 1.5])).toThrowError(/holm: pValues\[1\] must be a probability in \[0, 1\], got 1.5/);
    expect(() => holm([NaN])).toThrowError(/holm: pValues\[0\] must be a probability in \[0, 1\], got NaN/);
  });
});

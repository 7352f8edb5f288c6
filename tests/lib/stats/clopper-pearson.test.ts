import { describe, expect, it } from "vitest";
import { clopperPearson } from "../../../src/lib/stats/clopper-pearson.js";
import { statsFixture } from "./fixture.js";

interface Case { x: number; n: number; level: number; lower: number; upper: number }
const { cases } = statsFixture<{ cases: Case[] }>("clopper-pearson.json");

describe("clopperPearson", () => {
  it.each(cases.map((c) => [`${c.x}/${c.n} at ${c.level}`, c] as const))("matches SciPy's beta quantiles (%s)", (_, c) => {
    const r = clopperPearson(c.x, c.n, c.level);
    expect(r.share).toBe(c.x / c.n);
    expect(r.lower).toBeCloseTo(c.lower, 10);
    expect(r.upper).toBeCloseTo(c.upper, 10);
  });

  it("names invalid input", () => {
    expect(() => clopperPearson(3, 2)).toThrow(/x must be an integer in \[0, 2\], got 3/);
    expect(() => clopperPearson(0, 0)).toThrow(/n must be a positive integer, got 0/);
    expect(() => clopperPearson(1, 2, 1)).toThrow(/level must be in \(0, 1\), got 1/);
  });
});

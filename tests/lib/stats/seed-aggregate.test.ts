import { describe, expect, it } from "vitest";
import { seedAggregate } from "../../../src/lib/stats/seed-aggregate.js";
import { expectRelClose, statsFixture } from "./fixture.js";

const fx = statsFixture("seed-aggregate.json");

describe("seedAggregate", () => {
  for (const c of fx.cases) {
    it(`matches scipy t.interval for [${c.values.join(", ")}] at ${c.level}`, () => {
      const r = seedAggregate(c.values, c.level);
      expect(r.n).toBe(c.values.length);
      for (const key of ["mean", "sd", "se"] as const) expect(r[key]).toBeCloseTo(c[key], 14);
      for (const key of ["lower", "upper"] as const) expectRelClose(r[key], c[key], key);
    });
  }
  it("gives the mean and no spread for a single seed", () => {
    expect(seedAggregate([0.7])).toEqual({ n: 1, mean: 0.7, sd: null, se: null, lower: null, upper: null, level: 0.95 });
  });
  it("rejects empty input, NaN and a bad level", () => {
    expect(() => seedAggregate([])).toThrowError(/seedAggregate: no values/);
    expect(() => seedAggregate([1, NaN])).toThrowError(/seedAggregate: values\[1\] must be a finite number, got NaN/);
    expect(() => seedAggregate([1, 2], 95)).toThrowError(/level must be in \(0, 1\), got 95/);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectedCalibrationError, type CalibrationStrategy } from "../../../src/lib/metrics/calibration.js";

interface Case {
  name: string;
  strategy: CalibrationStrategy;
  bins: number;
  labels: number[];
  probs: number[];
  meanPredicted: number[];
  observedRate: number[];
  count: number[];
  lower: number[];
  upper: number[];
  ece: number;
}
const fixture = JSON.parse(readFileSync(new URL("../../fixtures/protocol/calibration.json", import.meta.url), "utf8")) as { cases: Case[] };

describe("expectedCalibrationError", () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))("matches scikit-learn calibration_curve: %s", (_, c) => {
    const r = expectedCalibrationError(c.labels, c.probs, { bins: c.bins, strategy: c.strategy });
    expect(r.bins.map((b) => b.count)).toEqual(c.count);
    expect(r.bins.map((b) => b.lower)).toEqual(c.lower);
    expect(r.bins.map((b) => b.upper)).toEqual(c.upper);
    r.bins.forEach((b, i) => {
      expect(b.meanPredicted).toBeCloseTo(c.meanPredicted[i]!, 12);
      expect(b.observedRate).toBeCloseTo(c.observedRate[i]!, 12);
    });
    expect(r.ece).toBeCloseTo(c.ece, 12);
  });

  it("returns the whole reliability diagram of a hand-computed case, right-closed bins", () => {
    // bins of width 0.5: [0, 0.5] holds 0.2 and 0.5, (0.5, 1] holds 0.9
    const r = expectedCalibrationError([0, 1, 1], [0.2, 0.5, 0.9], { bins: 2 });
    expect(r.bins).toEqual([
      { lower: 0, upper: 0.5, count: 2, meanPredicted: 0.35, observedRate: 0.5 },
      { lower: 0.5, upper: 1, count: 1, meanPredicted: 0.9, observedRate: 1 },
    ]);
    expect(r.ece).toBeCloseTo((2 / 3) * 0.15 + (1 / 3) * 0.1, 15);
  });

  it("gives ECE 0 for predictions equal to the observed rate of their bin", () => {
    const r = expectedCalibrationError([0, 1, 0, 1, 1, 1], [0.5, 0.5, 0.5, 0.5, 1, 1]);
    expect(r.ece).toBe(0);
    expect(r.bins.map((b) => b.count)).toEqual([4, 2]);
  });

  it("rejects invalid input with the argument, index and value", () => {
    expect(() => expectedCalibrationError([], [])).toThrowError(/input is empty/);
    expect(() => expectedCalibrationError([0, 1], [0.5])).toThrowError(/labels has 2 rows but probs has 1/);
    expect(() => expectedCalibrationError([0, 2], [0.5, 0.5])).toThrowError(/labels\[1\] must be 0 or 1, got 2/);
    expect(() => expectedCalibrationError([0, 1], [0.5, 1.5])).toThrowError(/probs\[1\] must be a probability in \[0, 1\], got 1.5/);
    expect(() => expectedCalibrationError([0, 1], [0.5, Number.NaN])).toThrowError(/probs\[1\].*got NaN/);
    expect(() => expectedCalibrationError([0], [0.5], { bins: 0 })).toThrowError(/bins must be a positive integer, got 0/);
    expect(() => expectedCalibrationError([0], [0.5], { strategy: "kmeans" as CalibrationStrategy })).toThrowError(/strategy must be "uniform" or "quantile", got "kmeans"/);
  });
});

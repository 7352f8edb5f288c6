import { describe, expect, it } from "vitest";
import { journeyMatrix, monthOf, observedStages } from "../../../src/lib/value/journeys.js";
import { funnelTest, isFunnelStep } from "../../../src/lib/value/funnel-test.js";
import { T0, tinyData } from "./tiny-data.js";
import { createRng } from "../../../src/lib/random/rng.js";
import type { StageSequences } from "../../../src/lib/value/journeys.js";

const MONTH_DAYS = [0, 31, 60, 91, 121, 152, 182]; // first day of Jan..Jul 2024, as day offsets from T0

describe("journeys", () => {
  // customer 0: seen Jan (no purchase), buys Feb, buys Mar, silent Apr-Jun (lapsed in Jun with lapseMonths 3), buys Jul
  // customer 1: buys Jan, nothing after
  const rows = [
    [0, 0, MONTH_DAYS[0]! + 3, 0, 0], [0, 0, MONTH_DAYS[1]! + 3, 1, 5], [0, 0, MONTH_DAYS[2]! + 3, 1, 5], [0, 0, MONTH_DAYS[6]! + 3, 1, 5],
    [1, 0, MONTH_DAYS[0]! + 10, 1, 5],
  ];
  const data = tinyData(rows, { customers: 3 });
  const window = { calibrationEnd: T0 + 100 * 86_400_000, holdoutEnd: T0 + (MONTH_DAYS[6]! + 20) * 86_400_000 };

  it("derives monthly stages with lapses and returns", () => {
    const s = observedStages(data, window, 3);
    const jan = monthOf(T0);
    expect(Array.from(s.firstMonth)).toEqual([jan, jan, -1]);
    // prospect, first, repeat, repeat, repeat, lapsed, returned
    expect(Array.from(s.stages.subarray(s.offsets[0]!, s.offsets[1]!))).toEqual([0, 1, 2, 2, 2, 3, 4]);
    // first, first, first, lapsed (3 months after January), lapsed, lapsed, lapsed
    expect(Array.from(s.stages.subarray(s.offsets[1]!, s.offsets[2]!))).toEqual([1, 1, 1, 3, 3, 3, 3]);
  });

  it("counts transitions", () => {
    const m = journeyMatrix(observedStages(data, window, 3));
    expect(m.customers).toBe(2);
    expect(m.transitions).toBe(12);
    expect(m.counts).toEqual([
      [0, 1, 0, 0, 0],
      [0, 2, 1, 1, 0],
      [0, 0, 2, 1, 0],
      [0, 0, 0, 3, 1],
      [0, 0, 0, 0, 0],
    ]);
    expect(m.probabilities[4]).toBeNull();
  });

  it("allows the funnel's forward steps, staying, and an exit to lapsed, and nothing else", () => {
    expect([isFunnelStep(0, 1), isFunnelStep(0, 2), isFunnelStep(2, 2), isFunnelStep(2, 1), isFunnelStep(2, 3), isFunnelStep(4, 2), isFunnelStep(3, 4), isFunnelStep(3, 3)])
      .toEqual([true, false, true, false, true, true, false, true]);
  });
});

/** Stage sequences of n customers over `months` months from a Markov chain P (row = from), all starting as prospects in month 0. */
function markovSequences(P: number[][], n: number, months: number, seed: number): StageSequences {
  const rng = createRng(seed);
  const stages = new Uint8Array(n * months), offsets = Int32Array.from({ length: n + 1 }, (_, c) => c * months);
  for (let c = 0; c < n; c++) {
    let s = 0;
    for (let m = 0; m < months; m++) {
      stages[c * months + m] = s;
      let u = rng.next(), next = 0;
      while (next < 4 && u >= P[s]![next]!) u -= P[s]![next++]!;
      s = next;
    }
  }
  return { firstMonth: new Int32Array(n).fill(monthOf(T0)), offsets, stages };
}

describe("funnelTest", () => {
  const calibrationEnd = T0 + 200 * 86_400_000; // July 2024: target months Feb..Jun fit, Aug.. held out
  const funnelWorld = [[0.7, 0.3, 0, 0, 0], [0, 0.5, 0.3, 0.2, 0], [0, 0, 0.8, 0.2, 0], [0, 0, 0, 1, 0], [0, 0, 0.8, 0.2, 0]];
  const returningWorld = [[0.7, 0.3, 0, 0, 0], [0, 0.5, 0.3, 0.2, 0], [0, 0, 0.8, 0.2, 0], [0, 0, 0, 0.6, 0.4], [0, 0, 0.5, 0.2, 0.3]];

  it("finds no gain over the funnel when journeys follow it (CI covers 0 or favours the funnel)", () => {
    const t = funnelTest(markovSequences(funnelWorld, 400, 14, 1), calibrationEnd, { seed: 2, resamples: 300 });
    expect(t.forbiddenShare).toBe(0);
    expect(t.logLoss.upper!).toBeGreaterThanOrEqual(0);
    expect(t.leak).toBeLessThanOrEqual(1e-3);
  });

  it("finds the unconstrained model better on held-out months when lapsed customers return", () => {
    const t = funnelTest(markovSequences(returningWorld, 400, 14, 1), calibrationEnd, { seed: 2, resamples: 300 });
    expect(t.forbiddenShare!).toBeGreaterThan(0.05);
    expect(t.logLoss.upper!).toBeLessThan(0);
    expect(t.heldOutTransitions).toBe(400 * 7); // target months Aug 2024..Feb 2025; July (the calibration-end month) is skipped
    expect(t.fitTransitions).toBe(400 * 5);
    expect(t.customers).toBe(400);
  });
});

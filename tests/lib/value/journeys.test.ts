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
    // returned is read as repeat: staying returned is staying repeat (not a move out of the funnel)
    expect([isFunnelStep(4, 4), isFunnelStep(4, 3), isFunnelStep(4, 1), isFunnelStep(4, 0)]).toEqual([true, true, false, false]);
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

  it("claims nothing when journeys follow the funnel: both models are the same matrix, excess exactly 0", () => {
    // an add-one full matrix lost to the funnel here with p ≈ 0 on every seed: probability spent on moves never seen
    for (const seed of [1, 2, 3]) {
      const t = funnelTest(markovSequences(funnelWorld, 400, 14, seed), calibrationEnd, { seed: 2, resamples: 300 });
      expect(t.forbiddenShare).toBe(0);
      expect(t.unconstrained).toEqual(t.funnel);
      expect(t.unconstrainedLeak).toBe(t.leak);
      expect(t.leak).toBeLessThanOrEqual(1e-3);
      expect(t.logLoss.excess).toBe(0);
      expect(t.logLoss.p).toBe(1);
    }
  });

  it("learns the forbidden moves' share per row and keeps the funnel's split of the allowed ones", () => {
    const t = funnelTest(markovSequences(returningWorld, 400, 14, 1), calibrationEnd, { seed: 2, resamples: 300 });
    const noLeak = (P: number[][], eps: number) => P.map((row) => row.map((p) => (p - eps / 5) / (1 - eps)));
    const U = noLeak(t.unconstrained, t.unconstrainedLeak!), F = noLeak(t.funnel, t.leak);
    // lapsed row: lapsed → returned is forbidden and frequent (0.4 in the chain)
    expect(U[3]![4]!).toBeGreaterThan(0.3);
    expect(U[3]![4]!).toBeLessThan(0.5);
    // first row has no forbidden move in this chain: the two models split it the same way
    for (let b = 0; b < 5; b++) expect(U[1]![b]!).toBeCloseTo(F[1]![b]!, 9);
    for (const P of [t.unconstrained, t.funnel]) for (const row of P) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
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

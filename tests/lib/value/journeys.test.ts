import { describe, expect, it } from "vitest";
import { isFunnelStep, journeyMatrix, monthOf, observedStages } from "../../../src/lib/value/journeys.js";
import { T0, tinyData } from "./tiny-data.js";

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

  it("counts transitions and the traffic the funnel does not describe", () => {
    const m = journeyMatrix(observedStages(data, window, 3), { seed: 1, resamples: 20 });
    expect(m.customers).toBe(2);
    expect(m.transitions).toBe(12);
    expect(m.counts).toEqual([
      [0, 1, 0, 0, 0],
      [0, 2, 1, 1, 0],
      [0, 0, 2, 1, 0],
      [0, 0, 0, 3, 1],
      [0, 0, 0, 0, 0],
    ]);
    // non-funnel: 1→3, 2→3, 3→3 (x3), 3→4 = 6 of 12; of the 5 moves, 1→3, 2→3, 3→4 = 3
    expect(m.nonFunnelShare.estimate).toBe(0.5);
    expect(m.nonFunnelShareOfMoves.estimate).toBe(3 / 5);
    expect(m.customersLeavingFunnel.estimate).toBe(1);
    expect(m.probabilities[4]).toBeNull();
  });

  it("calls only forward or staying steps among prospect, first and repeat funnel steps", () => {
    expect([isFunnelStep(0, 1), isFunnelStep(0, 2), isFunnelStep(2, 2), isFunnelStep(2, 1), isFunnelStep(2, 3), isFunnelStep(4, 2)]).toEqual([true, true, true, false, false, false]);
  });
});

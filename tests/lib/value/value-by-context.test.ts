import { describe, expect, it } from "vitest";
import { breadth, breadthCounts, breadthShares } from "../../../src/lib/value/breadth.js";
import { calibrationTally, contextCells } from "../../../src/lib/value/context-cells.js";
import { misattribution, valueByContext } from "../../../src/lib/value/value-by-context.js";
import { T0, DAY, tinyData } from "./tiny-data.js";

// context "companion": 0 alone, 1 friends, 2 unknown
// customer 0: 2 rows alone (bought 10 once), 2 rows with friends (bought 30 twice: 20 + 10)
// customer 1: 1 row alone (no purchase), 1 row with friends (bought 8); customer 2: unknown only
const rows = [
  [0, 0, 0, 1, 10, 0], [0, 0, 1, 0, 0, 0], [0, 0, 2, 1, 20, 1], [0, 0, 3, 1, 10, 1],
  [1, 0, 4, 0, 0, 0], [1, 0, 5, 1, 8, 1],
  [2, 0, 6, 1, 4, 2],
  [0, 0, 40, 1, 99, 0], // after the calibration end: ignored
];
const data = tinyData(rows, { customers: 3, contexts: [{ name: "companion", levels: ["alone", "friends", "unknown"] }] });
const window = { calibrationEnd: T0 + 10 * DAY, holdoutEnd: T0 + 50 * DAY };

describe("value-by-context", () => {
  const [cells] = contextCells(data, window);

  it("tallies rows, purchases and value per customer and level, counting unknown rows apart", () => {
    expect(cells!.rows).toEqual(Float64Array.from([2, 2, 0, 1, 1, 0, 0, 0, 0]));
    expect(cells!.purchases).toEqual(Float64Array.from([1, 2, 0, 0, 1, 0, 0, 0, 0]));
    expect(cells!.value).toEqual(Float64Array.from([10, 30, 0, 0, 8, 0, 0, 0, 0]));
    expect(cells!.unknownRows).toBe(1);
  });

  it("tallies a permuted world with the data's calibration tally as from its own rows", () => {
    const tally = calibrationTally(data, window);
    expect(Array.from(tally.rows)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // customer 0's labels moved among their calibration rows (alone, friends, friends, alone)
    const moved = { ...data, contexts: [{ ...data.contexts[0]!, codes: Int32Array.from([0, 1, 1, 0, 0, 1, 2, 0]) }] };
    const [shared] = contextCells(moved, window, tally);
    expect(shared).toEqual(contextCells(moved, window)[0]);
    expect(shared!.value).toEqual(Float64Array.from([20, 20, 0, 0, 8, 0, 0, 0, 0]));
  });

  it("measures the value a single profile puts in the wrong context", () => {
    // c0: V 40, occasions 2/2 -> profile puts 20/20, actual 10/30: misplaced (10 + 10)/2 = 10
    // c1: V 8, occasions 1/1 -> 4/4, actual 0/8: misplaced 4
    const m = misattribution(cells!);
    expect(m.misplaced).toEqual(Float64Array.from([10, 4, 0]));
    expect(m.total).toEqual(Float64Array.from([40, 8, 0]));
    const v = valueByContext(cells!, m.misplaced, { seed: 1, resamples: 50 });
    expect(v.misattributedShare.estimate).toBeCloseTo(14 / 48, 12);
    expect(v.misattributedShare.excess).toBe(0); // its own null
    expect(v.customersWithValue).toBe(2);
    expect(v.levels).toEqual([
      { level: "alone", customers: 2, rows: 3, purchases: 1, value: 10, valueShare: 10 / 48, occasionShare: 0.5, propensity: 1 / 3, valuePerPurchase: 10 },
      { level: "friends", customers: 2, rows: 3, purchases: 3, value: 38, valueShare: 38 / 48, occasionShare: 0.5, propensity: 1, valuePerPurchase: 38 / 3 },
    ]);
    expect(v.misattributedShare.lower).toBe(0);
    expect(v.misattributedShare.p).toBe(1);
  });

  it("counts the levels each customer lives in and is served in", () => {
    expect(breadthCounts(cells!)).toEqual({ lived: Int32Array.from([2, 2, 0]), served: Int32Array.from([2, 1, 0]) });
    const { lived, served } = breadthCounts(cells!);
    const b = breadth(cells!, breadthShares(lived, served), { seed: 1, resamples: 20 });
    expect(b.customers).toBe(2);
    expect(b.meanBreadth.estimate).toBe(0.75);
    expect(b.multiContextServedInOne.estimate).toBe(0.5);
    expect(b.counts).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]]);
  });
});

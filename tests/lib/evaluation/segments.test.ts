import { describe, expect, it } from "vitest";
import { contextCells } from "../../../src/lib/evaluation/evaluate.js";
import { segmentsOf, tertileScores } from "../../../src/lib/evaluation/segments.js";
import { takeRows, type Interactions } from "../../../src/lib/schema/interactions.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

// Training history: A 1 row, B 5, C 20, D 3; E appears only in test.
const spec: [customer: string, rows: number, purchases: number, lastTime: number, totalValue: number][] = [
  ["A", 1, 1, 100, 10],
  ["B", 5, 2, 50, 0],
  ["C", 20, 10, 100, 30],
  ["D", 3, 0, 10, 5],
];
const customer: string[] = [], outcome: number[] = [], timestamp: number[] = [], value: number[] = [];
for (const [c, rows, purchases, lastTime, totalValue] of spec) {
  for (let r = 0; r < rows; r++) {
    customer.push(c);
    outcome.push(r < purchases ? 1 : 0);
    timestamp.push(lastTime - r);
    value.push(r === 0 ? totalValue : 0);
  }
}
const nTrain = customer.length;
customer.push("A", "C", "E", "D", "B");
for (let i = 0; i < 5; i++) {
  outcome.push(1);
  timestamp.push(200);
  value.push(1);
}
const base = makeInteractions({ customer, item: customer.map(() => "x"), outcome, timestamp });
const all: Interactions = { ...base, value: Float64Array.from(value) };
const trainRows = Int32Array.from({ length: nTrain }, (_, i) => i);
const testRows = Int32Array.from({ length: 5 }, (_, i) => nTrain + i);
const names = (col: { levels: readonly string[]; codes: Int32Array }) => Array.from(col.codes, (c) => col.levels[c]);

describe("segmentsOf", () => {
  it("segments test rows by training history length and RFM tertiles, computed by hand", () => {
    const s = segmentsOf(takeRows(all, trainRows), takeRows(all, testRows));
    // test rows: A, C, E, D, B
    expect(s.history.name).toBe("history");
    expect(s.history.levels).toEqual(["cold (0)", "light (1–4)", "medium (5–19)", "heavy (20+)"]);
    expect(names(s.history)).toEqual(["light (1–4)", "heavy (20+)", "cold (0)", "light (1–4)", "medium (5–19)"]);
    // R (last time): D 10 → 1, B 50 → 2, A and C tied at 100 (mid-rank 3.5) → 3
    // F (purchases): D 0 → 1, A 1 → 2, B 2 → 2, C 10 → 3
    // M (total value): B 0 → 1, D 5 → 2, A 10 → 2, C 30 → 3
    expect(names(s.rfm)).toEqual(["R3-F2-M2", "R3-F3-M3", "no history", "R1-F1-M2", "R2-F2-M1"]);
    expect(s.rfm.levels).toHaveLength(28);
    expect(s.rfm.levels.slice(0, 4)).toEqual(["R1-F1-M1", "R1-F1-M2", "R1-F1-M3", "R1-F2-M1"]);
    expect(s.rfmBasis).toEqual(["recency", "frequency", "monetary"]);
    expect(s.columns).toEqual([s.history, s.rfm]);
    expect(s.note).toBe("history: training interactions per customer; rfm: tertiles of recency, frequency, monetary over the 4 customers with training rows");
  });

  it("drops the monetary component without a value column and recency without timestamps, and says so", () => {
    const noValue = { ...all, value: null };
    const s = segmentsOf(takeRows(noValue, trainRows), takeRows(noValue, testRows));
    expect(s.rfmBasis).toEqual(["recency", "frequency"]);
    expect(names(s.rfm)).toEqual(["R3-F2", "R3-F3", "no history", "R1-F1", "R2-F2"]);
    expect(s.note).toMatch(/\(no value column, so no monetary component: the segment uses recency and frequency only\)$/);
    const bare = { ...all, value: null, timestamp: null };
    const f = segmentsOf(takeRows(bare, trainRows), takeRows(bare, testRows));
    expect(f.rfmBasis).toEqual(["frequency"]);
    expect(f.rfm.levels).toEqual(["F1", "F2", "F3", "no history"]);
    expect(names(f.rfm)).toEqual(["F2", "F3", "no history", "F1", "F2"]);
    expect(f.note).toMatch(/no timestamps, so no recency; no value column, so no monetary component: the segment uses frequency only/);
  });

  it("takes custom history boundaries", () => {
    const s = segmentsOf(takeRows(all, trainRows), takeRows(all, testRows), { historyBounds: [2, 4, 10] });
    expect(s.history.levels).toEqual(["cold (0)", "light (2–3)", "medium (4–9)", "heavy (10+)"]);
    expect(names(s.history)).toEqual(["cold (0)", "heavy (10+)", "cold (0)", "light (2–3)", "medium (4–9)"]);
  });

  it("plugs into the per-context breakdown like a context dimension", () => {
    const test = takeRows(all, testRows);
    const cells = contextCells({ ...test, contexts: segmentsOf(takeRows(all, trainRows), test).columns });
    expect(cells.filter((c) => c.dimension === "history").map((c) => [c.level, [...c.rows]])).toEqual([
      ["cold (0)", [2]],
      ["light (1–4)", [0, 3]],
      ["medium (5–19)", [4]],
      ["heavy (20+)", [1]],
    ]);
  });

  it("counts every rating as a purchase", () => {
    const ratings = makeInteractions({ customer: ["A", "A", "B", "C", "C", "C"], item: ["x", "x", "x", "x", "x", "x"], outcome: [1, 2, 5, 1, 1, 1], outcomeSpec: { type: "rating", min: 1, max: 5 } });
    const s = segmentsOf(ratings, ratings);
    expect(names(s.rfm)).toEqual(["F2", "F2", "F1", "F3", "F3", "F3"]);
  });

  it("rejects bad boundaries and mismatched dictionaries", () => {
    const train = takeRows(all, trainRows);
    expect(() => segmentsOf(train, train, { historyBounds: [5, 5, 20] })).toThrowError(/historyBounds must be three increasing integers ≥ 1, got \[5, 5, 20\]/);
    expect(() => segmentsOf(train, train, { historyBounds: [0, 5, 20] })).toThrowError(/got \[0, 5, 20\]/);
    const other = makeInteractions({ customer: ["Z"], item: ["x"], outcome: [1] });
    expect(() => segmentsOf(train, other)).toThrowError(/train and test must share the customer dictionary.*got 5 vs 1 customers/);
  });
});

describe("tertileScores", () => {
  it("gives tied values the same score and splits distinct values into thirds", () => {
    expect([...tertileScores(Float64Array.from([3, 1, 2, 6, 5, 4]))]).toEqual([2, 1, 1, 3, 3, 2]);
    expect([...tertileScores(Float64Array.from([7, 7, 7]))]).toEqual([2, 2, 2]);
    expect([...tertileScores(Float64Array.from([1]))]).toEqual([2]);
    expect([...tertileScores(new Float64Array(0))]).toEqual([]);
  });
});

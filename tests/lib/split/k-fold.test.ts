import { describe, expect, it } from "vitest";
import { kFoldSplits, type KFoldGrouping } from "../../../src/lib/split/k-fold.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

const n = 103;
const data = makeInteractions({
  customer: Array.from({ length: n }, (_, i) => `c${(i * 7) % 23}`),
  item: Array.from({ length: n }, (_, i) => `i${i % 5}`),
  outcome: Array.from({ length: n }, (_, i) => i % 2),
});
const range = (m: number) => Array.from({ length: m }, (_, i) => i);

describe("kFoldSplits", () => {
  it.each(["row", "customer"] as const)("by %s: every row is test data in exactly one fold, and each split is a partition", (groupBy) => {
    const splits = kFoldSplits(data, { k: 4, seed: 1, groupBy });
    expect(splits).toHaveLength(4);
    const tests = splits.flatMap((s) => [...s.test]).sort((a, b) => a - b);
    expect(tests).toEqual(range(n));
    for (const s of splits) {
      expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(range(n));
      expect([...s.train]).toEqual([...s.train].sort((a, b) => a - b));
      expect(s.kind).toBe("kfold");
    }
  });

  it("deals rows to folds of sizes differing by at most one", () => {
    const sizes = kFoldSplits(data, { k: 5, seed: 2 }).map((s) => s.test.length).sort();
    expect(sizes).toEqual([20, 21, 21, 21, 20].sort());
  });

  it("by customer: no customer is in both the training and the test part of a fold", () => {
    for (const s of kFoldSplits(data, { k: 5, seed: 3, groupBy: "customer" })) {
      const trainCustomers = new Set(Array.from(s.train, (r) => data.customer[r]));
      for (const r of s.test) expect(trainCustomers.has(data.customer[r])).toBe(false);
    }
  });

  it("is reproducible for a seed and differs between seeds", () => {
    const tests = (seed: number, groupBy: KFoldGrouping) => kFoldSplits(data, { seed, groupBy }).map((s) => [...s.test]);
    expect(tests(7, "row")).toEqual(tests(7, "row"));
    expect(tests(7, "row")).not.toEqual(tests(8, "row"));
    expect(tests(7, "customer")).toEqual(tests(7, "customer"));
    expect(tests(7, "customer")).not.toEqual(tests(8, "customer"));
  });

  it("describes the fold", () => {
    expect(kFoldSplits(data, { k: 3, groupBy: "customer" })[1]!.description).toMatch(/^3-fold cross-validation by customer: fold 2 of 3 is test data \(\d+\.\d% of rows\)$/);
  });

  it("rejects bad k and groupBy", () => {
    expect(() => kFoldSplits(data, { k: 1 })).toThrowError(/k must be an integer ≥ 2, got 1/);
    expect(() => kFoldSplits(data, { k: 2.5 })).toThrowError(/k must be an integer ≥ 2, got 2.5/);
    expect(() => kFoldSplits(data, { k: 24, groupBy: "customer" })).toThrowError(/k = 24 exceeds the 23 customers with rows/);
    expect(() => kFoldSplits(data, { k: 104 })).toThrowError(/k = 104 exceeds the 103 rows/);
    expect(() => kFoldSplits(data, { groupBy: "item" as KFoldGrouping })).toThrowError(/groupBy must be "row" or "customer", got "item"/);
  });
});

import { describe, expect, it } from "vitest";
import { distinctCustomers, TestSetMemo } from "../../../src/lib/evaluation/test-set-memo.js";
import { tieGroups } from "../../../src/lib/metrics/grouped-auc.js";

describe("TestSetMemo", () => {
  const customer = Int32Array.from([5, 0, 5, 9, 0, 2, 9, 9]);
  const test = { size: customer.length, customer };

  it("counts distinct customers among rows as a Set does, sparse codes and repeats included", () => {
    for (const rows of [[0, 1, 2, 3, 4, 5, 6, 7], [0, 2], [3, 6, 7], [], [1, 4, 5]]) {
      const r = Int32Array.from(rows);
      expect(distinctCustomers(customer, r)).toBe(new Set(rows.map((i) => customer[i])).size);
    }
  });

  it("computes each (cell, model, metric) value, tie groups and customer count once, and keeps them apart", () => {
    const memo = new TestSetMemo(test);
    const all = memo.allRows();
    expect([...all]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(memo.allRows()).toBe(all);
    const p = Float64Array.from([0.1, 0.4, 0.4, 0.9, 0.2, 0.3, 0.3, 0.5]), q = p.slice();
    let calls = 0;
    const count = (v: number | null) => () => (calls++, v);
    expect(memo.metric(all, p, "auc", count(0.75))).toBe(0.75);
    expect(memo.metric(all, p, "auc", count(0.1))).toBe(0.75);
    expect(memo.metric(all, p, "brier", count(null))).toBeNull();
    expect(memo.metric(all, p, "brier", count(0.2))).toBeNull(); // null is a value too (AUC with one class)
    expect(memo.metric(all, q, "auc", count(0.5))).toBe(0.5); // another model
    expect(memo.metric(Int32Array.from([0, 1]), p, "auc", count(0.25))).toBe(0.25); // another cell
    expect(calls).toBe(4);
    expect(memo.tiesOf(p)).toBe(memo.tiesOf(p));
    expect(memo.tiesOf(p)).toEqual(tieGroups(p));
    const rows = Int32Array.from([0, 2, 3]);
    expect(memo.customers(rows)).toBe(2);
    const columns = [{ name: "d", levels: ["a", "b", "unused"], codes: Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]) }];
    expect(memo.cells(columns)).toBe(memo.cells(columns));
    expect(memo.cells(columns).map((c) => [c.level, [...c.rows]])).toEqual([["a", [0, 2, 4, 6]], ["b", [1, 3, 5, 7]]]);
  });
});

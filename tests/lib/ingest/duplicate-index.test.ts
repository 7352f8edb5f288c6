import { describe, expect, it } from "vitest";
import { DuplicateIndex } from "../../../src/lib/ingest/duplicate-index.js";
import { InteractionsBuilder } from "../../../src/lib/ingest/interactions-builder.js";

describe("DuplicateIndex", () => {
  it("finds the first earlier identical row, comparing every field", () => {
    const b = new InteractionsBuilder({ outcomeSpec: { type: "amount", min: 0, max: Infinity }, timestamp: true, value: true, contexts: ["c"] });
    const idx = new DuplicateIndex(b);
    const ctx = new Int32Array(1);
    const add = (cust: string, item: string, y: number, t: number, v: number, level: string): number => {
      ctx[0] = b.contexts[0]!.encode(level);
      return idx.add(b.appendRow(b.customers.encode(cust), b.items.encode(item), y, t, v, ctx));
    };
    const found = [
      add("a", "x", 1, 0, 9.5, "home"), // 0 new
      add("a", "x", 1, 0, 9.5, "home"), // dup of 0
      add("a", "x", 1, 0, 9.5, "work"), // context differs
      add("a", "x", 2, 0, 9.5, "home"), // outcome differs
      add("a", "x", 1, 1, 9.5, "home"), // time differs
      add("a", "x", 1, 0, 9.0, "home"), // value differs
      add("b", "x", 1, 0, 9.5, "home"), // customer differs
      add("a", "y", 1, 0, 9.5, "home"), // item differs
      add("a", "x", 1, 0, 9.5, "work"), // dup of 2
    ];
    expect(found).toEqual([-1, 0, -1, -1, -1, -1, -1, -1, 2]);
  });

  it.each([0, 30_000, 5_000])("stays correct across rehashing and with a table sized for %i expected rows (many rows, every third a duplicate)", (expectedRows) => {
    const b = new InteractionsBuilder({ outcomeSpec: { type: "rating", min: 0, max: 10 } });
    const idx = new DuplicateIndex(b, expectedRows);
    let dups = 0;
    for (let i = 0; i < 30_000; i++) {
      const key = i % 3 === 2 ? i - 1 : i; // row i (i%3==2) repeats row i-1
      const r = b.appendRow(b.customers.encode(`c${key % 997}`), b.items.encode(`i${Math.floor(key / 997)}`), key % 11);
      const found = idx.add(r);
      if (found >= 0) dups++;
      if (i % 3 === 2) expect(found).toBe(r - 1);
    }
    expect(dups).toBe(10_000);
  });
});

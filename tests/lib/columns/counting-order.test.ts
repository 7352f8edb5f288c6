import { describe, expect, it } from "vitest";
import { countingOrder } from "../../../src/lib/columns/counting-order.js";
import { createRng } from "../../../src/lib/random/rng.js";

describe("countingOrder", () => {
  it("orders a subset of rows by key, keeps row order among equal keys, and says where each key starts", () => {
    const key = Int32Array.from([2, 0, 1, 0, 2, 1, 0]);
    const { order, start } = countingOrder(key, 4, Int32Array.from([6, 4, 3, 1, 0]));
    expect(Array.from(order)).toEqual([6, 3, 1, 4, 0]);
    expect(Array.from(start)).toEqual([0, 3, 3, 5, 5]);
  });

  it("chained from the last key to the first, orders rows as a sort by the key tuple, then row, would", () => {
    const rng = createRng(3), n = 5000;
    const a = Int32Array.from({ length: n }, () => rng.int(7)), b = Int32Array.from({ length: n }, () => rng.int(3));
    const chained = countingOrder(a, 7, countingOrder(b, 3).order).order;
    const sorted = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x]! - a[y]! || b[x]! - b[y]! || x - y);
    expect(Array.from(chained)).toEqual(sorted);
  });
});

import { describe, expect, it } from "vitest";
import { growFloat64, growInt32, growUint8 } from "../../../src/lib/columns/growable-column.js";

describe("GrowableColumn", () => {
  it("keeps every value across growth and returns exactly the appended values", () => {
    const col = growFloat64(2);
    for (let i = 0; i < 1000; i++) col.push(i / 2);
    expect(col.length).toBe(1000);
    const out = col.toArray();
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(Array.from({ length: 1000 }, (_, i) => i / 2));
    expect(col.at(999)).toBe(499.5);
  });

  it("rolls back with pop and keeps the element type", () => {
    const a = growInt32(1);
    for (let i = 0; i < 5; i++) a.push(i * 2);
    a.pop();
    expect(a.toArray()).toEqual(new Int32Array([0, 2, 4, 6]));
    expect(growUint8().toArray()).toEqual(new Uint8Array(0));
  });

  it("returns a copy: later pushes and pops never change an array already returned", () => {
    const a = growInt32(2);
    a.push(1);
    a.push(2);
    const first = a.toArray();
    a.pop();
    a.push(9);
    expect(Array.from(first)).toEqual([1, 2]);
  });

  it("pushAll appends the first n values in one piece across growth; set and truncate change only what they name", () => {
    const a = growInt32(1);
    a.push(7);
    a.pushAll(new Int32Array([1, 2, 3, 4, 5, 99]), 5);
    a.pushAll([6, 8], 2);
    expect(Array.from(a.toArray())).toEqual([7, 1, 2, 3, 4, 5, 6, 8]);
    a.set(2, 40);
    a.truncate(4);
    expect(Array.from(a.toArray())).toEqual([7, 1, 40, 3]);
    a.truncate(9);
    a.push(0);
    expect(Array.from(a.toArray())).toEqual([7, 1, 40, 3, 0]);
  });

  it("take hands over the column's own array when at least 7/8 full, else a copy, with exactly the values appended", () => {
    const full = growFloat64(8);
    for (let i = 0; i < 7; i++) full.push(i / 2);
    const a = full.take(), b = full.take();
    expect(Array.from(a)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
    // the same memory both times: no copy
    expect(a.buffer).toBe(b.buffer);
    expect(a.buffer.byteLength).toBe(64);
    const sparse = growFloat64(8);
    for (let i = 0; i < 6; i++) sparse.push(i);
    const c = sparse.take(), d = sparse.take();
    expect(Array.from(c)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(c.buffer).not.toBe(d.buffer);
    expect(c.buffer.byteLength).toBe(48);
  });
});

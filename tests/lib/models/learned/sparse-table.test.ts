import { describe, expect, it } from "vitest";
import type { SparseTable } from "../../../../src/lib/models/learned/sparse-table.js";
import { applyAdagrad, createTable, reduceAdagrad, touch } from "../../../../src/lib/models/learned/sparse-table.js";

// reduceAdagrad is the phase B of data-parallel training: the sum of the threads' gradients, then
// the row-wise Adagrad step of applyAdagrad, each row by the one thread that owns it.

const init = Float32Array.from({ length: 12 }, (_, i) => (i - 6) / 8);

/** Thread s's replica: shared data and accum of `base`, its own grad, marks and touched list. */
function replica(base: SparseTable): SparseTable {
  return { ...base, grad: new Float32Array(base.grad.length), mark: new Uint8Array(base.rows), touched: new Int32Array(base.rows), touchedCount: 0 };
}

function addGrad(t: SparseTable, row: number, values: readonly number[]): void {
  const o = touch(t, row);
  values.forEach((v, k) => (t.grad[o + k] = t.grad[o + k]! + v));
}

describe("reduceAdagrad", () => {
  it("with one replica is applyAdagrad", () => {
    const a = createTable("v", 4, 3, init), b = createTable("v", 4, 3, init);
    for (const t of [a, b]) {
      addGrad(t, 2, [0.5, -0.25, 1]);
      addGrad(t, 0, [0.125, 0, -2]);
    }
    applyAdagrad([a], 0.1);
    reduceAdagrad([[b]], 0, 1, 0.1, new Float64Array(3));
    expect(b.data).toEqual(a.data);
    expect(b.accum).toEqual(a.accum);
    expect(b.grad.every((g) => g === 0)).toBe(true);
    expect(b.mark.every((m) => m === 0)).toBe(true);
  });

  it("two threads over two replicas give the step of the summed gradient, each row once", () => {
    const single = createTable("v", 4, 3, init);
    addGrad(single, 1, [0.5 + 0.25, -1, 0]);
    addGrad(single, 2, [1, 1, 1]);
    addGrad(single, 3, [0, 0, 0.5]);
    applyAdagrad([single], 0.1);

    const base = createTable("v", 4, 3, init);
    const r0 = replica(base), r1 = replica(base);
    addGrad(r0, 1, [0.5, -1, 0]);
    addGrad(r0, 2, [1, 1, 1]);
    addGrad(r1, 1, [0.25, 0, 0]);
    addGrad(r1, 3, [0, 0, 0.5]);
    const replicas = [[r0], [r1]];
    // thread 1 owns rows 1 and 3, thread 0 rows 0 and 2; the order of the two calls does not matter
    reduceAdagrad(replicas, 1, 2, 0.1, new Float64Array(3));
    reduceAdagrad(replicas, 0, 2, 0.1, new Float64Array(3));
    expect(base.data).toEqual(single.data);
    expect(base.accum).toEqual(single.accum);
    for (const r of [r0, r1]) {
      expect(r.grad.every((g) => g === 0)).toBe(true);
      expect(r.mark.every((m) => m === 0)).toBe(true);
    }
  });

  it("a thread leaves the rows it does not own untouched", () => {
    const base = createTable("v", 4, 3, init);
    const r0 = replica(base), r1 = replica(base);
    addGrad(r1, 1, [1, 1, 1]);
    reduceAdagrad([[r0], [r1]], 0, 2, 0.1, new Float64Array(3));
    expect(base.data).toEqual(init);
    expect(r1.grad[3]).toBe(1);
  });
});

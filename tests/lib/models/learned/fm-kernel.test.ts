import { describe, expect, it } from "vitest";
import { buildKernel, createTables, initialValues, tableSpecs } from "../../../../src/lib/models/learned/architecture.js";
import type { Architecture } from "../../../../src/lib/models/learned/layout.js";
import { encodeRows, layoutOf } from "../../../../src/lib/models/learned/layout.js";
import { makeLink } from "../../../../src/lib/models/learned/link.js";
import { applyAdagrad, clearGradients } from "../../../../src/lib/models/learned/sparse-table.js";
import { createRng } from "../../../../src/lib/random/rng.js";
import { tinyData } from "./tiny-data.js";

// The fm kernel's separate context penalty (finite differences) and its fused step (the same
// numbers as accumulate + applyAdagrad, bit for bit).

function setup(arch: Architecture, rowsCount: number, customers: number, l2: number, contextL2: number) {
  const data = tinyData(rowsCount, 3, undefined, customers, 6);
  const layout = layoutOf(data);
  const rows = encodeRows(arch, layout, data, makeLink(data.outcomeSpec.type, data.outcome));
  const specs = tableSpecs(arch, layout, { dim: 4, personas: 0, customerGate: false });
  const init = initialValues(specs.map((s) => ({ ...s, init: "normal" as const })), createRng(9), 0.4);
  const make = () => {
    const tables = createTables(specs, init);
    return { tables, kernel: buildKernel(arch, layout, tables, rows, l2, "logistic", contextL2) };
  };
  return { make, order: Int32Array.from({ length: rowsCount }, (_, i) => i) };
}

describe("fm kernel", () => {
  for (const arch of ["fm", "camf"] as const) {
    it(`${arch}: with a context penalty 30× l2 the gradient still equals finite differences`, () => {
      const { make, order } = setup(arch, 20, 5, 0.03, 0.9);
      const { tables, kernel } = make();
      kernel.accumulate(order, 0, order.length);
      const grads = tables.map((t) => t.grad.slice());
      clearGradients(tables);
      let worst = 0;
      for (const [k, t] of tables.entries()) {
        for (let o = 0; o < t.data.length; o++) {
          const x = t.data[o]!;
          t.data[o] = x + 1e-2;
          const up = kernel.accumulate(order, 0, order.length);
          const hu = t.data[o]! - x;
          clearGradients(tables);
          t.data[o] = x - 1e-2;
          const down = kernel.accumulate(order, 0, order.length);
          const hd = x - t.data[o]!;
          clearGradients(tables);
          t.data[o] = x;
          worst = Math.max(worst, Math.abs((up - down) / (hu + hd) - grads[k]![o]!) / Math.max(1, Math.abs(grads[k]![o]!)));
        }
      }
      expect(worst).toBeLessThan(2e-3);
    });

    it(`${arch}: the penalty of the context parameters changes the objective only through them`, () => {
      const { make, order } = setup(arch, 20, 5, 0.03, 0.03);
      const { make: makeStrong } = setup(arch, 20, 5, 0.03, 0.9);
      const a = make(), b = makeStrong();
      a.kernel.accumulate(order, 0, 20);
      b.kernel.accumulate(order, 0, 20);
      // customer and item rows (the first 5 + 6 rows of w and v) get the same gradient
      expect(b.tables[1]!.grad.slice(0, 11)).toEqual(a.tables[1]!.grad.slice(0, 11));
      expect(b.tables[2]!.grad.slice(0, 44)).toEqual(a.tables[2]!.grad.slice(0, 44));
      const contextTable = arch === "fm" ? 1 : 3;
      const start = arch === "fm" ? 11 : 0;
      expect(b.tables[contextTable]!.grad.slice(start)).not.toEqual(a.tables[contextTable]!.grad.slice(start));
    });
  }

  for (const arch of ["mf", "fm", "camf"] as const) {
    it(`${arch}: the fused step gives exactly the tables of accumulate + applyAdagrad`, () => {
      // 200 customers over 64-row batches: most customers occur once per batch (fused), some twice
      const { make, order } = setup(arch, 256, 200, 0.03, 0.3);
      const shuffled = order.slice().reverse();
      const fused = make(), plain = make();
      let objF = 0, objP = 0;
      for (let epoch = 0; epoch < 2; epoch++) {
        for (let start = 0; start < 256; start += 64) {
          objF += fused.kernel.step!(shuffled, start, start + 64, 0.1);
          objP += plain.kernel.accumulate(shuffled, start, start + 64);
          applyAdagrad(plain.kernel.tables, 0.1);
        }
      }
      expect(objF).toBe(objP);
      for (const [k, t] of fused.tables.entries()) {
        expect(Array.from(t.data), t.name).toEqual(Array.from(plain.tables[k]!.data));
        expect(Array.from(t.accum), t.name).toEqual(Array.from(plain.tables[k]!.accum));
        expect(t.grad.every((g) => g === 0), t.name).toBe(true);
        expect(t.touchedCount).toBe(0);
      }
      expect(Array.from(fused.tables[2]!.data)).not.toEqual(Array.from(make().tables[2]!.data)); // it trained
    });
  }
});

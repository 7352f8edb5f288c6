import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildKernel, createTables, initialValues, tableSpecs } from "../../../../src/lib/models/learned/architecture.js";
import { objectiveGraph, scoreGraph } from "../../../../src/lib/models/learned/graph.js";
import type { Architecture } from "../../../../src/lib/models/learned/layout.js";
import { encodeRows, factorFields, layoutOf, linearFields } from "../../../../src/lib/models/learned/layout.js";
import { lossKind, makeLink } from "../../../../src/lib/models/learned/link.js";
import { clearGradients } from "../../../../src/lib/models/learned/sparse-table.js";
import { createRng } from "../../../../src/lib/random/rng.js";
import { tinyData } from "./tiny-data.js";

// Gradient checks of every fused kernel (fm-kernel.ts, persona-kernel.ts) against (1) central
// finite differences of the kernel's own objective and (2) TensorFlow.js autodiff of the graph
// the saved model runs (graph.ts), on a tiny batch.

beforeAll(async () => {
  await tf.setBackend("cpu");
});

type Type = "binary" | "rating" | "count";
const CASES: [Architecture, Type][] = [
  ["mf", "binary"], ["fm", "binary"], ["camf", "binary"], ["persona", "binary"], ["fm", "rating"], ["persona", "rating"], ["fm", "count"], ["mf", "count"], ["persona", "count"],
];

const SPECS = { binary: { type: "binary", min: 0, max: 1 }, rating: { type: "rating", min: 1, max: 5 }, count: { type: "count", min: 0, max: Infinity } } as const;

function setup(arch: Architecture, type: Type) {
  const data = tinyData(24, 3, SPECS[type], 5, 4);
  const layout = layoutOf(data);
  const link = makeLink(data.outcomeSpec.type, data.outcome);
  const rows = encodeRows(arch, layout, data, link);
  const specs = tableSpecs(arch, layout, { dim: 3, personas: 2, customerGate: true });
  // non-zero biases too, so that every gradient term is exercised
  const init = initialValues(specs.map((s) => ({ ...s, init: "normal" as const })), createRng(5), 0.4);
  const tables = createTables(specs, init);
  const l2 = 0.03;
  const kernel = buildKernel(arch, layout, tables, rows, l2, lossKind(type));
  const order = Int32Array.from({ length: data.size }, (_, i) => i);
  return { layout, rows, tables, kernel, order, l2 };
}

describe("fused kernels", () => {
  for (const [arch, type] of CASES) {
    it(`${arch} (${type}): batch gradient equals finite differences and TensorFlow.js autodiff`, () => {
      const { layout, rows, tables, kernel, order, l2 } = setup(arch, type);
      const objective = kernel.accumulate(order, 0, order.length);
      const grads = tables.map((t) => t.grad.slice());
      clearGradients(tables);

      // (1) finite differences on every parameter
      const h = 1e-2;
      let worst = 0;
      for (const [k, t] of tables.entries()) {
        for (let o = 0; o < t.data.length; o++) {
          const x = t.data[o]!;
          t.data[o] = x + h;
          const up = kernel.accumulate(order, 0, order.length);
          const hu = t.data[o]! - x;
          clearGradients(tables);
          t.data[o] = x - h;
          const down = kernel.accumulate(order, 0, order.length);
          const hd = x - t.data[o]!;
          clearGradients(tables);
          t.data[o] = x;
          const fd = (up - down) / (hu + hd);
          worst = Math.max(worst, Math.abs(fd - grads[k]![o]!) / Math.max(1, Math.abs(fd)));
        }
      }
      expect(worst).toBeLessThan(2e-3);

      // (2) TensorFlow.js autodiff of the saved graph's objective, same parameters
      const before = tf.memory().numTensors;
      const vars = Object.fromEntries(tables.map((t) => [t.name, tf.tidy(() => tf.variable(tf.tensor2d(t.data, [t.rows, t.width])))]));
      const F = factorFields(arch, layout), L = linearFields(arch, layout);
      const { value, grads: tfGrads } = tf.variableGrads(() =>
        tf.tidy(() => {
          const features = tf.tensor2d(rows.features, [rows.size, F], "int32");
          const linear = L > 0 ? tf.tensor2d(rows.linear, [rows.size, L], "int32") : null;
          const out = scoreGraph(arch === "persona" ? "persona" : arch, vars, features, linear, layout.contexts.length);
          return objectiveGraph(out, tf.tensor1d(rows.target), lossKind(type), l2);
        }),
        Object.values(vars),
      );
      expect(value.dataSync()[0]!).toBeCloseTo(objective, 3);
      for (const [k, t] of tables.entries()) {
        const g = tfGrads[vars[t.name]!.name]!.dataSync();
        const diff = Math.max(...Array.from(g, (x, o) => Math.abs(x - grads[k]![o]!)));
        expect(diff, `table ${t.name}`).toBeLessThan(1e-4);
      }
      value.dispose();
      tf.dispose(tfGrads);
      tf.dispose(Object.values(vars));
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

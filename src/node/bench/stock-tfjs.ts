/**
 * The "before" of the benchmark: the same architecture trained the stock TensorFlow.js way —
 * autodiff of the graph objective (gather's gradient = stock UnsortedSegmentSum, one masked pass
 * per segment) and tf.train.adam updating whole tables densely every step. Only a few batches are
 * run: at full table sizes a step takes seconds.
 */
import * as tf from "@tensorflow/tfjs";
import { createTables, initialValues, tableSpecs } from "../../lib/models/learned/architecture.js";
import type { Shape } from "../../lib/models/learned/architecture.js";
import { objectiveGraph, scoreGraph } from "../../lib/models/learned/graph.js";
import type { Architecture } from "../../lib/models/learned/layout.js";
import { encodeRows, factorFields, layoutOf, linearFields } from "../../lib/models/learned/layout.js";
import { lossKind, makeLink } from "../../lib/models/learned/link.js";
import { createRng } from "../../lib/random/rng.js";
import type { Interactions } from "../../lib/schema/interactions.js";

/**
 * Rows per second of stock tfjs training (Adam, learning rate 0.01) over the first
 * `batches` × `batchSize` rows of `data` (no warm-up: a stock step at benchmark table sizes takes
 * seconds to minutes, far more than compilation).
 * @param now clock in milliseconds
 */
export function stockRowsPerSecond(arch: Architecture, data: Interactions, shape: Shape, batches: number, batchSize: number, now: () => number): number {
  const layout = layoutOf(data);
  const link = makeLink(data.outcomeSpec.type, data.outcome);
  const rows = encodeRows(arch, layout, data, link);
  const specs = tableSpecs(arch, layout, shape);
  const tables = createTables(specs, initialValues(specs, createRng(1), 0.05));
  const vars = Object.fromEntries(tables.map((t) => [t.name, tf.tidy(() => tf.variable(tf.tensor2d(t.data, [t.rows, t.width])))]));
  const optimizer = tf.train.adam(0.01);
  const F = factorFields(arch, layout), L = linearFields(arch, layout);
  const step = (b: number): void => {
    const start = (b * batchSize) % Math.max(1, rows.size - batchSize);
    const n = Math.min(batchSize, rows.size - start);
    tf.tidy(() => {
      const features = tf.tensor2d(rows.features.subarray(start * F, (start + n) * F), [n, F], "int32");
      const linear = L > 0 ? tf.tensor2d(rows.linear.subarray(start * L, (start + n) * L), [n, L], "int32") : null;
      const target = tf.tensor1d(rows.target.subarray(start, start + n));
      optimizer.minimize(() => objectiveGraph(scoreGraph(arch, vars, features, linear, layout.contexts.length), target, lossKind(link.type), 1e-4).div(n) as tf.Scalar);
    });
  };
  const t0 = now();
  for (let b = 0; b < batches; b++) step(b);
  const seconds = (now() - t0) / 1000;
  optimizer.dispose();
  tf.dispose(Object.values(vars));
  return (batches * batchSize) / seconds;
}

/**
 * The practical ceiling: a plain typed-array logistic factorization machine trained by per-row
 * SGD (no TensorFlow.js, no batching, no optimizer state), over the same fields as the `fm`
 * model. The benchmark runs it on the same rows in the same process, so the learned models'
 * throughput can be read as a fraction of what this machine can do for this model class.
 */
import type { Interactions } from "../../lib/schema/interactions.js";
import { createRng } from "../../lib/random/rng.js";

/** Result of one reference epoch. */
export interface ReferenceResult {
  readonly rows: number;
  readonly seconds: number;
  /** Mean training log-loss over the epoch (progressive validation). */
  readonly logLoss: number;
}

/**
 * One SGD epoch of a logistic FM over customer, item and every context dimension.
 * @param dim latent dimension; @param learningRate SGD step; @param l2 per-occurrence L2
 * @param now clock in milliseconds (performance.now), a parameter so timing stays explicit
 */
export function referenceFmEpoch(data: Interactions, dim: number, now: () => number, learningRate = 0.05, l2 = 1e-4, seed = 1): ReferenceResult {
  const C = data.customerIds.length, I = data.itemIds.length;
  const offsets: number[] = [];
  let V = 0;
  for (const c of data.contexts) {
    offsets.push(C + I + V);
    V += c.levels.length;
  }
  const nf = C + I + V;
  const F = 2 + data.contexts.length;
  const rng = createRng(seed);
  const w = new Float32Array(nf);
  const v = new Float32Array(nf * dim);
  for (let i = 0; i < v.length; i++) v[i] = rng.normal() * 0.05;
  let b = 0;
  const x = new Int32Array(F);
  const sum = new Float64Array(dim);
  let loss = 0;
  const start = now();
  for (let r = 0; r < data.size; r++) {
    x[0] = data.customer[r]!;
    x[1] = C + data.item[r]!;
    for (let j = 0; j < data.contexts.length; j++) x[2 + j] = offsets[j]! + data.contexts[j]!.codes[r]!;
    sum.fill(0);
    let s = b, vsq = 0;
    for (let f = 0; f < F; f++) {
      const o = x[f]! * dim;
      s += w[x[f]!]!;
      for (let k = 0; k < dim; k++) {
        const e = v[o + k]!;
        sum[k] = sum[k]! + e;
        vsq += e * e;
      }
    }
    let pair = 0;
    for (let k = 0; k < dim; k++) pair += sum[k]! * sum[k]!;
    s += 0.5 * (pair - vsq);
    const p = 1 / (1 + Math.exp(-s));
    const y = data.outcome[r]!;
    loss -= y > 0 ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15));
    const g = p - y;
    b -= learningRate * g;
    for (let f = 0; f < F; f++) {
      const xf = x[f]!;
      w[xf] = w[xf]! - learningRate * (g + l2 * w[xf]!);
      const o = xf * dim;
      for (let k = 0; k < dim; k++) {
        const e = v[o + k]!;
        v[o + k] = e - learningRate * (g * (sum[k]! - e) + l2 * e);
      }
    }
  }
  const seconds = (now() - start) / 1000;
  return { rows: data.size, seconds, logLoss: loss / Math.max(1, data.size) };
}

import type { EncodedRows, Kernel } from "./kernel.js";
import { lossAndGrad, type LossKind } from "./link.js";
import type { SparseTable } from "./sparse-table.js";
import { adagradRow, applyAdagrad, touch } from "./sparse-table.js";

/**
 * Fused kernel of a factorization machine (Rendle 2010) with optional linear-only features:
 *   s = b + Σ_f w[x_f] + Σ_l u[z_l] + ½ Σ_k ((Σ_f V[x_f,k])² − Σ_f V[x_f,k]²)
 * The pairwise term is computed in O(F·d) per row. With fields (customer, item) it is matrix
 * factorization with biases; with item × context linear features it is CAMF-CI.
 * Tables: bias [1,1], w [numFeatures,1], v [numFeatures,dim], and u [numLinear,1] when present.
 */
export interface FmTables {
  readonly bias: SparseTable;
  readonly w: SparseTable;
  readonly v: SparseTable;
  readonly u: SparseTable | null;
}

/**
 * Per-occurrence L2 penalties: `l2` on the customer and item fields (the first two factor
 * fields), `contextL2` on the context fields (fm: factor fields 3..F; camf: the linear
 * item × context biases). A stronger `contextL2` shrinks the context parameters towards the
 * context-free model.
 */
export interface FmPenalty {
  readonly l2: number;
  readonly contextL2: number;
}

/**
 * @param fields factor features per row (F); rows.features has size × F entries; fields 0 and 1
 *   are customer and item, the rest context values
 * @param linearFields linear-only features per row (L); rows.linear has size × L entries
 * @param penalty per-occurrence L2 penalties ({@link FmPenalty})
 * @param loss logistic, squared or Poisson (link.ts)
 */
export function fmKernel(tables: FmTables, rows: EncodedRows, fields: number, linearFields: number, penalty: FmPenalty, loss: LossKind): Kernel {
  const { bias, w, v, u } = tables;
  const dim = v.width;
  const sum = new Float64Array(dim);
  const gsum = new Float64Array(dim);
  const gv = new Float32Array(dim);
  const g1 = new Float64Array(1);
  const { features, linear, target } = rows;
  const l2f = new Float64Array(fields).fill(penalty.contextL2);
  for (let f = 0; f < Math.min(2, fields); f++) l2f[f] = penalty.l2;
  const l2u = penalty.contextL2;
  /** Occurrences of each factor feature in the current batch (all zeros between batches). */
  const count = new Int32Array(w.rows);

  /** Score of row r; leaves Σ_f V[x_f] in `sum` and Σ l2·‖params of the row‖² in out[0]. */
  const forward = (r: number, out: Float64Array): number => {
    const W = w.data, V = v.data;
    sum.fill(0);
    let s = bias.data[0]!;
    let reg = 0;
    let vsq = 0;
    const fb = r * fields;
    for (let f = 0; f < fields; f++) {
      const x = features[fb + f]!;
      const wx = W[x]!;
      s += wx;
      let esq = 0;
      const o = x * dim;
      for (let k = 0; k < dim; k++) {
        const e = V[o + k]!;
        sum[k] = sum[k]! + e;
        esq += e * e;
      }
      vsq += esq;
      reg += l2f[f]! * (wx * wx + esq);
    }
    if (u) {
      const lb = r * linearFields;
      for (let l = 0; l < linearFields; l++) {
        const uz = u.data[linear[lb + l]!]!;
        s += uz;
        reg += l2u * uz * uz;
      }
    }
    let pair = 0;
    for (let k = 0; k < dim; k++) pair += sum[k]! * sum[k]!;
    out[0] = reg;
    return s + 0.5 * (pair - vsq);
  };

  const fwdOut = new Float64Array(1);

  /**
   * Forward + backward over order[start..end), a slice of the batch order[batchStart..batchEnd).
   * With `learningRate` > 0, a factor feature that occurs once in the batch is updated in place
   * right after its row (its gradient is complete and no other row of the batch reads it): the
   * same arithmetic as accumulating it and running applyAdagrad, without the round trip through
   * `grad` and the touched list. `apply`: finish with applyAdagrad (one thread owns the batch).
   */
  const run = (order: Int32Array, batchStart: number, batchEnd: number, start: number, end: number, learningRate: number, apply: boolean): number => {
    const W = w.data, V = v.data, WG = w.grad, VG = v.grad;
    const fused = learningRate > 0;
    if (fused) {
      for (let p = batchStart; p < batchEnd; p++) {
        const fb = order[p]! * fields;
        for (let f = 0; f < fields; f++) count[features[fb + f]!]!++;
      }
    }
    let objective = 0;
    for (let p = start; p < end; p++) {
      const r = order[p]!;
      const s = forward(r, fwdOut);
      objective += lossAndGrad(loss, s, target[r]!, g1) + 0.5 * fwdOut[0]!;
      const g = g1[0]!;
      touch(bias, 0);
      bias.grad[0] = bias.grad[0]! + g;
      // ∂/∂V[x,k] = g·(S_k − e) + l2·e = g·S_k + (l2 − g)·e: one multiply-add per float
      for (let k = 0; k < dim; k++) gsum[k] = g * sum[k]!;
      const fb = r * fields;
      for (let f = 0; f < fields; f++) {
        const x = features[fb + f]!;
        const l2 = l2f[f]!;
        const c = l2 - g;
        const o = x * dim;
        if (fused && count[x] === 1) {
          W[x] = adagradRow(w, x, Math.fround(g + l2 * W[x]!), learningRate);
          let g2 = 0;
          for (let k = 0; k < dim; k++) {
            gv[k] = gsum[k]! + c * V[o + k]!;
            const gk = gv[k]!;
            g2 += gk * gk;
          }
          const a = v.accum[x]! + g2 / dim;
          v.accum[x] = a;
          const step = learningRate / (Math.sqrt(a) + 1e-7);
          for (let k = 0; k < dim; k++) V[o + k] = V[o + k]! - step * gv[k]!;
          continue;
        }
        touch(w, x);
        WG[x] = WG[x]! + (g + l2 * W[x]!);
        touch(v, x);
        for (let k = 0; k < dim; k++) VG[o + k] = VG[o + k]! + (gsum[k]! + c * V[o + k]!);
      }
      if (u) {
        const lb = r * linearFields;
        for (let l = 0; l < linearFields; l++) {
          const z = linear[lb + l]!;
          touch(u, z);
          u.grad[z] = u.grad[z]! + (g + l2u * u.data[z]!);
        }
      }
    }
    if (fused) {
      for (let p = batchStart; p < batchEnd; p++) {
        const fb = order[p]! * fields;
        for (let f = 0; f < fields; f++) count[features[fb + f]!] = 0;
      }
    }
    if (apply) {
      applyAdagrad(tables.u ? [bias, w, v, tables.u] : [bias, w, v], learningRate);
    }
    return objective;
  };

  return {
    tables: u ? [bias, w, v, u] : [bias, w, v],
    accumulate: (order, start, end) => run(order, start, end, start, end, 0, false),
    step: (order, start, end, learningRate) => run(order, start, end, start, end, learningRate, true),
    shard: (order, batchStart, batchEnd, start, end, learningRate) => run(order, batchStart, batchEnd, start, end, learningRate, false),
    loss(order, start, end) {
      let total = 0;
      for (let p = start; p < end; p++) {
        const r = order[p]!;
        total += lossAndGrad(loss, forward(r, fwdOut), target[r]!, g1);
      }
      return total;
    },
  };
}

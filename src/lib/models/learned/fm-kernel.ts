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
 *
 * The passes are module functions over one state object ({@link FmState}), each reading what it
 * needs into locals first, not closures over the kernel's variables: V8 specializes the code of a
 * closure to the variables it captures only for the first kernel a process builds, so from the
 * second fit on (folds, penalty candidates, the benchmark's single-threaded fit after the parallel
 * one) closure code ran slower: 275–327 against 371–392 k rows/s here (one epoch, 1M rows, d = 32,
 * alternated in one process), the same tables bit for bit.
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

/** What the passes of one kernel share: tables, rows, penalties and scratch buffers. */
interface FmState {
  readonly bias: SparseTable;
  readonly w: SparseTable;
  readonly v: SparseTable;
  readonly u: SparseTable | null;
  readonly dim: number;
  readonly fields: number;
  readonly linearFields: number;
  readonly features: Int32Array;
  readonly linear: Int32Array;
  readonly target: Float32Array;
  readonly loss: LossKind;
  /** Per factor field, its L2 penalty. */
  readonly l2f: Float64Array;
  readonly l2u: number;
  /** Σ_f V[x_f] of the last forward row. */
  readonly sum: Float64Array;
  readonly gsum: Float64Array;
  readonly gv: Float32Array;
  readonly g1: Float64Array;
  /** Σ l2·‖params of the row‖² of the last forward row. */
  readonly reg: Float64Array;
  /** Occurrences of each factor feature in the current batch (all zeros between batches). */
  readonly count: Int32Array;
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
  const l2f = new Float64Array(fields).fill(penalty.contextL2);
  for (let f = 0; f < Math.min(2, fields); f++) l2f[f] = penalty.l2;
  const st: FmState = {
    bias, w, v, u, dim, fields, linearFields,
    features: rows.features, linear: rows.linear, target: rows.target, loss,
    l2f, l2u: penalty.contextL2,
    sum: new Float64Array(dim), gsum: new Float64Array(dim), gv: new Float32Array(dim), g1: new Float64Array(1), reg: new Float64Array(1),
    count: new Int32Array(w.rows),
  };
  return {
    tables: u ? [bias, w, v, u] : [bias, w, v],
    accumulate: (order, start, end) => fmRun(st, order, start, end, start, end, 0, false),
    step: (order, start, end, learningRate) => fmRun(st, order, start, end, start, end, learningRate, true),
    shard: (order, batchStart, batchEnd, start, end, learningRate) => fmRun(st, order, batchStart, batchEnd, start, end, learningRate, false),
    loss: (order, start, end) => fmLoss(st, order, start, end),
  };
}

/** Score of row r; leaves Σ_f V[x_f] in st.sum and Σ l2·‖params of the row‖² in st.reg[0]. */
function fmForward(st: FmState, r: number): number {
  const W = st.w.data, V = st.v.data, sum = st.sum, features = st.features, l2f = st.l2f;
  const dim = st.dim, fields = st.fields;
  sum.fill(0);
  let s = st.bias.data[0]!;
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
  const u = st.u;
  if (u) {
    const U = u.data, linear = st.linear, linearFields = st.linearFields, l2u = st.l2u;
    const lb = r * linearFields;
    for (let l = 0; l < linearFields; l++) {
      const uz = U[linear[lb + l]!]!;
      s += uz;
      reg += l2u * uz * uz;
    }
  }
  let pair = 0;
  for (let k = 0; k < dim; k++) pair += sum[k]! * sum[k]!;
  st.reg[0] = reg;
  return s + 0.5 * (pair - vsq);
}

/**
 * Forward + backward over order[start..end), a slice of the batch order[batchStart..batchEnd).
 * With `learningRate` > 0, a factor feature that occurs once in the batch is updated in place
 * right after its row (its gradient is complete and no other row of the batch reads it): the
 * same arithmetic as accumulating it and running applyAdagrad, without the round trip through
 * `grad` and the touched list. `apply`: finish with applyAdagrad (one thread owns the batch).
 */
function fmRun(st: FmState, order: Int32Array, batchStart: number, batchEnd: number, start: number, end: number, learningRate: number, apply: boolean): number {
  const { bias, w, v, u, features, target, l2f, sum, gsum, gv, g1, reg, count, loss } = st;
  const dim = st.dim, fields = st.fields;
  const W = w.data, V = v.data, WG = w.grad, VG = v.grad, VA = v.accum;
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
    const s = fmForward(st, r);
    objective += lossAndGrad(loss, s, target[r]!, g1) + 0.5 * reg[0]!;
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
        const a = VA[x]! + g2 / dim;
        VA[x] = a;
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
      const U = u.data, UG = u.grad, linear = st.linear, linearFields = st.linearFields, l2u = st.l2u;
      const lb = r * linearFields;
      for (let l = 0; l < linearFields; l++) {
        const z = linear[lb + l]!;
        touch(u, z);
        UG[z] = UG[z]! + (g + l2u * U[z]!);
      }
    }
  }
  if (fused) {
    for (let p = batchStart; p < batchEnd; p++) {
      const fb = order[p]! * fields;
      for (let f = 0; f < fields; f++) count[features[fb + f]!] = 0;
    }
  }
  if (apply) applyAdagrad(u ? [bias, w, v, u] : [bias, w, v], learningRate);
  return objective;
}

/** Σ loss(row) over rows order[start..end), without regularization; no gradients. */
function fmLoss(st: FmState, order: Int32Array, start: number, end: number): number {
  const { target, loss, g1 } = st;
  let total = 0;
  for (let p = start; p < end; p++) {
    const r = order[p]!;
    total += lossAndGrad(loss, fmForward(st, r), target[r]!, g1);
  }
  return total;
}

import type { EncodedRows, Kernel } from "./kernel.js";
import { lossAndGrad } from "./link.js";
import type { SparseTable } from "./sparse-table.js";
import { touch } from "./sparse-table.js";

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
 * @param fields factor features per row (F); rows.features has size × F entries
 * @param linearFields linear-only features per row (L); rows.linear has size × L entries
 * @param l2 per-occurrence L2 penalty
 * @param binary logistic loss when true, squared loss otherwise
 */
export function fmKernel(tables: FmTables, rows: EncodedRows, fields: number, linearFields: number, l2: number, binary: boolean): Kernel {
  const { bias, w, v, u } = tables;
  const dim = v.width;
  const sum = new Float64Array(dim);
  const gsum = new Float64Array(dim);
  const g1 = new Float64Array(1);
  const { features, linear, target } = rows;

  /** Score of row r; leaves Σ_f V[x_f] in `sum` and Σ‖params of the row‖² in out[0]. */
  const forward = (r: number, out: Float64Array): number => {
    const W = w.data, V = v.data;
    sum.fill(0);
    let s = bias.data[0]!;
    let wsq = 0;
    let vsq = 0;
    const fb = r * fields;
    for (let f = 0; f < fields; f++) {
      const x = features[fb + f]!;
      const wx = W[x]!;
      s += wx;
      wsq += wx * wx;
      const o = x * dim;
      for (let k = 0; k < dim; k++) {
        const e = V[o + k]!;
        sum[k] = sum[k]! + e;
        vsq += e * e;
      }
    }
    if (u) {
      const lb = r * linearFields;
      for (let l = 0; l < linearFields; l++) {
        const uz = u.data[linear[lb + l]!]!;
        s += uz;
        wsq += uz * uz;
      }
    }
    let pair = 0;
    for (let k = 0; k < dim; k++) pair += sum[k]! * sum[k]!;
    out[0] = wsq + vsq;
    return s + 0.5 * (pair - vsq);
  };

  const fwdOut = new Float64Array(1);

  return {
    tables: u ? [bias, w, v, u] : [bias, w, v],
    accumulate(order, start, end) {
      const W = w.data, V = v.data, WG = w.grad, VG = v.grad;
      let objective = 0;
      for (let p = start; p < end; p++) {
        const r = order[p]!;
        const s = forward(r, fwdOut);
        objective += lossAndGrad(binary, s, target[r]!, g1) + 0.5 * l2 * fwdOut[0]!;
        const g = g1[0]!;
        touch(bias, 0);
        bias.grad[0] = bias.grad[0]! + g;
        // ∂/∂V[x,k] = g·(S_k − e) + l2·e = g·S_k + (l2 − g)·e: one multiply-add per float
        for (let k = 0; k < dim; k++) gsum[k] = g * sum[k]!;
        const c = l2 - g;
        const fb = r * fields;
        for (let f = 0; f < fields; f++) {
          const x = features[fb + f]!;
          touch(w, x);
          WG[x] = WG[x]! + (g + l2 * W[x]!);
          const o = touch(v, x);
          for (let k = 0; k < dim; k++) VG[o + k] = VG[o + k]! + (gsum[k]! + c * V[o + k]!);
        }
        if (u) {
          const lb = r * linearFields;
          for (let l = 0; l < linearFields; l++) {
            const z = linear[lb + l]!;
            touch(u, z);
            u.grad[z] = u.grad[z]! + (g + l2 * u.data[z]!);
          }
        }
      }
      return objective;
    },
    loss(order, start, end) {
      let total = 0;
      for (let p = start; p < end; p++) {
        const r = order[p]!;
        total += lossAndGrad(binary, forward(r, fwdOut), target[r]!, g1);
      }
      return total;
    },
  };
}

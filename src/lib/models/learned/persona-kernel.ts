import type { EncodedRows, Kernel } from "./kernel.js";
import { lossAndGrad, type LossKind } from "./link.js";
import type { SparseTable } from "./sparse-table.js";
import { touch } from "./sparse-table.js";

/**
 * Fused kernel of the multi-persona model. Customer u has K persona vectors P[u,k]; the context
 * of the row selects a mixture of them through a softmax gate:
 *   a_k = Σ_j G[c_j,k] (+ H[u,k])          gate logits from context embeddings (+ customer term)
 *   α   = softmax(a)                        m = Σ_k α_k P[u,k]
 *   s   = b + bu[u] + bi[i] + Σ_j bc[c_j] + ⟨m, Q[i]⟩
 * Backward: with g = ∂loss/∂s and s_k = ⟨P[u,k], Q[i]⟩,
 *   ∂Q[i] = g·m,  ∂P[u,k] = g·α_k·Q[i],  ∂a_k = g·α_k·(s_k − Σ_l α_l s_l).
 * Rows are encoded as [u, i, c_1 .. c_J] with c_j already offset into the shared context tables.
 */
export interface PersonaTables {
  readonly bias: SparseTable;
  readonly bu: SparseTable;
  readonly bi: SparseTable;
  readonly bc: SparseTable;
  /** [customers, K·dim] */
  readonly p: SparseTable;
  /** [items, dim] */
  readonly q: SparseTable;
  /** [context values, K] */
  readonly g: SparseTable;
  /** [customers, K], or null without a customer-specific gate. */
  readonly h: SparseTable | null;
}

/**
 * @param contextFields J, context dimensions per row (rows.features has size × (2 + J) entries)
 * @param l2 per-occurrence L2 penalty; @param loss logistic, squared or Poisson (link.ts)
 */
export function personaKernel(t: PersonaTables, rows: EncodedRows, contextFields: number, l2: number, loss: LossKind): Kernel {
  const K = t.g.width;
  const dim = t.q.width;
  const st: PersonaState = {
    t, K, dim, contextFields, stride: 2 + contextFields, l2, loss, features: rows.features, target: rows.target,
    alpha: new Float64Array(K), sk: new Float64Array(K), m: new Float64Array(dim), g1: new Float64Array(1), reg: new Float64Array(1),
  };
  return {
    tables: [t.bias, t.bu, t.bi, t.bc, t.p, t.q, t.g, ...(t.h ? [t.h] : [])],
    accumulate: (order, start, end) => personaAccumulate(st, order, start, end),
    loss: (order, start, end) => personaLoss(st, order, start, end),
  };
}

/** What the passes of one kernel share (module functions over it, not closures: see fm-kernel.ts). */
interface PersonaState {
  readonly t: PersonaTables;
  readonly K: number;
  readonly dim: number;
  readonly contextFields: number;
  /** Features per row: 2 + contextFields. */
  readonly stride: number;
  readonly l2: number;
  readonly loss: LossKind;
  readonly features: Int32Array;
  readonly target: Float32Array;
  readonly alpha: Float64Array;
  readonly sk: Float64Array;
  readonly m: Float64Array;
  readonly g1: Float64Array;
  /** Σ‖params of the row‖² of the last forward row. */
  readonly reg: Float64Array;
}

/** Score of row r; fills alpha, sk, m; reg[0] = Σ‖params of the row‖². */
function personaForward(st: PersonaState, r: number): number {
  const { t, K, dim, contextFields, features, alpha, sk, m } = st;
  const fb = r * st.stride;
  const u = features[fb]!, i = features[fb + 1]!;
  const P = t.p.data, Q = t.q.data, G = t.g.data;
  let s = t.bias.data[0]! + t.bu.data[u]! + t.bi.data[i]!;
  let sq = t.bu.data[u]! ** 2 + t.bi.data[i]! ** 2;
  for (let k = 0; k < K; k++) alpha[k] = 0;
  for (let j = 0; j < contextFields; j++) {
    const c = features[fb + 2 + j]!;
    const b = t.bc.data[c]!;
    s += b;
    sq += b * b;
    for (let k = 0; k < K; k++) {
      const e = G[c * K + k]!;
      alpha[k] = alpha[k]! + e;
      sq += e * e;
    }
  }
  if (t.h) {
    const H = t.h.data;
    for (let k = 0; k < K; k++) {
      const e = H[u * K + k]!;
      alpha[k] = alpha[k]! + e;
      sq += e * e;
    }
  }
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (alpha[k]! > max) max = alpha[k]!;
  let z = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(alpha[k]! - max);
    alpha[k] = e;
    z += e;
  }
  m.fill(0);
  const qo = i * dim;
  for (let d = 0; d < dim; d++) sq += Q[qo + d]! * Q[qo + d]!;
  let inter = 0;
  for (let k = 0; k < K; k++) {
    const a = alpha[k]! / z;
    alpha[k] = a;
    const po = (u * K + k) * dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) {
      const e = P[po + d]!;
      m[d] = m[d]! + (a * e);
      dot += e * Q[qo + d]!;
      sq += e * e;
    }
    sk[k] = dot;
    inter += a * dot;
  }
  st.reg[0] = sq;
  return s + inter;
}

function personaAccumulate(st: PersonaState, order: Int32Array, start: number, end: number): number {
  const { t, K, dim, contextFields, l2, loss, features, target, alpha, sk, m, g1, reg } = st;
  const stride = st.stride;
  let objective = 0;
  const P = t.p.data, Q = t.q.data, G = t.g.data, PG = t.p.grad, QG = t.q.grad, GG = t.g.grad;
  for (let p = start; p < end; p++) {
    const r = order[p]!;
    const s = personaForward(st, r);
    objective += lossAndGrad(loss, s, target[r]!, g1) + 0.5 * l2 * reg[0]!;
    const g = g1[0]!;
    const fb = r * stride;
    const u = features[fb]!, i = features[fb + 1]!;
    touch(t.bias, 0);
    t.bias.grad[0] = t.bias.grad[0]! + g;
    touch(t.bu, u);
    t.bu.grad[u] = t.bu.grad[u]! + (g + l2 * t.bu.data[u]!);
    touch(t.bi, i);
    t.bi.grad[i] = t.bi.grad[i]! + (g + l2 * t.bi.data[i]!);
    let inter = 0;
    for (let k = 0; k < K; k++) inter += alpha[k]! * sk[k]!;
    // reuse sk as ∂a_k
    for (let k = 0; k < K; k++) sk[k] = g * alpha[k]! * (sk[k]! - inter);
    const qo = touch(t.q, i);
    touch(t.p, u);
    for (let d = 0; d < dim; d++) QG[qo + d] = QG[qo + d]! + (g * m[d]! + l2 * Q[qo + d]!);
    for (let k = 0; k < K; k++) {
      const ga = g * alpha[k]!;
      const po = (u * K + k) * dim;
      for (let d = 0; d < dim; d++) PG[po + d] = PG[po + d]! + (ga * Q[qo + d]! + l2 * P[po + d]!);
    }
    for (let j = 0; j < contextFields; j++) {
      const c = features[fb + 2 + j]!;
      touch(t.bc, c);
      t.bc.grad[c] = t.bc.grad[c]! + (g + l2 * t.bc.data[c]!);
      touch(t.g, c);
      for (let k = 0; k < K; k++) GG[c * K + k] = GG[c * K + k]! + (sk[k]! + l2 * G[c * K + k]!);
    }
    if (t.h) {
      const H = t.h.data, HG = t.h.grad;
      touch(t.h, u);
      for (let k = 0; k < K; k++) HG[u * K + k] = HG[u * K + k]! + (sk[k]! + l2 * H[u * K + k]!);
    }
  }
  return objective;
}

function personaLoss(st: PersonaState, order: Int32Array, start: number, end: number): number {
  const { loss, target, g1 } = st;
  let total = 0;
  for (let p = start; p < end; p++) {
    const r = order[p]!;
    total += lossAndGrad(loss, personaForward(st, r), target[r]!, g1);
  }
  return total;
}

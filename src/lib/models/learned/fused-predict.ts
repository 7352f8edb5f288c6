import type { Architecture } from "./layout.js";
import type { EncodedRows } from "./kernel.js";

/**
 * Raw scores of encoded rows in one typed-array pass, bit-identical to {@link scoreGraph} on the
 * TensorFlow.js CPU backend. That backend stores every op's result in a Float32Array and its
 * reductions (Sum) accumulate in a JavaScript double from 0 in index order; this function rounds
 * (Math.fround) at exactly the same op boundaries, in the same order:
 *
 *   fm/mf/camf  ws = Σ_f w        S_k = Σ_f V[x_f,k]   A = Σ_k S_k²   B = Σ_f Σ_k V²
 *               s = ((ws + (A − B)·½) + b) + Σ_l u
 *   persona     s = ((bu + bi) + b) + Σ_j bc;  logits_k = Σ_j G[c_j,k] + H[u,k]
 *               α = softmax(logits) (max, sub, exp, sum, div);  m_d = Σ_k α_k·P[u,k,d]
 *               s += Σ_d m_d·Q[i,d]
 *
 * Other backends (tfjs-node, WebGL) may differ from it in the last bits; the saved model is the
 * same TensorFlow.js model either way (graph.ts is its definition).
 * @param weights each table's float32 values by name, row-major [rows, width] (tableSpecs order)
 * @param rows encoded as layout.ts does for `arch`
 * @param contextFields J, context dimensions (persona only)
 * @returns float32 raw scores, one per row
 * @throws Error when a table the architecture needs is missing
 */
export function fusedScores(arch: Architecture, weights: Readonly<Record<string, Float32Array>>, rows: EncodedRows, contextFields: number): Float32Array {
  const get = (name: string): Float32Array => {
    const t = weights[name];
    if (!t) throw new Error(`learned model: weight "${name}" is missing`);
    return t;
  };
  return arch === "persona"
    ? personaScores(get, weights["h"] ?? null, rows, contextFields)
    : fmScores(get("bias")[0]!, get("w"), get("v"), arch === "camf" ? get("u") : null, rows);
}

function fmScores(bias: number, W: Float32Array, V: Float32Array, U: Float32Array | null, rows: EncodedRows): Float32Array {
  const n = rows.size;
  const F = n > 0 ? rows.features.length / n : 0;
  const L = n > 0 && U ? rows.linear.length / n : 0;
  const dim = W.length > 0 ? V.length / W.length : 0;
  const { features, linear } = rows;
  const out = new Float32Array(n);
  const fr = Math.fround;
  for (let r = 0; r < n; r++) {
    const fb = r * F;
    let ws = 0;
    for (let f = 0; f < F; f++) ws += W[features[fb + f]!]!;
    let a = 0;
    for (let k = 0; k < dim; k++) {
      let s = 0;
      for (let f = 0; f < F; f++) s += V[features[fb + f]! * dim + k]!;
      const sk = fr(s);
      a += fr(sk * sk);
    }
    let b = 0;
    for (let f = 0; f < F; f++) {
      const o = features[fb + f]! * dim;
      for (let k = 0; k < dim; k++) {
        const e = V[o + k]!;
        b += fr(e * e);
      }
    }
    const pair = fr(fr(fr(a) - fr(b)) * 0.5);
    let s = fr(fr(fr(ws) + pair) + bias);
    if (U && L > 0) {
      const lb = r * L;
      let us = 0;
      for (let l = 0; l < L; l++) us += U[linear[lb + l]!]!;
      s = fr(s + fr(us));
    }
    out[r] = s;
  }
  return out;
}

function personaScores(get: (name: string) => Float32Array, H: Float32Array | null, rows: EncodedRows, J: number): Float32Array {
  const bias = get("bias")[0]!, BU = get("bu"), BI = get("bi"), BC = get("bc"), P = get("p"), Q = get("q"), G = get("g");
  const dim = BI.length > 0 ? Q.length / BI.length : 0;
  const K = BU.length > 0 && dim > 0 ? P.length / BU.length / dim : 0;
  const n = rows.size, stride = 2 + J;
  const { features } = rows;
  const out = new Float32Array(n);
  const logits = new Float64Array(K), alpha = new Float64Array(K);
  const fr = Math.fround;
  for (let r = 0; r < n; r++) {
    const fb = r * stride;
    const u = features[fb]!, i = features[fb + 1]!;
    let s = fr(fr(BU[u]! + BI[i]!) + bias);
    logits.fill(0);
    if (J > 0) {
      for (let k = 0; k < K; k++) {
        let g = 0;
        for (let j = 0; j < J; j++) g += G[features[fb + 2 + j]! * K + k]!;
        logits[k] = fr(g);
      }
      let bc = 0;
      for (let j = 0; j < J; j++) bc += BC[features[fb + 2 + j]!]!;
      s = fr(s + fr(bc));
    }
    if (H) for (let k = 0; k < K; k++) logits[k] = fr(logits[k]! + H[u * K + k]!);
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (logits[k]! > max) max = logits[k]!;
    let z = 0;
    for (let k = 0; k < K; k++) {
      const e = fr(Math.exp(fr(logits[k]! - max)));
      alpha[k] = e;
      z += e;
    }
    const zf = fr(z);
    for (let k = 0; k < K; k++) alpha[k] = fr(alpha[k]! / zf);
    const po = u * K * dim, qo = i * dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) {
      let m = 0;
      for (let k = 0; k < K; k++) m += fr(alpha[k]! * P[po + k * dim + d]!);
      dot += fr(fr(m) * Q[qo + d]!);
    }
    out[r] = fr(s + fr(dot));
  }
  return out;
}

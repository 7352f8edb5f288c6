import * as tf from "../tf.js";
import type { Architecture } from "./layout.js";
import type { LossKind } from "./link.js";

/**
 * The TensorFlow.js graph of each architecture: the model as saved and as the browser runs it.
 * The fused kernels (fm-kernel.ts, persona-kernel.ts) compute exactly this score and the gradient
 * of {@link objectiveGraph}; tests check both against each other and against finite differences.
 */
export interface GraphOutput {
  /** Raw scores, shape [n]. */
  readonly score: tf.Tensor1D;
  /** Every parameter slice the rows gathered (per occurrence), for the L2 term. */
  readonly gathered: readonly tf.Tensor[];
}

/**
 * Raw scores of encoded rows. Call inside tf.tidy.
 * @param vars the model's variables by table name
 * @param features [n, fields] int32 table indices (layout.ts)
 * @param linear [n, linearFields] int32 (CAMF), else null
 * @param contextFields J, context dimensions (persona only)
 */
export function scoreGraph(
  arch: Architecture,
  vars: Readonly<Record<string, tf.Tensor>>,
  features: tf.Tensor2D,
  linear: tf.Tensor2D | null,
  contextFields: number,
): GraphOutput {
  const n = features.shape[0];
  const bias = v(vars, "bias").reshape([]);
  if (arch !== "persona") {
    const w = tf.gather(v(vars, "w"), features); // [n, F, 1]
    const e = tf.gather(v(vars, "v"), features); // [n, F, d]
    const pair = e.sum(1).square().sum(1).sub(e.square().sum([1, 2])).mul(0.5);
    let score = w.sum([1, 2]).add(pair).add(bias);
    const gathered: tf.Tensor[] = [w, e];
    if (linear && linear.shape[1] > 0) {
      const u = tf.gather(v(vars, "u"), linear); // [n, L, 1]
      score = score.add(u.sum([1, 2]));
      gathered.push(u);
    }
    return { score: score as tf.Tensor1D, gathered };
  }
  const u = features.slice([0, 0], [n, 1]).reshape([n]);
  const i = features.slice([0, 1], [n, 1]).reshape([n]);
  const q = tf.gather(v(vars, "q"), i); // [n, d]
  const dim = q.shape[1]!;
  const p = tf.gather(v(vars, "p"), u); // [n, K·d]
  const K = p.shape[1]! / dim;
  const bu = tf.gather(v(vars, "bu"), u);
  const bi = tf.gather(v(vars, "bi"), i);
  const gathered: tf.Tensor[] = [bu, bi, p, q];
  let logits: tf.Tensor = tf.zeros([n, K]);
  let score = bu.reshape([n]).add(bi.reshape([n])).add(bias);
  if (contextFields > 0) {
    const c = features.slice([0, 2], [n, contextFields]);
    const g = tf.gather(v(vars, "g"), c); // [n, J, K]
    const bc = tf.gather(v(vars, "bc"), c); // [n, J, 1]
    logits = logits.add(g.sum(1));
    score = score.add(bc.sum([1, 2]));
    gathered.push(g, bc);
  }
  if (vars["h"]) {
    const h = tf.gather(vars["h"], u); // [n, K]
    logits = logits.add(h);
    gathered.push(h);
  }
  const alpha = tf.softmax(logits); // [n, K]
  const mix = alpha.expandDims(2).mul(p.reshape([n, K, dim])).sum(1); // [n, d]
  score = score.add(mix.mul(q).sum(1));
  return { score: score as tf.Tensor1D, gathered };
}

/**
 * The training objective the kernels differentiate: Σ_rows loss + ½·l2·Σ gathered params².
 * @param target [n] float32 targets (link.ts)
 */
export function objectiveGraph(out: GraphOutput, target: tf.Tensor1D, loss: LossKind, l2: number): tf.Scalar {
  const s = out.score;
  const data = loss === "logistic" ? tf.softplus(s).sub(target.mul(s)).sum()
    : loss === "poisson" ? tf.exp(tf.minimum(s, 30)).sub(target.mul(s)).sum()
    : s.sub(target).square().sum().mul(0.5);
  let reg: tf.Tensor = tf.scalar(0);
  for (const t of out.gathered) reg = reg.add(t.square().sum());
  return data.add(reg.mul(0.5 * l2)) as tf.Scalar;
}

function v(vars: Readonly<Record<string, tf.Tensor>>, name: string): tf.Tensor {
  const t = vars[name];
  if (!t) throw new Error(`learned model: weight "${name}" is missing`);
  return t;
}

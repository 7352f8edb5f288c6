/**
 * The profile fit's sweeps over rows that treat each row on its own (additive-effects.ts): the IRLS
 * linearization, moving rows by a step of the intercept or of one grouping's effects, and rebuilding
 * every row's linear predictor after an extrapolated iterate. A row's numbers depend on that row
 * only, so any split of the rows into ranges (helper threads: parallel-blocks.ts) gives the same
 * numbers bit for bit. The sums over rows (scores, weights, RSS) stay with the caller, in row order.
 *
 * Row i's numbers sit at vec[i · stride ..]: the working residual, then for the logit link η and the
 * IRLS weight (see additive-effects.ts, State.vec).
 */

import type { BlockTarget } from "./block-update.js";

const EPS = 1e-12;

/** The arrays the sweeps read and write (on shared memory when threads share the rows): a block update's, and these. */
export interface RowTarget extends BlockTarget {
  /** The outcome of each row (in the fit's row order). */
  readonly y: Float64Array;
  /** Every grouping's key of each row. */
  readonly keys: readonly Int32Array[];
}

/** Logit link, rows [from, to): p = σ(η), weight max(p(1 − p), ε) rounded to float32, working residual (y − p)/weight. */
export function linearizeRows(t: RowTarget, from: number, to: number): void {
  const { vec, y } = t;
  for (let i = from; i < to; i++) {
    const p = sigmoid(vec[i * 3 + 1]!);
    const w = Math.max(p * (1 - p), EPS);
    vec[i * 3 + 2] = Math.fround(w);
    vec[i * 3] = (y[i]! - p) / w;
  }
}

/** Rows [from, to) moved by a step of grouping g (step[key]), or of the intercept (g < 0: `delta`): residual −= step, η += step (logit). */
export function shiftRows(t: RowTarget, g: number, step: Float64Array, delta: number, from: number, to: number): void {
  const { vec, stride: S, logit } = t;
  if (g < 0) {
    if (logit) {
      for (let i = from; i < to; i++) {
        vec[i * S]! -= delta;
        vec[i * S + 1]! += delta;
      }
    } else for (let i = from; i < to; i++) vec[i * S]! -= delta;
    return;
  }
  const k = t.keys[g]!;
  if (logit) {
    for (let i = from; i < to; i++) {
      const d = step[k[i]!]!;
      vec[i * S]! -= d;
      vec[i * S + 1]! += d;
    }
  } else for (let i = from; i < to; i++) vec[i * S]! -= step[k[i]!]!;
}

/** Rows [from, to) rebuilt from the intercept and every grouping's effects: η (logit) or the residual y − η (identity), effects added in grouping order. */
export function recomputeRows(t: RowTarget, intercept: number, from: number, to: number): void {
  const { vec, stride: S, logit, y, keys, effects } = t;
  const col = logit ? 1 : 0, sign = logit ? 1 : -1;
  // a chunk of rows at a time, one grouping at a time: tight loops over one key column each
  const v = new Float64Array(Math.min(RECOMPUTE_CHUNK, Math.max(0, to - from)));
  for (let start = from; start < to; start += RECOMPUTE_CHUNK) {
    const end = Math.min(to, start + RECOMPUTE_CHUNK), m = end - start;
    if (logit) v.fill(intercept, 0, m);
    else for (let j = 0; j < m; j++) v[j] = y[start + j]! - intercept;
    for (let g = 0; g < keys.length; g++) {
      const k = keys[g]!, beta = effects[g]!;
      for (let j = 0; j < m; j++) v[j]! += sign * beta[k[start + j]!]!;
    }
    for (let j = 0; j < m; j++) vec[(start + j) * S + col] = v[j]!;
  }
}

/** Rows recomputeRows rebuilds at a time (its scratch stays in the fastest cache). */
const RECOMPUTE_CHUNK = 2048;

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

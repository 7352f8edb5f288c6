/**
 * Benchmark interactions: cheap, deterministic, with a learnable signal. Not the synthetic
 * population (that is src/lib's generator with known ground truth); this only has to be fast
 * to generate at 20M rows and give the models something real to fit.
 *   logit = −0.5 + a_u + b_i + ⟨x_u + Σ_j z_{j,c_j}, y_i⟩        (latent dimension 4)
 * Customers and items are drawn with skew (power law), contexts uniformly.
 */
import type { Interactions } from "../../lib/schema/interactions.js";
import { BINARY_OUTCOME } from "../../lib/schema/outcome.js";
import { createRng } from "../../lib/random/rng.js";

/** Sizes of a benchmark set. */
export interface BenchDataOptions {
  /** Rows. Default 2,000,000. */
  readonly rows: number;
  /** Customers. Default 100,000. */
  readonly customers: number;
  /** Items. Default 2,000. */
  readonly items: number;
  /** Context dimensions. Default 2. */
  readonly contextDims: number;
  /** Levels per context dimension. Default 8. */
  readonly levels: number;
  /** Seed. Default 1. */
  readonly seed: number;
}

/** The default benchmark sizes (issue 3). */
export const BENCH_DEFAULTS: BenchDataOptions = Object.freeze({ rows: 2_000_000, customers: 100_000, items: 2_000, contextDims: 2, levels: 8, seed: 1 });

const LATENT = 4;

/**
 * A benchmark set of binary interactions.
 * @throws RangeError when a size is not a positive integer
 */
export function makeBenchData(options: Partial<BenchDataOptions> = {}): Interactions {
  const o = { ...BENCH_DEFAULTS, ...options };
  for (const key of ["rows", "customers", "items", "contextDims", "levels"] as const) {
    if (!(Number.isInteger(o[key]) && o[key] > 0)) throw new RangeError(`bench data: ${key} must be a positive integer, got ${JSON.stringify(o[key])}`);
  }
  const rng = createRng(o.seed);
  const latent = (n: number, scale: number): Float64Array => {
    const a = new Float64Array(n * LATENT);
    for (let i = 0; i < a.length; i++) a[i] = rng.normal() * scale;
    return a;
  };
  const bias = (n: number, scale: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal() * scale);
  const x = latent(o.customers, 0.7), y = latent(o.items, 0.7), a = bias(o.customers, 0.5), b = bias(o.items, 0.5);
  const z = latent(o.contextDims * o.levels, 0.7);
  const customer = new Int32Array(o.rows), item = new Int32Array(o.rows), outcome = new Float64Array(o.rows);
  const codes = Array.from({ length: o.contextDims }, () => new Int32Array(o.rows));
  const mix = new Float64Array(LATENT);
  for (let r = 0; r < o.rows; r++) {
    const u = Math.floor(o.customers * rng.next() ** 2);
    const i = Math.floor(o.items * rng.next() ** 2);
    customer[r] = u;
    item[r] = i;
    for (let k = 0; k < LATENT; k++) mix[k] = x[u * LATENT + k]!;
    for (let j = 0; j < o.contextDims; j++) {
      const c = rng.int(o.levels);
      codes[j]![r] = c;
      for (let k = 0; k < LATENT; k++) mix[k] = mix[k]! + z[(j * o.levels + c) * LATENT + k]!;
    }
    let logit = -0.5 + a[u]! + b[i]!;
    for (let k = 0; k < LATENT; k++) logit += mix[k]! * y[i * LATENT + k]!;
    outcome[r] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return {
    size: o.rows,
    customerIds: Array.from({ length: o.customers }, (_, k) => `c${k}`),
    customer,
    itemIds: Array.from({ length: o.items }, (_, k) => `i${k}`),
    item,
    timestamp: null,
    outcome,
    outcomeSpec: BINARY_OUTCOME,
    value: null,
    contexts: codes.map((c, j) => ({ name: `ctx${j + 1}`, levels: Array.from({ length: o.levels }, (_, k) => `v${k}`), codes: c })),
    truth: null,
  };
}

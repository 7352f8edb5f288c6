import type { Rng } from "../random/rng.js";
import { CONTEXT_DIMENSIONS, LEVEL_OFFSETS, TOTAL_LEVELS } from "./context-space.js";
import { cumulativeSums, zipfWeights } from "./distributions.js";
import type { ResolvedSyntheticOptions } from "./synthetic-options.js";

/**
 * The preference side of the synthetic world: items, context levels, and each customer's
 * latent tastes, from which the true acceptance probability of any (customer, item, context) follows:
 *
 *   z = b0 + a_c + b_i + < u_c + σ Σ_d ω_d (s_k + w_ck), v_i > + σ Σ_d ω_d (β_k + δ_ck)
 *
 * where k = k_d is the context level in dimension d, σ = contextStrength, ω_d the dimension's
 * effect weight. Customer draws come from a per-customer fork, so customer c is the same whatever
 * the population size, and nothing per customer-and-context has to be stored.
 */
export interface SyntheticWorld {
  readonly options: ResolvedSyntheticOptions;
  /** options.start in ms since the Unix epoch. */
  readonly startMs: number;
  /** Latent dimension d. */
  readonly latentDim: number;
  /** Base logit b0 (calibrated so the mean acceptance is options.acceptanceRate). */
  readonly baseLogit: number;
  /** b_i per item. */
  readonly itemBias: Float64Array;
  /** v_i per item, row-major items × d. */
  readonly itemVector: Float64Array;
  /** Probability that an offer shows item i (Zipf popularity), sums to 1. */
  readonly itemPopularity: Float64Array;
  /** Running sums of itemPopularity. */
  readonly itemCumulative: Float64Array;
  /** β_k per flat level (before ω and σ). */
  readonly levelBias: Float64Array;
  /** s_k per flat level, row-major levels × d (before ω and σ). */
  readonly levelShift: Float64Array;
  /** Source of the per-customer preference forks. */
  readonly preferenceRng: Rng;
}

/** Standard deviations of the terms of z (logit scale); chosen so that at contextStrength 1 context explains about as much as the stable profile. */
export const LOGIT_SCALES = Object.freeze({
  /** a_c: customer's general propensity. */
  customerBias: 0.5,
  /** b_i: item appeal. */
  itemBias: 0.5,
  /** <u_c, v_i>: stable taste match. */
  taste: 1,
  /** <s_k, v_i>: population-wide taste shift of a context level. */
  levelShift: 0.6,
  /** <w_ck, v_i>: this customer's own taste shift in a context level. */
  customerLevelShift: 0.6,
  /** β_k: population-wide propensity shift of a level. */
  levelBias: 0.3,
  /** δ_ck: this customer's own propensity shift in a level. */
  customerLevelBias: 0.3,
});

/**
 * Items and context levels of a world (b0 = 0 until calibrated with {@link withBaseLogit}).
 * @param rng the world's stream; sub-streams are forked by label
 */
export function createWorld(options: ResolvedSyntheticOptions, rng: Rng): SyntheticWorld {
  const d = options.latentDim;
  // per-component sd so that a dot product of two such vectors has sd `target` (components of v have sd d^-1/4)
  const comp = (target: number): number => target / Math.pow(d, 0.25);
  const itemRng = rng.fork("items");
  const itemBias = new Float64Array(options.items);
  const itemVector = new Float64Array(options.items * d);
  for (let i = 0; i < options.items; i++) {
    itemBias[i] = LOGIT_SCALES.itemBias * itemRng.normal();
    for (let j = 0; j < d; j++) itemVector[i * d + j] = comp(1) * itemRng.normal();
  }
  const itemPopularity = zipfWeights(rng.fork("popularity"), options.items, options.popularityExponent);
  const levelRng = rng.fork("levels");
  const levelBias = new Float64Array(TOTAL_LEVELS);
  const levelShift = new Float64Array(TOTAL_LEVELS * d);
  for (let k = 0; k < TOTAL_LEVELS; k++) {
    levelBias[k] = LOGIT_SCALES.levelBias * levelRng.normal();
    for (let j = 0; j < d; j++) levelShift[k * d + j] = comp(LOGIT_SCALES.levelShift) * levelRng.normal();
  }
  return {
    options,
    startMs: Date.parse(options.start),
    latentDim: d,
    baseLogit: 0,
    itemBias,
    itemVector,
    itemPopularity,
    itemCumulative: cumulativeSums(itemPopularity),
    levelBias,
    levelShift,
    preferenceRng: rng.fork("preferences"),
  };
}

/** The same world with base logit b0. */
export function withBaseLogit(world: SyntheticWorld, baseLogit: number): SyntheticWorld {
  return { ...world, baseLogit };
}

/** Length of the scratch buffer {@link fillPreferences} writes: 1 + d + L + L·d. */
export function preferenceSize(world: SyntheticWorld): number {
  return 1 + world.latentDim + TOTAL_LEVELS * (1 + world.latentDim);
}

/**
 * Writes customer c's effective tastes into `out`:
 *   [0]                 a_c
 *   [1, 1+d)            u_c
 *   [1+d, 1+d+L)        σ ω (β_k + δ_ck) per flat level k
 *   [1+d+L, ...)        σ ω (s_k + w_ck) per flat level, levels × d
 * Deterministic in (world, c): every caller gets bit-identical values.
 */
export function fillPreferences(world: SyntheticWorld, c: number, out: Float64Array): void {
  const d = world.latentDim;
  const strength = world.options.contextStrength;
  const r = world.preferenceRng.fork(String(c));
  const comp = (target: number): number => target / Math.pow(d, 0.25);
  out[0] = LOGIT_SCALES.customerBias * r.normal();
  for (let j = 0; j < d; j++) out[1 + j] = comp(LOGIT_SCALES.taste) * r.normal();
  const biasAt = 1 + d;
  const shiftAt = biasAt + TOTAL_LEVELS;
  for (let dim = 0; dim < CONTEXT_DIMENSIONS.length; dim++) {
    const spec = CONTEXT_DIMENSIONS[dim]!;
    const scale = strength * spec.effectWeight;
    for (let code = 0; code < spec.levels.length; code++) {
      const k = LEVEL_OFFSETS[dim]! + code;
      // draw even when scale is 0 so that the stream, and every other draw, is the same for any strength
      const delta = LOGIT_SCALES.customerLevelBias * r.normal();
      out[biasAt + k] = scale * (world.levelBias[k]! + delta);
      for (let j = 0; j < d; j++) {
        const w = comp(LOGIT_SCALES.customerLevelShift) * r.normal();
        out[shiftAt + k * d + j] = scale * (world.levelShift[k * d + j]! + w);
      }
    }
  }
}

// Hot-path copies: the three dimensions are fixed, and module bindings can compile to getters.
const OFFSET_0 = LEVEL_OFFSETS[0]!;
const OFFSET_1 = LEVEL_OFFSETS[1]!;
const OFFSET_2 = LEVEL_OFFSETS[2]!;
const LEVELS = TOTAL_LEVELS;
if (CONTEXT_DIMENSIONS.length !== 3) throw new Error("world.ts: logitFromPreferences assumes exactly three context dimensions");

/**
 * Logit z of acceptance for the customer whose tastes are in `prefs`, item i, context `codes`
 * (one level code per dimension; trusted).
 */
export function logitFromPreferences(world: SyntheticWorld, prefs: Float64Array, item: number, codes: ArrayLike<number>): number {
  const d = world.latentDim;
  const biasAt = 1 + d;
  const shiftAt = biasAt + LEVELS;
  const k0 = codes[0]! + OFFSET_0;
  const k1 = codes[1]! + OFFSET_1;
  const k2 = codes[2]! + OFFSET_2;
  let dot = 0;
  const v = world.itemVector;
  const vi = item * d;
  for (let j = 0; j < d; j++) {
    const u = prefs[1 + j]! + prefs[shiftAt + k0 * d + j]! + prefs[shiftAt + k1 * d + j]! + prefs[shiftAt + k2 * d + j]!;
    dot += u * v[vi + j]!;
  }
  return world.baseLogit + prefs[0]! + world.itemBias[item]! + dot + prefs[biasAt + k0]! + prefs[biasAt + k1]! + prefs[biasAt + k2]!;
}

/** The logistic function 1 / (1 + e^-z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

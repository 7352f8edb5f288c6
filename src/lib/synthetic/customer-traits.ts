import type { Rng } from "../random/rng.js";
import { CONTEXT_DIMENSIONS, LEVEL_OFFSETS, TOTAL_LEVELS } from "./context-space.js";
import { sampleBeta } from "./distributions.js";
import type { ResolvedSyntheticOptions } from "./synthetic-options.js";

/** Contact channels a customer may prefer; "none" = do not contact. */
export const CONTACT_CHANNELS = ["email", "sms", "mail", "none"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
const CHANNEL_WEIGHTS = [0.5, 0.2, 0.15, 0.15];

/** Probability that a customer lives in each further level of a dimension beyond the first. */
const EXTRA_LEVEL_PROBABILITY = 0.45;

/** The behaviour side of one customer (everything but tastes), drawn by {@link drawTraits}. */
export interface CustomerTraits {
  /** Never accepts any offer. */
  isProspect: boolean;
  /** Week the customer first appears, in [0, calibrationWeeks). */
  entryWeek: number;
  /** λ: purchases per week while active (BG/NBD λ ~ Gamma(r, α)). */
  lambda: number;
  /** p: probability of leaving after each purchase (BG/NBD p ~ Beta(a, b)). */
  dropoutProbability: number;
  /** Expected spend per purchase in a neutral context: Gamma-Gamma p/ν. */
  meanSpend: number;
  /** Gamma-Gamma ν: rate of the purchase-amount gamma. */
  spendRate: number;
  /** Index into CONTACT_CHANNELS. */
  channel: number;
  /** Most contacts per month the customer accepts (0 when channel is "none"). */
  maxContactsPerMonth: number;
  /** Share of the customer's occasions in each flat context level; sums to 1 within each dimension. */
  readonly contextShare: Float64Array;
}

/** A reusable traits record. */
export function emptyTraits(): CustomerTraits {
  return {
    isProspect: false,
    entryWeek: 0,
    lambda: 0,
    dropoutProbability: 0,
    meanSpend: 0,
    spendRate: 0,
    channel: 0,
    maxContactsPerMonth: 0,
    contextShare: new Float64Array(TOTAL_LEVELS),
  };
}

/**
 * Draws one customer's behaviour into `out`, always consuming the stream in the same order.
 * Context shares: in each dimension the customer lives in 1 + Binomial(L−1, 0.45) levels, picked
 * in proportion to the levels' population weights, with Gamma(1)-distributed (Dirichlet) shares.
 * @param rng the customer's own stream
 */
export function drawTraits(options: ResolvedSyntheticOptions, rng: Rng, out: CustomerTraits): void {
  out.isProspect = rng.next() < options.prospectShare;
  out.entryWeek = rng.next() * options.calibrationWeeks;
  out.lambda = rng.gamma(options.purchaseRateShape) / options.purchaseRateRate;
  out.dropoutProbability = sampleBeta(rng, options.dropoutA, options.dropoutB);
  out.spendRate = rng.gamma(options.spendScaleShape) / options.spendScaleRate;
  out.meanSpend = options.spendShape / out.spendRate;
  out.channel = pick(rng, CHANNEL_WEIGHTS);
  const meanLambda = options.purchaseRateShape / options.purchaseRateRate;
  // more active customers tolerate more contacts
  out.maxContactsPerMonth = out.channel === CONTACT_CHANNELS.indexOf("none") ? 0 : Math.min(8, 1 + rng.poisson((1.5 * out.lambda) / meanLambda));
  for (let d = 0; d < CONTEXT_DIMENSIONS.length; d++) drawShares(rng, d, out.contextShare);
}

function drawShares(rng: Rng, dim: number, share: Float64Array): void {
  const spec = CONTEXT_DIMENSIONS[dim]!;
  const offset = LEVEL_OFFSETS[dim]!;
  const n = spec.levels.length;
  let count = 1;
  for (let i = 1; i < n; i++) if (rng.next() < EXTRA_LEVEL_PROBABILITY) count++;
  const remaining = spec.baseWeights.slice();
  for (let i = 0; i < n; i++) share[offset + i] = 0;
  let total = 0;
  for (let picked = 0; picked < count; picked++) {
    const level = pick(rng, remaining);
    remaining[level] = 0;
    const s = spec.baseWeights[level]! * rng.gamma(1);
    share[offset + level] = s;
    total += s;
  }
  if (!(total > 0)) {
    // only reachable if every gamma draw underflowed: put everything on the most common level
    const level = spec.baseWeights.indexOf(Math.max(...spec.baseWeights));
    share[offset + level] = 1;
    return;
  }
  for (let i = 0; i < n; i++) share[offset + i] = share[offset + i]! / total;
}

function pick(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0 && weights[i]! > 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

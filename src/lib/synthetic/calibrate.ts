import type { Rng } from "../random/rng.js";
import { CONTEXT_DIMENSIONS, LEVEL_OFFSETS } from "./context-space.js";
import { drawTraits, emptyTraits } from "./customer-traits.js";
import { sampleCumulative, sampleShare } from "./distributions.js";
import { fillPreferences, logitFromPreferences, preferenceSize, sigmoid, type SyntheticWorld } from "./world.js";

/** Reference customers and offers per customer used to calibrate the base logit. */
const CALIBRATION_CUSTOMERS = 2048;
const OFFERS_PER_CUSTOMER = 16;

/** What calibration found. */
export interface Calibration {
  /** b0. */
  readonly baseLogit: number;
  /**
   * Share of the variance of the true logit z, over typical offers, that the context terms
   * (everything scaled by contextStrength) account for: 0 at strength 0.
   */
  readonly contextVarianceShare: number;
}

/**
 * The base logit b0 at which the mean acceptance probability of a typical offer (customer drawn
 * uniformly, context from the customer's own shares, item by popularity) equals
 * options.acceptanceRate. Computed on reference customers 0..2047 drawn exactly like population
 * customers, so b0 depends on the seed and the options but not on the population size; keeping
 * the base rate fixed means contextStrength changes how acceptance varies, not how often it happens.
 * @param traitsRng the stream population traits are forked from (per customer index)
 * @param rng the calibration's own stream (contexts and items of the reference offers)
 */
export function calibrateBaseLogit(world: SyntheticWorld, traitsRng: Rng, rng: Rng): Calibration {
  const n = CALIBRATION_CUSTOMERS * OFFERS_PER_CUSTOMER;
  const rest = new Float64Array(n);
  const contextPart = new Float64Array(n);
  const prefs = new Float64Array(preferenceSize(world));
  const flatPrefs = new Float64Array(preferenceSize(world));
  // the same world without context: preferences draw the same stream, so a_c and u_c are identical
  const flatWorld = { ...world, baseLogit: 0, options: { ...world.options, contextStrength: 0 } };
  const traits = emptyTraits();
  const codes = new Int32Array(CONTEXT_DIMENSIONS.length);
  const zeroBase = { ...world, baseLogit: 0 };
  let m = 0;
  for (let c = 0; c < CALIBRATION_CUSTOMERS; c++) {
    drawTraits(world.options, traitsRng.fork(String(c)), traits);
    fillPreferences(world, c, prefs);
    fillPreferences(flatWorld, c, flatPrefs);
    for (let k = 0; k < OFFERS_PER_CUSTOMER; k++) {
      for (let d = 0; d < CONTEXT_DIMENSIONS.length; d++) {
        codes[d] = sampleShare(rng, traits.contextShare, LEVEL_OFFSETS[d]!, CONTEXT_DIMENSIONS[d]!.levels.length);
      }
      const item = sampleCumulative(rng, world.itemCumulative);
      rest[m] = logitFromPreferences(zeroBase, prefs, item, codes);
      contextPart[m] = rest[m]! - logitFromPreferences(flatWorld, flatPrefs, item, codes);
      m++;
    }
  }
  // mean sigmoid(b0 + rest) is increasing in b0: bisection to machine precision
  let lo = -30;
  let hi = 30;
  const target = world.options.acceptanceRate;
  for (let iter = 0; iter < 100 && hi - lo > 1e-12; iter++) {
    const mid = (lo + hi) / 2;
    let s = 0;
    for (let i = 0; i < n; i++) s += sigmoid(mid + rest[i]!);
    if (s / n < target) lo = mid;
    else hi = mid;
  }
  return { baseLogit: (lo + hi) / 2, contextVarianceShare: variance(contextPart) / variance(rest) };
}

function variance(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mean) ** 2;
  return s / (x.length - 1);
}

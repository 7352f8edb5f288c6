/**
 * The embedded synthetic population: customers with known tastes, contexts, purchase processes,
 * lifecycles and contact preferences, and the offers they accepted or ignored.
 *
 * THE WORLD (every draw seeded; customer c's draws come from its own fork, so customer c is the
 * same customer whatever the population size)
 *
 * Contexts. Three dimensions: companion (alone, partner, friends, family, business), intent (self,
 * gift, work) and situation (home, out). Each customer lives in only some levels of each dimension
 * (1 + Binomial(L−1, 0.45) of them, favouring common levels) with Dirichlet shares: some customers
 * are always alone at home, others move between many contexts.
 *
 * Tastes. Customer c has a propensity a_c and a latent vector u_c; item i an appeal b_i and a
 * vector v_i; each context level k a population shift s_k (vector) and β_k (scalar); and each
 * customer its own shift in each level, w_ck and δ_ck (the customer × context interaction).
 * The true probability that c accepts item i in context (k_1, k_2, k_3) is sigmoid(z) with
 *
 *   z = b0 + a_c + b_i + < u_c + σ Σ_d ω_d (s_kd + w_c,kd), v_i > + σ Σ_d ω_d (β_kd + δ_c,kd)
 *
 * σ = contextStrength, ω_d = 1, 0.7, 0.5 for companion, intent, situation. σ = 0 removes context
 * exactly (the single-profile CRM view is then the truth); at σ = 1 context moves z about as much
 * as the stable profile does. b0 is calibrated so that the mean acceptance of a typical offer is
 * acceptanceRate at every σ.
 *
 * Buying. Each customer has a purchase rate λ ~ Gamma(r, α) and a dropout probability
 * p ~ Beta(a, b) (BG/NBD). From a random entry week in the calibration period, offers arrive at
 * λ / acceptanceRate per week (active customers see more offers); each offer draws a context from
 * the customer's shares and an item by Zipf popularity, and is accepted with its true probability.
 * After each purchase the customer leaves for good with probability p; a customer who left still
 * sees a few offers (each w.p. lingerProbability) and ignores them (truth 0). Active customers go
 * dormant at dormancyRate per week for Exp(mean dormancyWeeks) weeks and then return: lifecycles
 * lapse and return, churn from any stage, and rarely follow the funnel to "loyal". Prospects
 * (prospectShare) receive offers but never accept; they lose interest w.p. p after each offer.
 *
 * Spend. Gamma-Gamma: the customer's scale ν ~ Gamma(q, γ), each purchase amount ~ Gamma(p_s, ν)
 * (mean p_s/ν), times exp(σ Σ_d spendLogShift): business and gift purchases are larger. Rounded
 * to cents.
 *
 * Contact preferences. A preferred channel (email 50%, sms 20%, mail 15%, none 15%) and a maximum
 * number of contacts per month (0 for none; more for more active customers): the ground truth the
 * targeting simulation scores against.
 *
 * PIPELINE
 *   options ─► resolve ─► world (items, levels) ─► calibrate b0 ─► for each customer:
 *     traits (behaviour) + preferences (tastes) ─► simulate offers ─► rows + journey + ground truth
 */
import type { Rng } from "../random/rng.js";
import { BINARY_OUTCOME } from "../schema/outcome.js";
import type { Interactions } from "../schema/interactions.js";
import { calibrateBaseLogit } from "./calibrate.js";
import { CONTEXT_DIMENSIONS } from "./context-space.js";
import { CustomerTableBuilder, type SyntheticCustomers } from "./customer-table.js";
import { drawTraits, emptyTraits } from "./customer-traits.js";
import { growFloat64, growInt32, growUint8 } from "../columns/growable-column.js";
import { type RowSink, simulateCustomer, WEEK_MS } from "./simulate-customer.js";
import { resolveSyntheticOptions, type SyntheticOptions } from "./synthetic-options.js";
import { describeParameters, type SyntheticParameters } from "./synthetic-parameters.js";
import { createTruthFunction, type TruthFunction } from "./truth-function.js";
import { createWorld, fillPreferences, preferenceSize, withBaseLogit } from "./world.js";

/** A generated population and its ground truth. */
export interface SyntheticPopulation {
  /** The offers: binary outcome, value = spend when accepted, truth = true probability per row. */
  readonly interactions: Interactions;
  /** Ground truth per customer. */
  readonly customers: SyntheticCustomers;
  /** Item identifiers and their exposure popularity (sums to 1). */
  readonly items: { readonly ids: readonly string[]; readonly popularity: Float64Array };
  /** The true acceptance probability of any customer, item and context (the oracle). */
  readonly truthFor: TruthFunction;
  /** JSON-safe description: resolved options, calibrated b0, scales, context space, summary counts. */
  readonly parameters: SyntheticParameters;
}

/** Synthetic customer identifier of customer index c: "c000123". */
export const syntheticCustomerId = (c: number): string => `c${String(c).padStart(6, "0")}`;
/** Synthetic item identifier of item index i: "i0042". */
export const syntheticItemId = (i: number): string => `i${String(i).padStart(4, "0")}`;

/**
 * Generates a population. Time and memory are linear in customers and rows.
 * @param options see SyntheticOptions; missing fields take their defaults
 * @param rng the generator's stream; sub-streams are forked by label ("world", "traits", ...)
 * @param onProgress called with the fraction of customers done, in [0, 1]
 * @throws RangeError when an option is invalid (see resolveSyntheticOptions)
 */
export function generatePopulation(options: SyntheticOptions, rng: Rng, onProgress?: (fraction: number) => void): SyntheticPopulation {
  const resolved = resolveSyntheticOptions(options);
  const traitsRng = rng.fork("traits");
  const eventsRng = rng.fork("events");
  const unscaled = createWorld(resolved, rng.fork("world"));
  const calibration = calibrateBaseLogit(unscaled, traitsRng, rng.fork("calibration"));
  const world = withBaseLogit(unscaled, calibration.baseLogit);

  const n = resolved.customers;
  const expectedRows = Math.ceil(n * 50);
  const sink: RowSink = {
    customer: growInt32(expectedRows),
    item: growInt32(expectedRows),
    timestamp: growFloat64(expectedRows),
    outcome: growFloat64(expectedRows),
    value: growFloat64(expectedRows),
    truth: growFloat64(expectedRows),
    contexts: CONTEXT_DIMENSIONS.map(() => growInt32(expectedRows)),
    journeyKind: growUint8(n * 4),
    journeyTime: growFloat64(n * 4),
  };
  const table = new CustomerTableBuilder(n);
  const traits = emptyTraits();
  const prefs = new Float64Array(preferenceSize(world));
  const codes = new Int32Array(CONTEXT_DIMENSIONS.length);
  const step = Math.max(1, Math.floor(n / 100));
  for (let c = 0; c < n; c++) {
    drawTraits(resolved, traitsRng.fork(String(c)), traits);
    fillPreferences(world, c, prefs);
    const outcome = simulateCustomer(world, c, traits, prefs, eventsRng.fork(String(c)), sink, codes);
    const entryMs = world.startMs + Math.round(traits.entryWeek * WEEK_MS);
    table.set(c, syntheticCustomerId(c), traits, entryMs, outcome, sink.journeyKind.length);
    if (onProgress && (c + 1) % step === 0) onProgress((c + 1) / n);
  }
  const customers = table.finish(sink.journeyKind.toArray(), sink.journeyTime.toArray());
  const itemIds = Array.from({ length: resolved.items }, (_, i) => syntheticItemId(i));
  const interactions: Interactions = {
    size: sink.customer.length,
    customerIds: customers.ids,
    customer: sink.customer.toArray(),
    itemIds,
    item: sink.item.toArray(),
    timestamp: sink.timestamp.toArray(),
    outcome: sink.outcome.toArray(),
    outcomeSpec: BINARY_OUTCOME,
    value: sink.value.toArray(),
    contexts: CONTEXT_DIMENSIONS.map((d, i) => ({ name: d.name, levels: d.levels, codes: sink.contexts[i]!.toArray() })),
    truth: sink.truth.toArray(),
  };
  onProgress?.(1);
  return {
    interactions,
    customers,
    items: { ids: itemIds, popularity: world.itemPopularity },
    truthFor: createTruthFunction(world, customers),
    parameters: describeParameters(world, calibration, interactions, customers),
  };
}

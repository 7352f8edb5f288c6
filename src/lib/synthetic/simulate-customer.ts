import type { Rng } from "../random/rng.js";
import { CONTEXT_DIMENSIONS, LEVEL_OFFSETS } from "./context-space.js";
import type { CustomerTraits } from "./customer-traits.js";
import { sampleCumulative, sampleExponential, sampleShare } from "./distributions.js";
import type { GrowableColumn } from "../columns/growable-column.js";
import { journeyCode } from "./journey.js";
import { logitFromPreferences, sigmoid, type SyntheticWorld } from "./world.js";

/** Milliseconds per week. */
export const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The growable columns one simulation appends to. */
export interface RowSink {
  readonly customer: GrowableColumn<Int32Array>;
  readonly item: GrowableColumn<Int32Array>;
  readonly timestamp: GrowableColumn<Float64Array>;
  readonly outcome: GrowableColumn<Float64Array>;
  readonly value: GrowableColumn<Float64Array>;
  readonly truth: GrowableColumn<Float64Array>;
  /** One column per context dimension. */
  readonly contexts: readonly GrowableColumn<Int32Array>[];
  readonly journeyKind: GrowableColumn<Uint8Array>;
  readonly journeyTime: GrowableColumn<Float64Array>;
}

/** What the simulation of one customer found, beyond the rows it appended. */
export interface CustomerOutcome {
  rows: number;
  purchases: number;
  /** ms; Infinity when the customer never bought. */
  firstPurchaseTime: number;
  /** ms; Infinity when still engaged at the end of the observation period. */
  dropoutTime: number;
}

// Hot-path copies of the context space (module bindings can compile to getters).
const DIMENSIONS = CONTEXT_DIMENSIONS.length;
const DIM_OFFSET = Int32Array.from(LEVEL_OFFSETS);
const DIM_LEVELS = Int32Array.from(CONTEXT_DIMENSIONS, (d) => d.levels.length);
const SPEND_SHIFT = Float64Array.from(CONTEXT_DIMENSIONS.flatMap((d) => d.spendLogShift));

const ENTERED = journeyCode("entered");
const FIRST = journeyCode("first-purchase");
const REPEAT = journeyCode("repeat-purchase");
const LOYAL = journeyCode("loyal");
const LAPSED = journeyCode("lapsed");
const RETURNED = journeyCode("returned");
const CHURNED = journeyCode("churned");

/**
 * Simulates customer c's offers from entry to the end of the observation period:
 *
 *   entry ─► offer ─► (accept? spend : nothing) ─► after a purchase leave w.p. p ─► next offer after Exp(λ / acceptanceRate) weeks
 *              ▲                                     (prospects: leave w.p. p after each offer)
 *              └── dormant spells start at rate dormancyRate, last Exp(mean dormancyWeeks), no offers meanwhile
 *   after leaving: each further offer is still shown w.p. lingerProbability, ignored (truth 0)
 *   journeys "funnel": a dormant spell is a departure (no return), and a buyer whose next offer
 *   comes more than funnelGapWeeks after their last purchase left funnelGapWeeks after it
 *
 * @param prefs the customer's tastes from fillPreferences
 * @param rng the customer's own event stream
 */
export function simulateCustomer(
  world: SyntheticWorld,
  c: number,
  traits: CustomerTraits,
  prefs: Float64Array,
  rng: Rng,
  sink: RowSink,
  codes: Int32Array,
): CustomerOutcome {
  const o = world.options;
  const startMs = world.startMs;
  const end = o.weeks;
  const offerRate = traits.lambda / o.acceptanceRate;
  const strength = o.contextStrength;
  const share = traits.contextShare;
  const result: CustomerOutcome = { rows: 0, purchases: 0, firstPurchaseTime: Infinity, dropoutTime: Infinity };
  let lastMs = -Infinity;
  const toMs = (week: number): number => {
    // strictly increasing per customer, so "after the dropout time" is never ambiguous
    const ms = Math.max(lastMs + 1, startMs + Math.round(week * WEEK_MS));
    lastMs = ms;
    return ms;
  };
  const event = (kind: number, ms: number): void => {
    sink.journeyKind.push(kind);
    sink.journeyTime.push(ms);
  };

  let t = traits.entryWeek;
  let engaged = true;
  let first = true;
  const leave = (ms: number): void => {
    engaged = false;
    result.dropoutTime = ms;
    event(CHURNED, ms);
  };
  // the branches on `funnel` draw nothing, so the default world's random streams are unchanged
  const funnel = o.journeys === "funnel";
  let lastPurchase = 0;
  while (t < end) {
    // funnel world: no purchase may follow a gap that the journey analysis would read as a lapse
    if (funnel && engaged && result.purchases > 0 && t - lastPurchase > o.funnelGapWeeks) leave(toMs(lastPurchase + o.funnelGapWeeks));
    const ms = toMs(t);
    if (first) {
      event(ENTERED, ms);
      first = false;
    }
    let spendShift = 0;
    for (let d = 0; d < DIMENSIONS; d++) {
      const level = sampleShare(rng, share, DIM_OFFSET[d]!, DIM_LEVELS[d]!);
      codes[d] = level;
      spendShift += SPEND_SHIFT[DIM_OFFSET[d]! + level]!;
    }
    const item = sampleCumulative(rng, world.itemCumulative);
    const truth = engaged && !traits.isProspect ? sigmoid(logitFromPreferences(world, prefs, item, codes)) : 0;
    const accepted = rng.next() < truth;
    let value = 0;
    if (accepted) {
      const amount = (rng.gamma(o.spendShape) / traits.spendRate) * (strength === 0 ? 1 : Math.exp(strength * spendShift));
      value = Math.max(0.01, Math.round(amount * 100) / 100);
    }
    sink.customer.push(c);
    sink.item.push(item);
    sink.timestamp.push(ms);
    sink.outcome.push(accepted ? 1 : 0);
    sink.value.push(value);
    sink.truth.push(truth);
    for (let d = 0; d < DIMENSIONS; d++) sink.contexts[d]!.push(codes[d]!);
    result.rows++;

    if (!engaged) {
      if (rng.next() >= o.lingerProbability) break;
      t += sampleExponential(rng, offerRate);
      continue;
    }
    if (accepted) {
      lastPurchase = t;
      result.purchases++;
      if (result.purchases === 1) {
        result.firstPurchaseTime = ms;
        event(FIRST, ms);
      } else if (result.purchases === 2) event(REPEAT, ms);
      if (result.purchases === o.loyalPurchases) event(LOYAL, ms);
    }
    if ((accepted || traits.isProspect) && rng.next() < traits.dropoutProbability) {
      leave(ms);
      t += sampleExponential(rng, offerRate);
      continue;
    }
    const gap = sampleExponential(rng, offerRate);
    const untilDormant = sampleExponential(rng, o.dormancyRate);
    if (untilDormant < gap) {
      const lapse = t + untilDormant;
      if (lapse >= end) break;
      if (funnel) {
        leave(toMs(lapse));
        t += gap;
        continue;
      }
      const back = lapse + sampleExponential(rng, 1 / o.dormancyWeeks);
      event(LAPSED, toMs(lapse));
      if (back >= end) break;
      event(RETURNED, toMs(back));
      t = back + sampleExponential(rng, offerRate);
    } else {
      t += gap;
    }
  }
  return result;
}

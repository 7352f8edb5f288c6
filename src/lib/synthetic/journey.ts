/**
 * True lifecycle events of synthetic customers. In the default world (journeys "free") paths are
 * not a funnel: customers lapse (go dormant) and return, leave from any stage, and most never reach
 * "loyal". With journeys "funnel" nobody returns: no lapsed or returned events, only departures.
 */
export const JOURNEY_EVENTS = {
  entered: "first contact with the firm (a prospect from here)",
  "first-purchase": "first accepted offer (became a customer)",
  "repeat-purchase": "second accepted offer (became a repeat customer)",
  loyal: "reached the loyal purchase count (options.loyalPurchases)",
  lapsed: "went dormant: receives and accepts nothing until returning",
  returned: "came back from a dormant spell",
  churned: "left for good (BG/NBD dropout after a purchase, or a prospect losing interest)",
} as const;

export type JourneyEvent = keyof typeof JOURNEY_EVENTS;

/** Event names indexed by their code in {@link Journey.kind}. */
export const JOURNEY_EVENT_NAMES = Object.keys(JOURNEY_EVENTS) as readonly JourneyEvent[];

/** Code of a journey event name. */
export const journeyCode = (event: JourneyEvent): number => JOURNEY_EVENT_NAMES.indexOf(event);

export function isJourneyEvent(value: unknown): value is JourneyEvent {
  return typeof value === "string" && Object.hasOwn(JOURNEY_EVENTS, value);
}

/**
 * Every customer's events in time order, compressed-row layout: customer c's events are
 * positions offsets[c] .. offsets[c+1]-1 of kind and time.
 */
export interface Journey {
  /** Length customers + 1. */
  readonly offsets: Int32Array;
  /** Event code (index into JOURNEY_EVENT_NAMES). */
  readonly kind: Uint8Array;
  /** Event time, ms since the Unix epoch. */
  readonly time: Float64Array;
}

/**
 * The events of customer c as [name, time ms] pairs (for reports and tests; not for hot loops).
 * @throws RangeError when c is not a customer index of the journey
 */
export function journeyOf(journey: Journey, c: number): [JourneyEvent, number][] {
  if (!(Number.isInteger(c) && c >= 0 && c < journey.offsets.length - 1)) {
    throw new RangeError(`journeyOf: customer index "${c}" is not in [0, ${journey.offsets.length - 1})`);
  }
  const out: [JourneyEvent, number][] = [];
  for (let e = journey.offsets[c]!; e < journey.offsets[c + 1]!; e++) out.push([JOURNEY_EVENT_NAMES[journey.kind[e]!]!, journey.time[e]!]);
  return out;
}

/**
 * Whether customer c would accept nothing at time `ms`: after churning, or while dormant
 * (between a lapse and the following return).
 */
export function isInactiveAt(journey: Journey, c: number, ms: number): boolean {
  const lapsed = journeyCode("lapsed");
  const returned = journeyCode("returned");
  const churned = journeyCode("churned");
  let dormantSince = Infinity;
  for (let e = journey.offsets[c]!; e < journey.offsets[c + 1]!; e++) {
    const t = journey.time[e]!;
    const k = journey.kind[e]!;
    if (k === churned) return ms > t;
    if (k === lapsed) dormantSince = t;
    if (k === returned) {
      if (ms >= dormantSince && ms < t) return true;
      dormantSince = Infinity;
    }
  }
  return ms >= dormantSince;
}

/**
 * Options of the synthetic population, their defaults and their validation.
 * The defaults give about 100k interaction rows: a full default experiment takes seconds.
 */
export interface SyntheticOptions {
  /** The seed the caller created the generator's Rng from; only recorded in the parameters (so it enters dataset hashes). Default null. */
  readonly seed?: number | null;
  /** Number of customers. Default 2000. */
  readonly customers?: number;
  /** Number of items (offers/products). Default 100. */
  readonly items?: number;
  /** Multiplier of every context effect: 0 = context is irrelevant (CRM is right), 1 = context matters about as much as the stable profile. Default 1. */
  readonly contextStrength?: number;
  /** Dimension of the latent preference vectors. Default 8. */
  readonly latentDim?: number;
  /** Share of customers who never buy (prospects), in [0, 1]. Default 0.2. */
  readonly prospectShare?: number;
  /** Length of the observation period in weeks. Default 78. */
  readonly weeks?: number;
  /** End of the calibration (training) period in weeks; customers enter before it. Default 52. */
  readonly calibrationWeeks?: number;
  /** ISO 8601 start of the observation period (UTC). Default "2024-01-01T00:00:00.000Z". */
  readonly start?: string;
  /** Mean probability that an active customer accepts an offer; sets the base logit. Default 0.25. */
  readonly acceptanceRate?: number;
  /** Shape r of the purchase rate λ ~ Gamma(r, α) (purchases per week while active). Default 1.5. */
  readonly purchaseRateShape?: number;
  /** Rate α of λ ~ Gamma(r, α), in weeks; mean λ = r/α. Default 2.5. */
  readonly purchaseRateRate?: number;
  /** a of the dropout probability after each purchase p ~ Beta(a, b). Default 1.2. */
  readonly dropoutA?: number;
  /** b of p ~ Beta(a, b); mean p = a/(a+b). Default 8. */
  readonly dropoutB?: number;
  /** Gamma-Gamma p: shape of each purchase amount around the customer's mean. Default 6.25 (CDNOW fit). */
  readonly spendShape?: number;
  /** Gamma-Gamma q: shape of the customer's spend scale ν. Default 3.74 (CDNOW fit). */
  readonly spendScaleShape?: number;
  /** Gamma-Gamma γ: rate of the customer's spend scale ν. Default 15.44 (CDNOW fit). */
  readonly spendScaleRate?: number;
  /** Rate at which an active customer goes dormant, per week. Default 1/39. */
  readonly dormancyRate?: number;
  /** Mean length of a dormant spell in weeks. Default 13. */
  readonly dormancyWeeks?: number;
  /** Probability that a customer who left still sees each further offer (ignored, truth 0). Default 0.5. */
  readonly lingerProbability?: number;
  /** Zipf exponent of item exposure popularity (0 = uniform). Default 0.8. */
  readonly popularityExponent?: number;
  /** Purchases after which a customer counts as loyal in the journey. Default 5. */
  readonly loyalPurchases?: number;
  /**
   * How lifecycles run (JOURNEY_MODES). "free" (default): customers go dormant and come back,
   * so journeys leave the funnel. "funnel": nobody comes back: a dormant spell ends the
   * relationship and a buyer who has not bought for funnelGapWeeks has left. Every customer's
   * observed monthly stages then follow the linear funnel with exits of the journeys test
   * (prospect → first → repeat, exit to lapsed; value/funnel-test.ts) whenever funnelGapWeeks ≤
   * 4 × its lapseMonths (a calendar month has at least 4 weeks; defaults 12 weeks and 3 months):
   * the world where the journeys claim's null holds.
   */
  readonly journeys?: JourneyMode;
  /** In the "funnel" world, weeks without a purchase after which a buyer has left. Default 12. */
  readonly funnelGapWeeks?: number;
}

/** Lifecycle worlds of the generator (SyntheticOptions.journeys). */
export const JOURNEY_MODES = ["free", "funnel"] as const;
export type JourneyMode = (typeof JOURNEY_MODES)[number];

/** Options with every default filled in (JSON-safe; recorded in parameters.json). */
export type ResolvedSyntheticOptions = { readonly [K in Exclude<keyof SyntheticOptions, "seed">]-?: NonNullable<SyntheticOptions[K]> } & {
  readonly seed: number | null;
};

/** The defaults of every option. */
export const DEFAULT_SYNTHETIC_OPTIONS: ResolvedSyntheticOptions = Object.freeze({
  seed: null,
  customers: 2000,
  items: 100,
  contextStrength: 1,
  latentDim: 8,
  prospectShare: 0.2,
  weeks: 78,
  calibrationWeeks: 52,
  start: "2024-01-01T00:00:00.000Z",
  acceptanceRate: 0.25,
  purchaseRateShape: 1.5,
  purchaseRateRate: 2.5,
  dropoutA: 1.2,
  dropoutB: 8,
  spendShape: 6.25,
  spendScaleShape: 3.74,
  spendScaleRate: 15.44,
  dormancyRate: 1 / 39,
  dormancyWeeks: 13,
  lingerProbability: 0.5,
  popularityExponent: 0.8,
  loyalPurchases: 5,
  journeys: "free",
  funnelGapWeeks: 12,
});

type Check = (v: number) => boolean;
const positiveInt: Check = (v) => Number.isInteger(v) && v >= 1;
const positive: Check = (v) => Number.isFinite(v) && v > 0;
const nonNegative: Check = (v) => Number.isFinite(v) && v >= 0;
const probability: Check = (v) => Number.isFinite(v) && v >= 0 && v <= 1;

const CHECKS: Record<Exclude<keyof SyntheticOptions, "start" | "seed" | "journeys">, [Check, string]> = {
  customers: [positiveInt, "a positive integer"],
  items: [(v) => positiveInt(v) && v >= 2, "an integer >= 2"],
  contextStrength: [nonNegative, "a finite number >= 0"],
  latentDim: [(v) => positiveInt(v) && v <= 256, "an integer in [1, 256]"],
  prospectShare: [probability, "a number in [0, 1]"],
  weeks: [positive, "a number > 0"],
  calibrationWeeks: [positive, "a number > 0"],
  acceptanceRate: [(v) => Number.isFinite(v) && v >= 0.001 && v <= 0.999, "a number in [0.001, 0.999]"],
  purchaseRateShape: [positive, "a number > 0"],
  purchaseRateRate: [positive, "a number > 0"],
  dropoutA: [positive, "a number > 0"],
  dropoutB: [positive, "a number > 0"],
  spendShape: [positive, "a number > 0"],
  spendScaleShape: [(v) => Number.isFinite(v) && v > 1, "a number > 1 (finite mean spend)"],
  spendScaleRate: [positive, "a number > 0"],
  dormancyRate: [nonNegative, "a finite number >= 0"],
  dormancyWeeks: [positive, "a number > 0"],
  lingerProbability: [(v) => Number.isFinite(v) && v >= 0 && v < 1, "a number in [0, 1)"],
  popularityExponent: [nonNegative, "a finite number >= 0"],
  loyalPurchases: [(v) => positiveInt(v) && v >= 2, "an integer >= 2"],
  funnelGapWeeks: [positive, "a number > 0"],
};

const ISO_START = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Fills in defaults and validates every option.
 * @throws RangeError `synthetic options: <name> must be <expected>, got "<value>"` (journeys: one of
 *   JOURNEY_MODES), or when the calibration period is not inside the observation period, or start
 *   is not an ISO date
 */
export function resolveSyntheticOptions(options: SyntheticOptions = {}): ResolvedSyntheticOptions {
  const known = new Set(Object.keys(DEFAULT_SYNTHETIC_OPTIONS));
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new RangeError(`synthetic options: unknown option "${key}"; options are ${[...known].join(", ")}`);
  }
  const merged: Record<string, unknown> = { ...DEFAULT_SYNTHETIC_OPTIONS };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  for (const [key, [check, expected]] of Object.entries(CHECKS)) {
    const v = merged[key];
    if (typeof v !== "number" || !check(v)) throw new RangeError(`synthetic options: ${key} must be ${expected}, got "${String(v)}"`);
  }
  if (merged.seed !== null && !(typeof merged.seed === "number" && Number.isFinite(merged.seed))) {
    throw new RangeError(`synthetic options: seed must be a finite number or null, got "${String(merged.seed)}"`);
  }
  if (!(JOURNEY_MODES as readonly unknown[]).includes(merged.journeys)) {
    throw new RangeError(`synthetic options: journeys must be one of ${JOURNEY_MODES.join(", ")}, got "${String(merged.journeys)}"`);
  }
  const start = merged.start;
  // A time without a zone would be read in the machine's local zone: not reproducible.
  if (typeof start !== "string" || !ISO_START.test(start) || !Number.isFinite(Date.parse(start))) {
    throw new RangeError(`synthetic options: start must be an ISO 8601 UTC date such as "2024-01-01" or "2024-01-01T00:00:00Z", got "${String(start)}"`);
  }
  const resolved = merged as ResolvedSyntheticOptions;
  if (resolved.calibrationWeeks > resolved.weeks) {
    throw new RangeError(
      `synthetic options: calibrationWeeks must be <= weeks (${resolved.weeks}), got "${resolved.calibrationWeeks}"`,
    );
  }
  return Object.freeze({ ...resolved, start: new Date(Date.parse(start)).toISOString() });
}

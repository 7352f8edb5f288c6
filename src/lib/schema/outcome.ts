/**
 * Outcome types of an interaction. `binary` outcomes are 0/1 choices (bought, clicked, accepted),
 * `rating` outcomes are bounded scores (1..5 stars), `amount` outcomes are non-negative quantities
 * (money spent, units bought), `count` outcomes are non-negative integers (app launches, visits),
 * modelled with a log link so that predictions are never negative.
 */
export const OUTCOME_TYPES = {
  binary: "binary",
  rating: "rating",
  amount: "amount",
  count: "count",
} as const;

export type OutcomeType = keyof typeof OUTCOME_TYPES;

export function isOutcomeType(value: unknown): value is OutcomeType {
  return typeof value === "string" && Object.hasOwn(OUTCOME_TYPES, value);
}

/** What the outcome column means and which values are valid. */
export interface OutcomeSpec {
  /** binary | rating | amount. */
  readonly type: OutcomeType;
  /** Smallest valid value; binary: 0, rating: required, amount: 0. */
  readonly min: number;
  /** Largest valid value; binary: 1, rating: required, amount and count: Infinity. */
  readonly max: number;
  /**
   * Amounts only: "log1p" fits the profile models on log(1 + y) and predicts on the amount's scale
   * (learned models always fit amounts on that scale). Absent: none.
   */
  readonly transform?: OutcomeTransform;
}

/** Transforms an amount outcome may declare. */
export const OUTCOME_TRANSFORMS = ["log1p"] as const;
export type OutcomeTransform = (typeof OUTCOME_TRANSFORMS)[number];

/**
 * True when the profile models fit this outcome on the log scale: counts always (log link),
 * amounts when the descriptor asks for `transform: log1p`.
 */
export function fitsOnLogScale(spec: OutcomeSpec): boolean {
  return spec.type === "count" || spec.transform === "log1p";
}

/** The canonical spec of a binary outcome. */
export const BINARY_OUTCOME: OutcomeSpec = Object.freeze({ type: "binary", min: 0, max: 1 });

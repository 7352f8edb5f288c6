/**
 * Outcome types of an interaction. `binary` outcomes are 0/1 choices (bought, clicked, accepted),
 * `rating` outcomes are bounded scores (1..5 stars), `amount` outcomes are non-negative quantities
 * (money spent, units bought).
 */
export const OUTCOME_TYPES = {
  binary: "binary",
  rating: "rating",
  amount: "amount",
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
  /** Largest valid value; binary: 1, rating: required, amount: Infinity. */
  readonly max: number;
}

/** The canonical spec of a binary outcome. */
export const BINARY_OUTCOME: OutcomeSpec = Object.freeze({ type: "binary", min: 0, max: 1 });

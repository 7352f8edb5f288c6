/**
 * The relationship typology, as data: a rule-based reading of Fournier's (1998) relationship forms
 * ("Consumers and their brands", JCR 24(4)) from the behavioural signals a transaction log offers.
 * Rules are checked in order and the first whose conditions all hold gives the type; the last rule
 * has no condition, so every customer gets exactly one type. The site shows this table as is.
 * Exclusivity with the firm (share of wallet) is not observable in a firm's own data, so no rule uses it.
 */

/** Behavioural signals of a customer at the calibration end (weeks). */
export const RELATIONSHIP_SIGNALS = {
  purchases: "purchase days in the calibration period",
  repeatPurchases: "purchase days after the first (BG/NBD x)",
  tenureWeeks: "weeks from the customer's first row to the calibration end",
  weeksSinceLastPurchase: "weeks from the last purchase to the calibration end (T − t_x)",
  spanWeeks: "weeks from the first to the last purchase (t_x)",
  breadth: "levels served / levels lived in, over all context dimensions (needs context)",
  concentration: "largest share of the customer's value in one level of a dimension they live in 2+ levels of (needs context)",
} as const;

export type RelationshipSignal = keyof typeof RELATIONSHIP_SIGNALS;

/** One comparison of a signal with a threshold. */
export interface RuleCondition {
  readonly signal: RelationshipSignal;
  readonly op: ">=" | "<=" | ">" | "<" | "==";
  readonly value: number;
}

/** One relationship type and the conditions that define it. */
export interface RelationshipRule {
  readonly type: string;
  /** The Fournier (1998) form it is read from, or null. */
  readonly fournierForm: string | null;
  readonly description: string;
  /** All must hold; a condition on a signal the data cannot give (no context) does not hold. */
  readonly conditions: readonly RuleCondition[];
}

/** The default rules, in the order they are checked. */
export const RELATIONSHIP_RULES: readonly RelationshipRule[] = Object.freeze([
  { type: "prospect", fournierForm: null, description: "seen by the firm but never bought", conditions: [{ signal: "purchases", op: "==", value: 0 }] },
  { type: "courtship", fournierForm: "courtships", description: "met in the last quarter: the relationship is still being tried out", conditions: [{ signal: "tenureWeeks", op: "<", value: 13 }] },
  {
    type: "committed partnership", fournierForm: "committed partnerships",
    description: "long, frequent and current, and served in most of the customer's contexts (when context is recorded)",
    conditions: [{ signal: "tenureWeeks", op: ">=", value: 26 }, { signal: "repeatPurchases", op: ">=", value: 4 }, { signal: "weeksSinceLastPurchase", op: "<=", value: 13 }],
  },
  {
    type: "compartmentalized friendship", fournierForm: "compartmentalized friendships",
    description: "a repeat buyer who lives in several contexts but spends 80%+ of their value in one of them",
    conditions: [{ signal: "repeatPurchases", op: ">=", value: 2 }, { signal: "weeksSinceLastPurchase", op: "<=", value: 26 }, { signal: "concentration", op: ">=", value: 0.8 }],
  },
  {
    type: "casual friendship", fournierForm: "casual friends/buddies",
    description: "buys again now and then and is still around; low intensity, few expectations",
    conditions: [{ signal: "repeatPurchases", op: ">=", value: 1 }, { signal: "weeksSinceLastPurchase", op: "<=", value: 26 }],
  },
  {
    type: "fling", fournierForm: "flings",
    description: "every purchase within four weeks, then silence for more than a quarter",
    conditions: [{ signal: "spanWeeks", op: "<=", value: 4 }, { signal: "weeksSinceLastPurchase", op: ">", value: 13 }],
  },
  {
    type: "estrangement", fournierForm: "enmities (the weak, passive form: drifting apart)",
    description: "bought repeatedly, then nothing for more than half a year",
    conditions: [{ signal: "repeatPurchases", op: ">=", value: 1 }, { signal: "weeksSinceLastPurchase", op: ">", value: 26 }],
  },
  { type: "acquaintance", fournierForm: "casual acquaintances", description: "everyone else: a purchase or two, no clear pattern yet", conditions: [] },
]);

/** Breadth is a partnership condition only where context is recorded: appended to that rule when the data has context. */
export const PARTNERSHIP_BREADTH: RuleCondition = Object.freeze({ signal: "breadth", op: ">=", value: 0.5 });

/**
 * Whether a condition holds for a signal value; NaN (signal not available) never holds.
 */
export function conditionHolds(c: RuleCondition, v: number): boolean {
  if (Number.isNaN(v)) return false;
  switch (c.op) {
    case ">=": return v >= c.value;
    case "<=": return v <= c.value;
    case ">": return v > c.value;
    case "<": return v < c.value;
    default: return v === c.value;
  }
}

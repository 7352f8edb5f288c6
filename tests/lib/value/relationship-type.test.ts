import { describe, expect, it } from "vitest";
import { conditionHolds, RELATIONSHIP_RULES, RELATIONSHIP_SIGNALS } from "../../../src/lib/value/relationship-rules.js";
import { rulesFor, typeOf, type RelationshipSignals } from "../../../src/lib/value/relationship-type.js";

function signals(rows: Partial<Record<keyof typeof RELATIONSHIP_SIGNALS, number>>[]): RelationshipSignals {
  const keys = Object.keys(RELATIONSHIP_SIGNALS) as (keyof typeof RELATIONSHIP_SIGNALS)[];
  return Object.fromEntries(keys.map((k) => [k, Float64Array.from(rows, (r) => r[k] ?? NaN)])) as RelationshipSignals;
}

describe("relationship-type", () => {
  const s = signals([
    { purchases: 0, tenureWeeks: 40 },
    { purchases: 3, repeatPurchases: 2, tenureWeeks: 8, weeksSinceLastPurchase: 1, spanWeeks: 7 },
    { purchases: 6, repeatPurchases: 5, tenureWeeks: 40, weeksSinceLastPurchase: 2, spanWeeks: 38, breadth: 0.8, concentration: 0.5 },
    { purchases: 6, repeatPurchases: 5, tenureWeeks: 40, weeksSinceLastPurchase: 2, spanWeeks: 38, breadth: 0.3, concentration: 0.9 },
    { purchases: 2, repeatPurchases: 1, tenureWeeks: 40, weeksSinceLastPurchase: 20, spanWeeks: 20 },
    { purchases: 1, repeatPurchases: 0, tenureWeeks: 40, weeksSinceLastPurchase: 40, spanWeeks: 0 },
    { purchases: 3, repeatPurchases: 2, tenureWeeks: 40, weeksSinceLastPurchase: 30, spanWeeks: 10 },
    { purchases: 1, repeatPurchases: 0, tenureWeeks: 20, weeksSinceLastPurchase: 10, spanWeeks: 0 },
    {},
  ]);

  it("gives each customer the first matching rule, with breadth required of partners only where context exists", () => {
    const withContext = rulesFor(true);
    const names = (rules: typeof withContext) => [0, 1, 2, 3, 4, 5, 6, 7, 8].map((c) => { const k = typeOf(rules, s, c); return k < 0 ? null : rules[k]!.type; });
    expect(names(withContext)).toEqual([
      "prospect", "courtship", "committed partnership", "compartmentalized friendship", "casual friendship", "fling", "estrangement", "acquaintance", null,
    ]);
    // without context: customer 3 (breadth 0.3) is a partner; nobody can be compartmentalized
    const noContext = signals([{ purchases: 6, repeatPurchases: 5, tenureWeeks: 40, weeksSinceLastPurchase: 2, spanWeeks: 38 }]);
    expect(RELATIONSHIP_RULES[typeOf(rulesFor(false), noContext, 0)]!.type).toBe("committed partnership");
  });

  it("ends with a rule without conditions so that every customer gets a type, and never holds on a missing signal", () => {
    expect(RELATIONSHIP_RULES.at(-1)!.conditions).toEqual([]);
    expect(conditionHolds({ signal: "breadth", op: ">=", value: 0 }, NaN)).toBe(false);
    expect(conditionHolds({ signal: "purchases", op: "==", value: 0 }, 0)).toBe(true);
  });
});

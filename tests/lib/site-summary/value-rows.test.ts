import { describe, expect, it } from "vitest";
import { breadthRows, conditionInWords, firePolicyRows, holdoutErrorRows, measuresTable, rulesTable, shareCi, targetingTable, typesTable, valueAtStake } from "../../../src/lib/site-summary/value-rows.js";
import type { PublishedValue } from "../../../src/lib/site-summary/value-summary.js";
import { RELATIONSHIP_RULES } from "../../../src/lib/value/relationship-rules.js";
import type { Targeting } from "../../../src/lib/value/targeting.js";

const e = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper });
const side = (model: string, rate: number, revenue: number | null) => ({
  model, targeted: 100, evaluated: 100,
  firm: { acceptances: rate * 100, acceptanceRate: e(rate, rate - 0.02, rate + 0.02), revenue },
  customer: { relevance: e(0.5, 0.45, 0.55), excessContacts: 12, optOutRiskShare: 0.25, doNotContactTargeted: 3 },
});
const ne = (estimate: number, baseline: number, lower: number, upper: number) => ({ estimate, baseline, excess: estimate - baseline, lower, upper, p: 0.01 });
const targeting: Targeting = {
  mode: "ground truth", units: 200, candidates: 10, targetShare: 0.5, contactsPerMonth: 4, models: [side("customer-profile", 0.14, 600), side("context-profile", 0.19, 860.4)], notes: [],
  comparisons: [{ model: "context-profile", reference: "customer-profile", acceptanceRate: e(0.05, 0.03, 0.07), revenue: e(260.4, 100, 420), vsNull: { permutations: 5, acceptanceRate: ne(0.05, 0.01, 0.02, 0.06), revenue: ne(260.4, 60.4, 50, 350) } }],
};
const fire = {
  percentile: 0.2, customers: 100, fired: 20, clvCutoff: 4.8, overlap: 0.9, suppressed: false, definitions: {},
  lostByClv: e(0.04, 0.01, 0.07), lostByIrm: e(0.03, 0.01, 0.05), difference: e(0.01, -0.01, 0.02), differenceVsNull: ne(0.01, 0, -0.01, 0.02),
} as unknown as PublishedValue["firePolicy"];

describe("value-rows", () => {
  it("shareCi writes a share CI in percent; empty without bounds", () => {
    expect(shareCi(e(0.4, 0.352, 0.517))).toBe("95% CI 35% to 52%");
    expect(shareCi(e(0.4, 0.352, 0.517), 1)).toBe("95% CI 35.2% to 51.7%");
    expect(shareCi({ estimate: 0.4, lower: null, upper: null })).toBe("");
  });

  it("firePolicyRows: each policy's value lost and the paired difference; no context and suppression become notes", () => {
    expect(firePolicyRows(fire)).toEqual([
      { label: "fire by CLV: value lost", estimate: 0.04, lower: 0.01, upper: 0.07, group: "crm" },
      { label: "fire by IRM-aware score: value lost", estimate: 0.03, lower: 0.01, upper: 0.05, group: "irm" },
      { label: "difference (CLV − IRM-aware)", estimate: 0.01, lower: -0.01, upper: 0.02, group: "difference" },
    ]);
    expect(firePolicyRows({ ...fire, lostByIrm: "no context recorded" })[1]!.note).toBe("no context recorded");
    expect(firePolicyRows({ ...fire, suppressed: true }).map((r) => r.note)).toEqual(Array(3).fill("suppressed: too few customers fired"));
  });

  it("measuresTable writes estimate, null, excess with CI, the Holm-adjusted interval, Holm p and the claim in the measure's unit", () => {
    const t = measuresTable([
      { measure: "misattributed value share (companion)", unit: "share", nullKind: "context permuted within customer", value: ne(0.151, 0.132, 0.007, 0.028), pHolm: 0.004, adjusted: { lower: 0.002, upper: 0.033, level: 0.99 }, claim: true },
      { measure: "value at stake: a − b", unit: "EUR", nullKind: "x", value: ne(2580, -96, 1838, 3571), pHolm: 0.2, adjusted: { lower: -100, upper: 4000, level: 0.99 }, claim: false },
      { measure: "older record", unit: "share", nullKind: "x", value: ne(0.1, 0.1, -0.01, 0.01), pHolm: 1, claim: false },
    ]);
    expect(t.rows[0]!.cells).toEqual(["misattributed value share (companion)", "15.1%", "13.2%", "1.9% (0.7% to 2.8%)", "0.2% to 3.3%", "0.004", "yes"]);
    expect(t.rows[1]!.cells).toEqual(["value at stake: a − b", "2,580 EUR", "-96 EUR", "2,676 EUR (1,838 EUR to 3,571 EUR)", "-100 EUR to 4,000 EUR", "0.200", "no"]);
    expect(t.rows[2]!.cells[4]).toBe("—");
  });

  it("holdoutErrorRows and breadthRows: one row per model / per dimension and population", () => {
    const err = { customers: 1468, mae: e(2.2, 2.1, 2.4), rmse: e(4, 3.7, 4.3), pearson: e(0.58, 0.52, 0.63), totalRatio: e(0.99, 0.91, 1.09), totalPredicted: 3550, totalActual: 3579 };
    expect(holdoutErrorRows({ "bg-nbd": err }, "totalRatio")).toEqual([{ label: "bg-nbd", estimate: 0.99, lower: 0.91, upper: 1.09, note: "1,468 customers" }]);
    const breadth = [{ dimension: "intent", customers: 2000, meanBreadth: ne(0.55, 0.53, 0.01, 0.03), meanBreadthBuyers: ne(0.76, 0.74, 0.01, 0.03), multiContextServedInOne: ne(0.5, 0.5, -0.01, 0.01), counts: [] }] as unknown as PublishedValue["breadth"];
    expect(breadthRows(breadth)).toEqual([
      { label: "intent: all customers", estimate: 0.55, lower: null, upper: null, note: "2,000 customers; null 53%" },
      { label: "intent: buyers", estimate: 0.76, lower: null, upper: null, note: "null 74%" },
    ]);
    expect(breadthRows("no context recorded")).toEqual([]);
  });

  it("rulesTable lists every rule in order with its conditions in words", () => {
    const t = rulesTable(RELATIONSHIP_RULES);
    expect(t.rows.map((r) => r.cells[0])).toEqual(RELATIONSHIP_RULES.map((r) => r.type));
    expect(t.rows[0]!.cells).toEqual(["prospect", "—", "seen by the firm but never bought", "exactly 0 purchase days"]);
    expect(t.rows.map((r) => r.cells[3]).join(" | ")).not.toMatch(/[<>=]|weeksSince|tenureWeeks/);
    expect(conditionInWords({ signal: "concentration", op: ">=", value: 0.8 })).toBe("at least 80% of the customer's value in one context");
    expect(conditionInWords({ signal: "tenureWeeks", op: "<", value: 13 })).toBe("fewer than 13 weeks as a customer");
    expect(t.rows.at(-1)!.cells[3]).toBe("none (everyone else)");
  });

  it("typesTable marks suppressed types in every value column", () => {
    const t = typesTable([
      { type: "fling", customers: 44, share: 0.88, meanClv: 3.14, meanHoldoutValue: 1, boughtInHoldout: 0.1, suppressed: false },
      { type: "courtship", customers: null, share: null, meanClv: null, meanHoldoutValue: null, boughtInHoldout: null, suppressed: true },
    ], "money");
    expect(t.rows).toEqual([
      { cells: ["fling", "44", "88.0%", "3.1", "1.0", "10%"], suppressed: [false, false, false, false, false, false] },
      { cells: ["courtship", "suppressed", "suppressed", "suppressed", "suppressed", "suppressed"], suppressed: [false, true, true, true, true, true] },
    ]);
  });

  it("targetingTable and valueAtStake compare the IRM and CRM campaigns on the same customers, in the record's currency", () => {
    expect(targetingTable(targeting, "EUR").rows[1]!.cells).toEqual(["context-profile", "19.0%", "+5.0 pts (+3.0 pts to +7.0 pts)", "860", "+260 (+100 to +420)", "50.0%", "25.0%"]);
    expect(targetingTable(targeting, "EUR").rows[0]!.cells[2]).toBe("reference");
    const stake = valueAtStake({ targeting, currency: "EUR" } as unknown as PublishedValue)!;
    expect(stake.extraRevenue!.estimate).toBeCloseTo(260.4, 10);
    expect(stake.vsNull!.excess).toBeCloseTo(200, 10);
    expect(stake.rows.map((r) => [r.label, r.estimate, r.group])).toEqual([["context-profile − customer-profile", 0.05, "irm"]]);
    expect(stake.text).toBe("Expected revenue of one campaign targeted by context-profile minus one targeted by customer-profile, same customers and number of contacts: +260 EUR (95% CI +100 to +420). Refitted on data whose context labels are shuffled within customer, the same model gains +60: context itself is worth +200 (95% CI +50 to +350).");
    expect(valueAtStake({ targeting: "no models given" } as unknown as PublishedValue)).toBeNull();
    expect(valueAtStake({ targeting } as unknown as PublishedValue, "camf")).toBeNull();
  });
});

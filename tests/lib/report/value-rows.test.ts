import { describe, expect, it } from "vitest";
import { breadthRows, fireListRows, holdoutErrorRows, rulesTable, shareCi, targetingTable, typesTable, valueAtStake } from "../../../src/lib/report/value-rows.js";
import type { PublishedValue } from "../../../src/lib/report/value-summary.js";
import { RELATIONSHIP_RULES } from "../../../src/lib/value/relationship-rules.js";
import type { Targeting } from "../../../src/lib/value/targeting.js";

const e = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper });
const side = (model: string, rate: number, revenue: number | null) => ({
  model, targeted: 100, evaluated: 100,
  firm: { acceptances: rate * 100, acceptanceRate: e(rate, rate - 0.02, rate + 0.02), revenue },
  customer: { relevance: e(0.5, 0.45, 0.55), excessContacts: 12, optOutRiskShare: 0.25, doNotContactTargeted: 3 },
});
const targeting: Targeting = { mode: "ground truth", units: 200, candidates: 10, targetShare: 0.5, contactsPerMonth: 4, models: [side("customer-profile", 0.14, 600), side("context-profile", 0.19, 860.4)], notes: [] };
const fire = {
  percentile: 0.2, customers: 100, fired: 20, clvCutoff: 4.8, suppressed: false, definitions: {},
  valuableInContext: e(0.45, 0.4, 0.5), valuableInHoldout: e(0.05, 0.02, 0.07), cameBack: e(0.1, 0.05, 0.15), valueLost: e(500, 200, 800), valueLostShare: e(0.04, 0.01, 0.07),
} as unknown as PublishedValue["fireList"];

describe("value-rows", () => {
  it("shareCi writes a share CI in percent; empty without bounds", () => {
    expect(shareCi(e(0.4, 0.352, 0.517))).toBe("95% CI 35% to 52%");
    expect(shareCi(e(0.4, 0.352, 0.517), 1)).toBe("95% CI 35.2% to 51.7%");
    expect(shareCi({ estimate: 0.4, lower: null, upper: null })).toBe("");
  });

  it("fireListRows: four shares; 'no context recorded' and a suppressed list become notes", () => {
    expect(fireListRows(fire)).toEqual([
      { label: "valuable in some context", estimate: 0.45, lower: 0.4, upper: 0.5 },
      { label: "valuable in the holdout", estimate: 0.05, lower: 0.02, upper: 0.07 },
      { label: "came back and bought", estimate: 0.1, lower: 0.05, upper: 0.15 },
      { label: "share of holdout value lost", estimate: 0.04, lower: 0.01, upper: 0.07 },
    ]);
    expect(fireListRows({ ...fire, valuableInContext: "no context recorded" })[0]).toEqual({ label: "valuable in some context", estimate: null, lower: null, upper: null, note: "no context recorded" });
    expect(fireListRows({ ...fire, suppressed: true }).map((r) => r.note)).toEqual(Array(4).fill("suppressed: too few customers fired"));
  });

  it("holdoutErrorRows and breadthRows: one row per model / per dimension and population", () => {
    const err = { customers: 1468, mae: e(2.2, 2.1, 2.4), rmse: e(4, 3.7, 4.3), pearson: e(0.58, 0.52, 0.63), totalRatio: e(0.99, 0.91, 1.09), totalPredicted: 3550, totalActual: 3579 };
    expect(holdoutErrorRows({ "bg-nbd": err }, "totalRatio")).toEqual([{ label: "bg-nbd", estimate: 0.99, lower: 0.91, upper: 1.09, note: "1,468 customers" }]);
    const breadth = [{ dimension: "intent", customers: 2000, meanBreadth: e(0.55, 0.53, 0.57), meanBreadthBuyers: e(0.76, 0.74, 0.77), multiContextServedInOne: 0.5, counts: [] }] as unknown as PublishedValue["breadth"];
    expect(breadthRows(breadth)).toEqual([
      { label: "intent: all customers", estimate: 0.55, lower: 0.53, upper: 0.57, note: "2,000 customers" },
      { label: "intent: buyers", estimate: 0.76, lower: 0.74, upper: 0.77 },
    ]);
    expect(breadthRows("no context recorded")).toEqual([]);
  });

  it("rulesTable lists every rule in order with its conditions in words", () => {
    const t = rulesTable(RELATIONSHIP_RULES);
    expect(t.rows.map((r) => r.cells[0])).toEqual(RELATIONSHIP_RULES.map((r) => r.type));
    expect(t.rows[0]!.cells).toEqual(["prospect", "—", "seen by the firm but never bought", "purchases == 0"]);
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

  it("targetingTable and valueAtStake compare both sides of the IRM and CRM campaigns", () => {
    expect(targetingTable(targeting).rows[1]!.cells).toEqual(["context-profile", "19.0% (17.0% to 21.0%)", "860", "50.0% (45.0% to 55.0%)", "12", "25.0%"]);
    const stake = valueAtStake({ targeting } as unknown as PublishedValue)!;
    expect(stake.extraRevenue).toBeCloseTo(260.4, 10);
    expect(stake.rows.map((r) => [r.label, r.estimate, r.group])).toEqual([["context-profile", 0.19, "irm"], ["customer-profile", 0.14, "crm"]]);
    expect(stake.text).toBe("Acceptance 19.0% (95% CI 17.0% to 21.0%) with context-profile vs 14.0% (95% CI 12.0% to 16.0%) with customer-profile, same number of customers contacted.");
    expect(valueAtStake({ targeting: "no models given" } as unknown as PublishedValue)).toBeNull();
    expect(valueAtStake({ targeting } as unknown as PublishedValue, "camf")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { isSmallCell, publishClv, publishValue } from "../../../src/lib/site-summary/value-summary.js";
import type { ClvReport } from "../../../src/lib/value/clv-report.js";
import type { ValueRecord } from "../../../src/lib/records/value-record.js";

const est = (estimate: number) => ({ estimate, lower: estimate - 0.1, upper: estimate + 0.1 });

const clv = {
  frequencyVsHoldout: { "bg-nbd": { frequency: [0, 1, 2], customers: [40, 4, 0], actualMean: [0.5, 1.5, null], predictedMean: [0.4, 1.2, null] } },
  tracking: {},
} as unknown as ClvReport;

const record = {
  kind: "irmlab-value/2",
  unit: "currency",
  valueByContext: [{ dimension: "companion", customersWithValue: 50, misattributedShare: est(0.2), perCustomerQuantiles: {}, levels: [
    { level: "alone", customers: 45, rows: 300, purchases: 90, value: 900, valueShare: 0.9, occasionShare: 0.8, propensity: 0.3, valuePerPurchase: 10 },
    { level: "business", customers: 5, rows: 20, purchases: 10, value: 100, valueShare: 0.1, occasionShare: 0.2, propensity: 0.5, valuePerPurchase: 10 },
  ] }],
  breadth: [{ dimension: "companion", customers: 50, meanBreadth: est(0.5), meanBreadthBuyers: est(0.6), multiContextServedInOne: 0.3, counts: [[0, 0], [12, 3]] }],
  relationshipTypes: { rules: [], signals: {}, customers: 50, notes: [], types: [
    { type: "fling", customers: 44, share: 0.88, meanClv: 3, meanHoldoutValue: 1, boughtInHoldout: 0.1 },
    { type: "courtship", customers: 6, share: 0.12, meanClv: 9, meanHoldoutValue: 5, boughtInHoldout: 0.5 },
    { type: "prospect", customers: 0, share: 0, meanClv: null, meanHoldoutValue: null, boughtInHoldout: null },
  ] },
  journeys: { customers: 50, transitions: 100, counts: [[80, 2], [0, 18]], probabilities: [[0.975, 0.025], [0, 1]], stages: ["prospect", "first"], lapseMonths: 3, period: "calendar month (UTC)", truth: null },
  firePolicy: { percentile: 0.2, customers: 40, fired: 8 },
  targeting: "no models given",
} as unknown as ValueRecord;

describe("value-summary", () => {
  it("isSmallCell: more than none and fewer than k", () => {
    expect([0, 1, 9, 10, 11].map((n) => isSmallCell(n, 10))).toEqual([false, true, true, false, false]);
  });

  it("publishClv suppresses calibration-vs-holdout buckets with fewer than k customers", () => {
    expect(publishClv(clv, 10).frequencyVsHoldout).toEqual({
      "bg-nbd": { frequency: [0, 1, 2], customers: [40, null, 0], actualMean: [0.5, null, null], predictedMean: [0.4, null, null], suppressed: [false, true, false] },
    });
  });

  it("publishValue suppresses small context levels, breadth cells, relationship types, journey cells and a small fire list", () => {
    const p = publishValue(record, 10);
    if (typeof p.valueByContext === "string" || typeof p.breadth === "string") throw new Error("context expected");
    expect(p.valueByContext[0]!.levels).toEqual([
      { level: "alone", customers: 45, rows: 300, purchases: 90, value: 900, valueShare: 0.9, occasionShare: 0.8, propensity: 0.3, valuePerPurchase: 10, suppressed: false },
      { level: "business", customers: null, rows: null, purchases: null, value: null, valueShare: null, occasionShare: null, propensity: null, valuePerPurchase: null, suppressed: true },
    ]);
    expect(p.valueByContext[0]!.misattributedShare).toEqual(est(0.2));
    expect(p.breadth[0]!.counts).toEqual([[0, 0], [12, null]]);
    expect(p.relationshipTypes.types).toEqual([
      { type: "fling", customers: 44, share: 0.88, meanClv: 3, meanHoldoutValue: 1, boughtInHoldout: 0.1, suppressed: false },
      { type: "courtship", customers: null, share: null, meanClv: null, meanHoldoutValue: null, boughtInHoldout: null, suppressed: true },
      { type: "prospect", customers: 0, share: 0, meanClv: null, meanHoldoutValue: null, boughtInHoldout: null, suppressed: false },
    ]);
    expect(p.journeys.counts).toEqual([[80, null], [0, 18]]);
    expect(p.journeys.probabilities).toEqual([[0.975, null], [0, 1]]);
    expect(p.firePolicy.suppressed).toBe(true);
    expect(publishValue(record, 5).firePolicy.suppressed).toBe(false);
  });

  it("passes 'no context recorded' through and leaves the input untouched", () => {
    const none = { ...record, valueByContext: "no context recorded", breadth: "no context recorded" } as unknown as ValueRecord;
    const p = publishValue(none, 10);
    expect(p.valueByContext).toBe("no context recorded");
    expect(p.breadth).toBe("no context recorded");
    expect(record.journeys.counts).toEqual([[80, 2], [0, 18]]);
  });

  it("rejects a bad threshold and a record of another kind, quoting the value", () => {
    expect(() => publishValue(record, 0)).toThrowError(/publishValue: minCellCustomers must be a positive integer, received "0"/);
    expect(() => publishClv(clv, 1.5)).toThrowError(/publishClv: minCellCustomers must be a positive integer, received "1\.5"/);
    expect(() => publishValue({ ...record, kind: "irmlab-value/0" } as unknown as ValueRecord, 10)).toThrowError(/expected kind "irmlab-value\/2", received "irmlab-value\/0"/);
  });
});

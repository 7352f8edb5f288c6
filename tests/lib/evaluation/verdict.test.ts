import { describe, expect, it } from "vitest";
import { decide, verdictOf, verdictSentence } from "../../../src/lib/evaluation/verdict.js";
import type { Comparison, PairedDifference } from "../../../src/lib/records/metrics-record.js";

const diff = (estimate: number, lower: number, upper: number): PairedDifference => ({ estimate, lower, upper, level: 0.95, resamples: 1000, rows: 100, customers: 20 });

function comparison(overall: PairedDifference, metric: "logLoss" | "auc", cells: [string, PairedDifference | null][] = []): Comparison {
  return {
    irm: "context-profile",
    crm: "customer-profile",
    metric,
    higherIsBetter: metric === "auc",
    overall,
    byContext: cells.map(([level, d]) => ({ dimension: "companion", level, rows: 10, customers: 10, difference: d })),
  };
}

describe("verdict", () => {
  it("says IRM is better when a lower-is-better metric's CI is entirely below 0", () => {
    expect(verdictOf(diff(-0.02, -0.03, -0.01), false)).toBe("irm-better");
    expect(verdictSentence(comparison(diff(-0.0213, -0.0301, -0.0125), "logLoss"))).toBe(
      "IRM better: The multi-context model (context-profile) predicts better than the single-profile model (customer-profile): log-loss 0.0213 lower (95% CI 0.0125 to 0.0301).",
    );
  });

  it("says CRM is better when AUC is significantly lower for IRM", () => {
    expect(verdictOf(diff(-0.02, -0.03, -0.01), true)).toBe("crm-better");
    expect(verdictSentence(comparison(diff(-0.02, -0.03, -0.01), "auc"))).toMatch(/^CRM better: The single-profile model \(customer-profile\) predicts better than the multi-context model \(context-profile\): AUC 0.020 higher \(95% CI 0\.010 to 0\.030\)/);
  });

  it("is inconclusive when the CI includes 0 and equivalence is not shown, even with a non-zero estimate", () => {
    const s = verdictSentence(comparison({ ...diff(0.004, -0.001, 0.009), margin: 0.005, pTost: 0.2, verdict: "inconclusive" }, "auc"));
    expect(s).toMatch(/^Inconclusive: the multi-context model \(context-profile\) and the single-profile model \(customer-profile\) differ in AUC by 0\.0040 \(95% CI -0\.0010 to 0\.0090, which includes 0, and it cannot rule out a difference of ±0\.0050 that would matter \(TOST p = 0\.20\)\)\.$/);
    // runs without an equivalence test: a CI that touches 0 is inconclusive
    expect(verdictOf(diff(0, 0, 0.01), true)).toBe("inconclusive");
  });

  it("says equivalent when the TOST p is below α and the CI includes 0", () => {
    const d = { ...diff(0.0004, -0.001, 0.0018), margin: 0.005, pTost: 0.0004, verdict: "equivalent" as const };
    expect(verdictSentence(comparison(d, "auc"))).toMatch(/^Equivalent within ±0\.0050: the multi-context model .* differ in AUC by 0\.0004 \(95% CI -0\.0010 to 0\.0018; TOST p = 0\.00040\), less than the margin that matters\.$/);
  });

  it("decides exactly one of four verdicts: a detectable difference first, then equivalence, else inconclusive", () => {
    expect(decide(0.01, 0.03, 0.001, 0.05, true)).toBe("irm-better");
    expect(decide(0.01, 0.03, 0.001, 0.05, false)).toBe("crm-better");
    expect(decide(-0.03, -0.01, 0.9, 0.05, false)).toBe("irm-better");
    expect(decide(-0.01, 0.01, 0.01, 0.05, true)).toBe("equivalent");
    expect(decide(-0.01, 0.01, 0.05, 0.05, true)).toBe("inconclusive");
    expect(decide(-0.01, 0.01, null, 0.05, true)).toBe("inconclusive");
    // a difference smaller than the margin but clearly not 0 is a difference, said to be below the margin
    const small = { ...diff(0.001, 0.0005, 0.0015), margin: 0.005, pTost: 0.0001, verdict: "irm-better" as const };
    expect(verdictSentence(comparison(small, "auc"))).toMatch(/^IRM better: .*; smaller than the ±0\.0050 margin that matters\)\.$/);
  });

  it("lists contexts by direction, grouped by dimension, and ignores cells without a CI", () => {
    const c = comparison(diff(0.03, 0.02, 0.04), "auc", [
      ["family", diff(0.05, 0.03, 0.07)],
      ["business", diff(0.04, 0.01, 0.07)],
      ["alone", diff(0.0, -0.01, 0.01)],
      ["tiny", null],
    ]);
    const withIntent: Comparison = {
      ...c,
      byContext: [...c.byContext, { dimension: "intent", level: "gift", rows: 10, customers: 10, difference: diff(0.02, 0.01, 0.03) }],
    };
    const s = verdictSentence(withIntent);
    expect(s).toMatch(/By context: the multi-context model is better for companion family and business, intent gift; inconclusive for companion alone\.$/);
    expect(s).not.toMatch(/tiny/);
  });

  it("claims a per-context difference only when the Holm-adjusted p-value agrees with the CI", () => {
    const withP = (d: PairedDifference, pHolm: number): PairedDifference => ({ ...d, pValue: pHolm / 3, pHolm });
    expect(verdictOf(withP(diff(0.05, 0.03, 0.07), 0.01), true)).toBe("irm-better");
    expect(verdictOf(withP(diff(0.05, 0.03, 0.07), 0.2), true)).toBe("inconclusive");
    // a recorded verdict is the verdict
    expect(verdictOf({ ...withP(diff(0.05, 0.03, 0.07), 0.2), verdict: "equivalent" }, true)).toBe("equivalent");
    const c = comparison(diff(0.03, 0.02, 0.04), "auc", [
      ["family", withP(diff(0.05, 0.03, 0.07), 0.001)],
      ["business", withP(diff(0.04, 0.01, 0.07), 0.09)],
    ]);
    expect(verdictSentence(c)).toMatch(/By context \(Holm-adjusted\): the multi-context model is better for companion family; inconclusive for companion business\.$/);
  });

  it("states k-fold verdicts with the Nadeau–Bengio interval, which may overrule the bootstrap", () => {
    const c: Comparison = {
      ...comparison(diff(-0.02, -0.03, -0.01), "logLoss"),
      crossValidation: { perFold: [-0.03, 0.01, -0.04], mean: -0.02, lower: -0.07, upper: 0.03, level: 0.95, t: -1, df: 2, pValue: 0.4, trainRows: 200, testRows: 100 },
    };
    expect(verdictSentence(c)).toBe(
      "Inconclusive: the multi-context model (context-profile) and the single-profile model (customer-profile) differ in log-loss by -0.020 (95% CI -0.070 to 0.030, over 3 folds, Nadeau–Bengio, which includes 0).",
    );
  });

  it("adds a segment sentence when a segment cell shows a supported difference", () => {
    const c: Comparison = {
      ...comparison(diff(-0.02, -0.03, -0.01), "logLoss"),
      bySegment: [
        { dimension: "history", level: "heavy", rows: 10, customers: 10, difference: { ...diff(-0.05, -0.07, -0.03), pValue: 0.001, pHolm: 0.002 } },
        { dimension: "history", level: "light", rows: 10, customers: 10, difference: { ...diff(0.01, -0.02, 0.04), pValue: 0.5, pHolm: 0.5 } },
      ],
    };
    expect(verdictSentence(c)).toMatch(/\. By customer segment \(Holm-adjusted\): the multi-context model is better for history heavy; inconclusive for history light\.$/);
  });
});

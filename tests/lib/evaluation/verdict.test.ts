import { describe, expect, it } from "vitest";
import { cellDirection, direction, verdictSentence } from "../../../src/lib/evaluation/verdict.js";
import type { Comparison, PairedDifference } from "../../../src/lib/run/run-record.js";

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
    expect(direction(diff(-0.02, -0.03, -0.01), false)).toBe("irm-better");
    expect(verdictSentence(comparison(diff(-0.0213, -0.0301, -0.0125), "logLoss"))).toBe(
      "The multi-context model (context-profile) predicts better than the single-profile model (customer-profile): log-loss 0.02130 lower (95% CI 0.01250 to 0.03010).",
    );
  });

  it("says CRM is better when AUC is significantly lower for IRM", () => {
    expect(direction(diff(-0.02, -0.03, -0.01), true)).toBe("crm-better");
    expect(verdictSentence(comparison(diff(-0.02, -0.03, -0.01), "auc"))).toMatch(/^The single-profile model \(customer-profile\) predicts better than the multi-context model \(context-profile\): AUC 0.02000 higher/);
  });

  it("claims no difference when the CI includes 0, even with a non-zero estimate", () => {
    const s = verdictSentence(comparison(diff(0.004, -0.001, 0.009), "auc"));
    expect(s).toMatch(/^No detectable difference/);
    expect(s).toMatch(/includes 0/);
    expect(direction(diff(0, 0, 0.01), true)).toBe("no-difference");
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
    expect(s).toMatch(/By context: the multi-context model is better for companion family and business, intent gift; no detectable difference for companion alone\.$/);
    expect(s).not.toMatch(/tiny/);
  });

  it("claims a per-context difference only when the Holm-adjusted p-value agrees with the CI", () => {
    const withP = (d: PairedDifference, pHolm: number): PairedDifference => ({ ...d, pValue: pHolm / 3, pHolm });
    expect(cellDirection(withP(diff(0.05, 0.03, 0.07), 0.01), true)).toBe("irm-better");
    expect(cellDirection(withP(diff(0.05, 0.03, 0.07), 0.2), true)).toBe("no-difference");
    const c = comparison(diff(0.03, 0.02, 0.04), "auc", [
      ["family", withP(diff(0.05, 0.03, 0.07), 0.001)],
      ["business", withP(diff(0.04, 0.01, 0.07), 0.09)],
    ]);
    expect(verdictSentence(c)).toMatch(/By context \(Holm-adjusted\): the multi-context model is better for companion family; no detectable difference for companion business\.$/);
  });

  it("states k-fold verdicts with the Nadeau–Bengio interval, which may overrule the bootstrap", () => {
    const c: Comparison = {
      ...comparison(diff(-0.02, -0.03, -0.01), "logLoss"),
      crossValidation: { perFold: [-0.03, 0.01, -0.04], mean: -0.02, lower: -0.07, upper: 0.03, level: 0.95, t: -1, df: 2, pValue: 0.4, trainRows: 200, testRows: 100 },
    };
    expect(verdictSentence(c)).toBe(
      "No detectable difference between the multi-context model (context-profile) and the single-profile model (customer-profile): log-loss differs by -0.02000 (95% CI -0.07000 to 0.03000, over 3 folds, Nadeau–Bengio, which includes 0).",
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
    expect(verdictSentence(c)).toMatch(/\. By customer segment \(Holm-adjusted\): the multi-context model is better for history heavy; no detectable difference for history light\.$/);
  });
});

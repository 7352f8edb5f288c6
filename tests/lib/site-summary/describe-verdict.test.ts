import { describe, expect, it } from "vitest";
import type { SiteComparison } from "../../../src/lib/site-summary/site-summary-types.js";
import type { Verdict } from "../../../src/lib/evaluation/verdict.js";
import { describeVerdict, formatCi, formatDifference, formatValue } from "../../../src/lib/site-summary/describe-verdict.js";

function comparison(estimate: number, lower: number, upper: number, higherIsBetter: boolean, verdict: Verdict, extra: { margin?: number; pTost?: number } = {}): SiteComparison {
  return {
    irm: "context-profile",
    crm: "customer-profile",
    metric: higherIsBetter ? "auc" : "logLoss",
    label: higherIsBetter ? "AUC" : "log-loss",
    higherIsBetter,
    level: 0.95,
    resamples: 1000,
    irmValue: 0.7,
    crmValue: 0.7 - estimate,
    overall: { rows: 100, customers: 50, suppressed: false, estimate, lower, upper, verdict, ...extra },
    byContext: [],
    bySegment: [],
  };
}

describe("verdict", () => {
  it("formats numbers with a true minus sign, at least two significant digits (never 0.000), and a dash for null", () => {
    expect([formatValue(-0.0291), formatValue(0.5), formatValue(-0.0004), formatValue(null), formatValue(Number.NaN), formatValue(1.23456, 2), formatValue(0), formatValue(0.000123), formatValue(2580.4)]).toEqual([
      "\u22120.029",
      "0.500",
      "\u22120.00040",
      "—",
      "—",
      "1.23",
      "0",
      "0.00012",
      "2,580",
    ]);
    expect([formatDifference(0.0291), formatDifference(-0.0291), formatDifference(0.0001), formatDifference(null)]).toEqual(["+0.029", "\u22120.029", "+0.00010", "—"]);
    expect(formatCi(0.9, -0.05, 0.01)).toBe("90% CI \u22120.050 to 0.010");
  });

  it("says the CRM model predicts better when it does", () => {
    const v = describeVerdict(comparison(-0.04, -0.06, -0.02, true, "crm-better"));
    expect(v.verdict).toBe("crm-better");
    expect(v.headline).toBe("The single-profile (CRM) model predicts better than the multi-context (IRM) model, by 0.040 AUC (5.4% of the CRM model's AUC).");
    expect(v.detail).toBe("AUC: context-profile 0.700 vs customer-profile 0.740; difference IRM \u2212 CRM \u22120.040 (95% CI \u22120.060 to \u22120.020; higher is better).");
  });

  it("says inconclusive when the CI includes zero and equivalence is not shown", () => {
    const v = describeVerdict(comparison(-0.004, -0.011, 0.003, false, "inconclusive", { margin: 0.007, pTost: 0.31 }));
    expect(v.headline).toBe("Inconclusive: the data cannot tell whether the multi-context (IRM) model predicts better or worse than the single-profile (CRM) model.");
    expect(v.detail).toBe(
      "log-loss: context-profile 0.700 vs customer-profile 0.704; difference IRM \u2212 CRM \u22120.0040 (95% CI \u22120.011 to 0.0030; lower is better). The interval includes zero and reaches beyond the equivalence margin ±0.0070 log-loss, TOST p = 0.31: more data is needed to tell.",
    );
  });

  it("says equivalent within the margin when TOST shows it", () => {
    const v = describeVerdict(comparison(0.0004, -0.002, 0.003, false, "equivalent", { margin: 0.007, pTost: 0.0002 }));
    expect(v.verdict).toBe("equivalent");
    expect(v.headline).toBe("Equivalent: the multi-context (IRM) and single-profile (CRM) models predict equally well, within ±0.0070 log-loss that would matter.");
    expect(v.detail).toMatch(/The difference lies inside the equivalence margin ±0\.0070 log-loss, TOST p < 0\.001\.$/);
  });
});

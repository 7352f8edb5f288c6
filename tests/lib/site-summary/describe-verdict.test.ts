import { describe, expect, it } from "vitest";
import type { SiteComparison } from "../../../src/lib/site-summary/site-summary-types.js";
import type { Verdict } from "../../../src/lib/evaluation/verdict.js";
import { describeVerdict } from "../../../src/lib/site-summary/describe-verdict.js";

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

  it("says the CRM model predicts better when it does", () => {
    const v = describeVerdict(comparison(-0.04, -0.06, -0.02, true, "crm-better"));
    expect(v.verdict).toBe("crm-better");
    expect(v.headline).toBe("The single-profile (CRM) model predicts better than the multi-context (IRM) model, by 0.040 AUC (5.4% of the CRM model's AUC).");
    expect(v.detail).toBe("AUC: context-profile 0.700 vs customer-profile 0.740; difference IRM \u2212 CRM -0.040 (95% CI -0.060 to -0.020), higher is better.");
  });

  it("says inconclusive when the CI includes zero and equivalence is not shown", () => {
    const v = describeVerdict(comparison(-0.004, -0.011, 0.003, false, "inconclusive", { margin: 0.007, pTost: 0.31 }));
    expect(v.headline).toBe("Inconclusive: the data cannot tell whether the multi-context (IRM) model predicts better or worse than the single-profile (CRM) model.");
    expect(v.detail).toBe(
      "log-loss: context-profile 0.700 vs customer-profile 0.704; difference IRM \u2212 CRM -0.0040 (95% CI -0.0110 to +0.0030), lower is better. The interval includes zero and reaches beyond the equivalence margin ±0.0070 log-loss, TOST p = 0.31: more data is needed to tell.",
    );
  });

  it("says equivalent within the margin when TOST shows it", () => {
    const v = describeVerdict(comparison(0.0004, -0.002, 0.003, false, "equivalent", { margin: 0.007, pTost: 0.0002 }));
    expect(v.verdict).toBe("equivalent");
    expect(v.headline).toBe("Equivalent: the multi-context (IRM) and single-profile (CRM) models predict equally well, within ±0.0070 log-loss that would matter.");
    expect(v.detail).toMatch(/The difference lies inside the equivalence margin ±0\.0070 log-loss, TOST p = 0\.00020\.$/);
  });
});

import { describe, expect, it } from "vitest";
import { plainEffect, stakeLabel, verdictLabel, type StudyHeadline } from "../../../../src/lib/site-summary/front-page/study-rows.js";

const h = (estimate: number, lower: number, upper: number, verdict: StudyHeadline["verdict"]): StudyHeadline => ({
  metric: "log-loss", irm: "context-profile", crm: "customer-profile", higherIsBetter: false, level: 0.95, estimate, lower, upper, verdict, suppressed: false,
});

describe("study rows", () => {
  it("says one of the four verdicts, or that context is not applicable, or that the data cannot tell", () => {
    expect(verdictLabel(h(-0.03, -0.04, -0.02, "irm-better"), 3)).toBe("IRM better");
    expect(verdictLabel(h(0.03, 0.02, 0.04, "crm-better"), 3)).toBe("CRM better");
    expect(verdictLabel(h(0.0001, -0.0002, 0.0004, "equivalent"), 3)).toBe("Equivalent within the margin");
    expect(verdictLabel(h(0.001, -0.002, 0.004, "inconclusive"), 3)).toBe("Inconclusive");
    expect(verdictLabel(h(0, 0, 0, "inconclusive"), 0)).toBe("Not applicable: no context recorded");
    expect(verdictLabel(null, 2)).toBe("Inconclusive: too few customers to compare");
  });

  it("says a context-free run's value at stake is not applicable, not a number (CRM vs IRM is undefined without context)", () => {
    const stake = { text: "Expected revenue … +0 purchases (95% CI +0 to +0)." };
    expect(stakeLabel(stake, 0)).toBe("Value at stake: not applicable: no context recorded (IRM and CRM see the same information).");
    expect(stakeLabel(stake, 0)).not.toMatch(/\+0|equivalent/);
    expect(stakeLabel(stake, 2)).toBe(`Value at stake: ${stake.text}`);
    expect(stakeLabel(null, 2)).toBe("Value: not measured for this dataset.");
  });

  it("states the effect in plain words with its CI on the effect's side, or says the CI includes no difference", () => {
    expect(plainEffect(h(-0.0291, -0.0382, -0.0205, "irm-better"))).toBe("context-profile's log-loss is 0.0291 lower than customer-profile's (95% CI 0.0205 to 0.0382 lower; lower is better).");
    expect(plainEffect(h(0.00012, -0.0021, 0.0024, "inconclusive"))).toBe("context-profile's log-loss is 0.0001 higher than customer-profile's (95% CI -0.0021 to 0.0024, which includes no difference; lower is better).");
    expect(plainEffect(h(0, 0, 0, "inconclusive"))).toBe("The two models give identical log-loss on every test row.");
  });
});

import { publicPath } from "../../../../src/lib/site-summary/site-summary.js";

describe("published paths", () => {
  it("keep a project path, and only the file name of an absolute path or one climbing out of the project", () => {
    expect(publicPath("data/datasets/tripadvisor.yaml")).toBe("data/datasets/tripadvisor.yaml");
    expect(publicPath("/home/someone/private/my.yaml")).toBe("my.yaml");
    expect(publicPath("../../../tmp/irmlab-e2e-x/emails-dataset.yaml")).toBe("emails-dataset.yaml");
    expect(publicPath("C:\\Users\\someone\\my.yaml")).toBe("my.yaml");
  });
});

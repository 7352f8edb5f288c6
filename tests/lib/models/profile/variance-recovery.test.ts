import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitModel } from "../../../../src/lib/models/model.js";
import { contextProfile } from "../../../../src/lib/models/profile/profile-models.js";
import type { VarianceComponent } from "../../../../src/lib/models/profile/additive-effects.js";
import { SCENARIOS, simulateComponents } from "../../../fixtures/variance/simulate-components.js";

/**
 * Variance components of the context-profile engine against lme4 on the same simulated rows
 * (tests/fixtures/variance: simulate-components.ts generates, make-fixtures.R fits lmer/glmer).
 *
 * Stated tolerances (ratio ours / lme4):
 *  - Gaussian (lmer REML): every grouping with lme4 SD ≥ 0.2 and the residual within ±5%.
 *  - Binary (glmer Laplace): customer and customer×context within −15%/+5%, item and item×context
 *    within −30%/+5%. Our Laplace-EM uses the Gaussian approximation of each effect's posterior at its
 *    mode, which attenuates logit components by about 10% (the known penalized-quasi-likelihood bias);
 *    glmer maximizes the Laplace likelihood itself.
 *  - The companion main effect is a fixed effect in both (3 levels), so it has no variance component.
 * And, against the truth: customer×context never at the floor, within −30%/+15% of the true SD.
 */
interface Lme4Fit {
  readonly rows: number;
  readonly outcomeSum: number;
  readonly sd: Readonly<Record<string, number>>;
}
const lme4 = JSON.parse(readFileSync(new URL("../../../fixtures/variance/lme4.json", import.meta.url), "utf8")) as Record<string, Lme4Fit>;

const TOLERANCE = {
  gaussian: { customer: [0.95, 1.05], "customer×companion": [0.95, 1.05], item: [0.95, 1.05], "item×companion": [0.95, 1.05], residual: [0.95, 1.05] },
  binary: { customer: [0.85, 1.05], "customer×companion": [0.85, 1.05], item: [0.7, 1.05], "item×companion": [0.7, 1.05] },
} as const;

describe("variance components recover the truth (context-profile vs lme4, 30 rows per customer)", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: within tolerance of lme4, customer×context SD ${scenario.sd["customer×companion"]} recovered`, async () => {
      const data = simulateComponents(scenario);
      const ref = lme4[scenario.name]!;
      // the fixture was fitted on these very rows
      expect(data.size).toBe(ref.rows);
      expect(data.outcome.reduce((a, b) => a + b, 0)).toBeCloseTo(ref.outcomeSum, 6);
      const trained = await fitModel(contextProfile, data, { seed: 1 });
      const described = trained.fitted.describe() as { converged: boolean; varianceComponents: VarianceComponent[] };
      expect(described.converged).toBe(true);
      const ours = new Map(described.varianceComponents.map((c) => [c.grouping, c]));
      for (const [grouping, [low, high]] of Object.entries(TOLERANCE[scenario.outcome])) {
        const reference = ref.sd[grouping]!;
        if (reference < 0.2) continue;
        const ratio = ours.get(grouping)!.sd / reference;
        expect(ratio, `${grouping}: ours ${ours.get(grouping)!.sd}, lme4 ${reference}`).toBeGreaterThanOrEqual(low);
        expect(ratio, `${grouping}: ours ${ours.get(grouping)!.sd}, lme4 ${reference}`).toBeLessThanOrEqual(high);
      }
      const cc = ours.get("customer×companion")!;
      const truth = scenario.sd["customer×companion"];
      expect(cc.atFloor).toBe(false);
      expect(cc.sd).toBeGreaterThan(0.7 * truth);
      expect(cc.sd).toBeLessThan(1.15 * truth);
    });
  }
});

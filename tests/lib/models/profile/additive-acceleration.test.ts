import { describe, expect, it } from "vitest";
import { fitAdditiveEffects } from "../../../../src/lib/models/profile/additive-effects.js";
import { contextProfileGroupings } from "../../../../src/lib/models/profile/groupings.js";
import { SCENARIOS, simulateComponents } from "../../../fixtures/variance/simulate-components.js";

// SQUAREM only changes the path to the fixed point, not the point: run to a tight tolerance, the
// accelerated and the plain passes must land on the same variances and effects, and the accelerated
// path must get there in far fewer passes (the reason it exists).


describe("SQUAREM-accelerated passes of the additive-effects fit", () => {
  // the logit's IRLS weights are float32, so its passes settle near 1e-7, not 1e-9
  for (const [name, tolerance] of [["gaussian-cc0.3", 1e-9], ["binary-cc0.3", 1e-7], ["binary-cc0.6", 1e-7]] as const) {
    it(`${name}: same fixed point as plain passes, in under half the passes`, () => {
      const data = simulateComponents(SCENARIOS.find((s) => s.name === name)!);
      const options = { tolerance, passes: 5000 };
      const plain = fitAdditiveEffects(data, contextProfileGroupings(data), { ...options, accelerate: false });
      const fast = fitAdditiveEffects(data, contextProfileGroupings(data), options);
      expect(plain.converged).toBe(true);
      expect(fast.converged).toBe(true);
      expect(fast.passes, `accelerated ${fast.passes} passes, plain ${plain.passes}`).toBeLessThan(plain.passes / 2);
      expect(fast.intercept).toBeCloseTo(plain.intercept, 5);
      expect(fast.residualSd).toBeCloseTo(plain.residualSd, 5);
      fast.priorSd.forEach((sd, g) => {
        if (Number.isFinite(sd)) expect(sd, fast.groupings[g]!.name).toBeCloseTo(plain.priorSd[g]!, 5);
      });
      let worst = 0;
      fast.effects.forEach((e, g) => e.forEach((b, k) => (worst = Math.max(worst, Math.abs(b - plain.effects[g]![k]!)))));
      expect(worst).toBeLessThan(1e-4);
    });
  }
});

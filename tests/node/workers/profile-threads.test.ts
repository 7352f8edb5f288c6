import { beforeAll, describe, expect, it } from "vitest";
import { fitAdditiveEffects, type AdditiveFit } from "../../../src/lib/models/profile/additive-effects.js";
import { contextProfileGroupings } from "../../../src/lib/models/profile/groupings.js";
import { installTrainThreads } from "../../../src/node/workers/install-train-threads.js";
import { SCENARIOS, simulateComponents } from "../../fixtures/variance/simulate-components.js";

// The profile fit's block updates on helper threads (parallel-blocks.ts): each thread updates its
// own parent keys, so every effect gets the single-threaded update; only the variance sums are
// added in another order. Same thread count: the same fit bit for bit; 1 vs 3 threads: the same
// fit to rounding.


function largestDifference(a: AdditiveFit, b: AdditiveFit): number {
  let worst = Math.abs(a.intercept - b.intercept);
  a.effects.forEach((e, g) => e.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - b.effects[g]![k]!)))));
  a.priorSd.forEach((sd, g) => Number.isFinite(sd) && (worst = Math.max(worst, Math.abs(sd - b.priorSd[g]!))));
  return Math.max(worst, Math.abs(a.residualSd - b.residualSd));
}

describe("profile fit on helper threads", () => {
  beforeAll(() => installTrainThreads(2));

  for (const name of ["gaussian-cc0.6", "binary-cc0.6"]) {
    it(`${name}: the same thread count gives the same fit bit for bit; 3 threads fit like 1`, () => {
      const data = simulateComponents(SCENARIOS.find((s) => s.name === name)!);
      const fit = (threads: number) => fitAdditiveEffects(data, contextProfileGroupings(data), { threads });
      const one = fit(1), a = fit(3), b = fit(3);
      expect(one.threads).toBe(1);
      expect(a.threads).toBe(3);
      expect(largestDifference(a, b)).toBe(0);
      expect(a.passes).toBe(one.passes);
      expect(largestDifference(a, one)).toBeLessThan(1e-9);
      expect(a.converged).toBe(true);
    });
  }
});

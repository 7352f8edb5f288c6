import { beforeAll, describe, expect, it } from "vitest";
import { fitAdditiveEffects, type AdditiveFit } from "../../../src/lib/models/profile/additive-effects.js";
import { byCustomer, byItem, contextProfileGroupings } from "../../../src/lib/models/profile/groupings.js";
import { installTrainThreads } from "../../../src/node/workers/install-train-threads.js";
import { SCENARIOS, simulateComponents } from "../../fixtures/variance/simulate-components.js";

// The profile fit's block updates and row sweeps on helper threads (parallel-blocks.ts): each thread
// updates its own parent keys or rows, so every effect and row gets the single-threaded update, and
// every sum (over rows, and the block updates' variance sums over keys) is added on the calling
// thread in one order. So a fit is the same bit for bit on any number of threads: what lets a caller
// fit several models side by side, each on one thread, and publish the numbers a 2-thread fit gives.


function largestDifference(a: AdditiveFit, b: AdditiveFit): number {
  let worst = Math.abs(a.intercept - b.intercept);
  a.effects.forEach((e, g) => e.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - b.effects[g]![k]!)))));
  a.priorSd.forEach((sd, g) => Number.isFinite(sd) && (worst = Math.max(worst, Math.abs(sd - b.priorSd[g]!))));
  return Math.max(worst, Math.abs(a.residualSd - b.residualSd));
}

describe("profile fit on helper threads", () => {
  beforeAll(() => installTrainThreads(2));

  for (const name of ["gaussian-cc0.6", "binary-cc0.6"]) {
    it(`${name}: context-profile (nested blocks) on 2 and 3 threads is the 1-thread fit bit for bit`, () => {
      const data = simulateComponents(SCENARIOS.find((s) => s.name === name)!);
      const fit = (threads: number) => fitAdditiveEffects(data, contextProfileGroupings(data), { threads });
      const one = fit(1), two = fit(2), three = fit(3);
      expect(one.threads).toBe(1);
      expect(two.threads).toBe(2);
      expect(three.threads).toBe(3);
      expect(three.passes).toBeGreaterThan(2);
      expect(three.passes).toBe(one.passes);
      expect(largestDifference(two, one)).toBe(0);
      expect(largestDifference(three, one)).toBe(0);
      expect(three.converged).toBe(true);
    });
  }

  for (const name of ["gaussian-cc0.6", "binary-cc0.6"]) {
    it(`${name}: item + customer (row sweeps only) on 3 threads is the 1-thread fit bit for bit`, () => {
      const data = simulateComponents(SCENARIOS.find((s) => s.name === name)!);
      const fit = (threads: number) => fitAdditiveEffects(data, [byItem(data), byCustomer(data)], { threads });
      const one = fit(1), three = fit(3);
      expect(three.threads).toBe(3);
      expect(three.passes).toBeGreaterThan(2);
      expect(three.passes).toBe(one.passes);
      expect(largestDifference(three, one)).toBe(0);
    });
  }
});

import { describe, expect, it } from "vitest";
import { createRng } from "../../../../src/lib/random/rng.js";
import { fitModel } from "../../../../src/lib/models/model.js";
import { contextProfile, customerProfile, popularity } from "../../../../src/lib/models/profile/profile-models.js";
import { fitAdditiveEffects, predictAdditive, sigmoid } from "../../../../src/lib/models/profile/additive-effects.js";
import { byCustomer } from "../../../../src/lib/models/profile/groupings.js";
import { takeRows, type Interactions } from "../../../../src/lib/schema/interactions.js";
import { makeInteractions } from "../../../helpers/make-interactions.js";

const LEVELS = ["alone", "partner", "family"];

/** Binary data where each customer's log-odds shift by context with sd `strength`. */
function simulate(strength: number, seed: number, customers = 300, perCustomer = 60): Interactions {
  const rng = createRng(seed);
  const customer: string[] = [], item: string[] = [], ctx: string[] = [], outcome: number[] = [], truth: number[] = [];
  for (let c = 0; c < customers; c++) {
    const base = rng.normal() * 0.8 - 0.5;
    const shift = LEVELS.map(() => rng.normal() * strength);
    for (let r = 0; r < perCustomer; r++) {
      const k = rng.int(LEVELS.length);
      const i = rng.int(20);
      const p = sigmoid(base + shift[k]! + (i - 10) * 0.05);
      customer.push(`c${c}`);
      item.push(`i${i}`);
      ctx.push(LEVELS[k]!);
      truth.push(p);
      outcome.push(rng.next() < p ? 1 : 0);
    }
  }
  return makeInteractions({ customer, item, outcome, truth, contexts: { companion: ctx } });
}

function logLoss(y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s -= y[i]! ? Math.log(p[i]!) : Math.log(1 - p[i]!);
  return s / y.length;
}

function halves(data: Interactions) {
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < data.size; i++) (i % 5 === 0 ? test : train).push(i);
  return { train: takeRows(data, Int32Array.from(train)), test: takeRows(data, Int32Array.from(test)) };
}

async function holdoutLoss(model: typeof contextProfile, data: Interactions) {
  const { train, test } = halves(data);
  const trained = await fitModel(model, train, { seed: 1 });
  return { loss: logLoss(test.outcome, trained.predict(test)), trained };
}

describe("profile models", () => {
  it("context-profile shrinks customer×context effects away when context is irrelevant (no worse than customer-profile)", async () => {
    const data = simulate(0, 11);
    const irm = await holdoutLoss(contextProfile, data);
    const crm = await holdoutLoss(customerProfile, data);
    const groupings = irm.trained.fitted.describe().groupings as { name: string; priorSd: number }[];
    expect(groupings.find((g) => g.name === "customer×companion")!.priorSd).toBeLessThan(0.15);
    expect(irm.loss).toBeLessThan(crm.loss + 0.002);
  });

  it("context-profile beats customer-profile when each customer behaves differently by context", async () => {
    const data = simulate(1.2, 12);
    const irm = await holdoutLoss(contextProfile, data);
    const crm = await holdoutLoss(customerProfile, data);
    const groupings = irm.trained.fitted.describe().groupings as { name: string; priorSd: number }[];
    expect(groupings.find((g) => g.name === "customer×companion")!.priorSd).toBeGreaterThan(0.6);
    expect(irm.loss).toBeLessThan(crm.loss - 0.02);
  });

  it("customer-profile beats popularity when customers differ, and both beat a constant", async () => {
    const data = simulate(0, 13);
    const cp = await holdoutLoss(customerProfile, data);
    const pop = await holdoutLoss(popularity, data);
    const { test, train } = halves(data);
    const mean = train.outcome.reduce((a, b) => a + b, 0) / train.size;
    const constant = logLoss(test.outcome, new Float64Array(test.size).fill(mean));
    expect(cp.loss).toBeLessThan(pop.loss - 0.01);
    expect(pop.loss).toBeLessThanOrEqual(constant + 1e-3);
  });

  it("predicts the population value for a customer never seen in training", async () => {
    const data = makeInteractions({
      customer: ["a", "a", "b", "b", "new"],
      item: ["x", "x", "x", "x", "x"],
      outcome: [1, 1, 0, 0, 1],
    });
    const trained = await fitModel(customerProfile, takeRows(data, Int32Array.from([0, 1, 2, 3])), { seed: 1 });
    const p = trained.predict(takeRows(data, Int32Array.from([4])));
    expect(p[0]).toBeCloseTo(0.5, 6);
  });

  it("keeps rating predictions on the rating scale", async () => {
    const data = makeInteractions({
      customer: ["a", "a", "a", "b", "b", "b"],
      item: ["x", "y", "z", "x", "y", "z"],
      outcome: [5, 5, 5, 1, 1, 2],
      outcomeSpec: { type: "rating", min: 1, max: 5 },
    });
    const trained = await fitModel(customerProfile, data, { seed: 1 });
    for (const p of trained.predict(data)) {
      expect(p).toBeGreaterThanOrEqual(1);
      expect(p).toBeLessThanOrEqual(5);
    }
  });

  it("rejects unknown and invalid parameters with the valid names", async () => {
    const data = simulate(0, 1, 5, 4);
    await expect(fitModel(contextProfile, data, { seed: 1, params: { pases: 3 } })).rejects.toThrowError(/unknown parameter "pases"; valid parameters are passes, tolerance, minVariance/);
    await expect(fitModel(contextProfile, data, { seed: 1, params: { passes: 0 } })).rejects.toThrowError(/passes must be a positive integer, got 0/);
  });
});

describe("fitAdditiveEffects (Gaussian, one grouping)", () => {
  it("converges to the random-effects BLUP n(ȳ−μ)/(n + σ²/τ²) and recovers the group sd", () => {
    const rng = createRng(5);
    const groups = 200;
    const customer: string[] = [], outcome: number[] = [];
    for (let g = 0; g < groups; g++) {
      const effect = rng.normal() * 2; // true tau = 2
      const n = 5 + rng.int(30);
      for (let r = 0; r < n; r++) {
        customer.push(`g${g}`);
        outcome.push(10 + effect + rng.normal() * 3); // sigma = 3
      }
    }
    const data = makeInteractions({ customer, item: customer.map(() => "x"), outcome, outcomeSpec: { type: "amount", min: -1e9, max: 1e9 } });
    const fit = fitAdditiveEffects(data, [byCustomer(data)], { passes: 50 });
    const tau = fit.priorSd[0]!;
    expect(tau).toBeGreaterThan(1.6);
    expect(tau).toBeLessThan(2.4);
    expect(fit.residualSd).toBeGreaterThan(2.8);
    expect(fit.residualSd).toBeLessThan(3.2);
    // BLUP identity at the fixed point, for every group
    const eta = predictAdditive(fit, data);
    const sums = new Map<number, { n: number; resid: number }>();
    for (let i = 0; i < data.size; i++) {
      const s = sums.get(data.customer[i]!) ?? { n: 0, resid: 0 };
      s.n++;
      s.resid += data.outcome[i]! - fit.intercept;
      sums.set(data.customer[i]!, s);
    }
    const ratio = fit.residualSd ** 2 / tau ** 2;
    for (const [g, s] of sums) {
      expect(fit.effects[0]![g]!).toBeCloseTo(s.resid / (s.n + ratio), 4);
    }
    expect(eta.length).toBe(data.size);
  });
});

import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { LEARNED_MODELS, camfModel, fmModel, mfModel, multiPersonaModel } from "../../../../src/lib/models/learned/definitions.js";
import { fitModel } from "../../../../src/lib/models/model.js";
import type { LearnedModel } from "../../../../src/lib/models/learned/learned-model.js";
import { takeRows } from "../../../../src/lib/schema/interactions.js";
import { tinyData } from "./tiny-data.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const data = tinyData(3000, 11);
const train = takeRows(data, Int32Array.from({ length: 2400 }, (_, i) => i));
const test = takeRows(data, Int32Array.from({ length: 600 }, (_, i) => 2400 + i));
const FAST = { dim: 8, epochs: 8, batchSize: 64, learningRate: 0.1 };

function logLoss(p: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= y[i]! > 0 ? Math.log(p[i]!) : Math.log(1 - p[i]!);
  return s / p.length;
}

describe("learned model definitions", () => {
  it("are registered with their families", () => {
    expect(LEARNED_MODELS.map((m) => [m.name, m.family])).toEqual([["mf", "crm"], ["fm", "irm"], ["camf", "irm"], ["multi-persona", "irm"]]);
  });

  for (const def of LEARNED_MODELS) {
    it(`${def.name} beats a constant on held-out rows of a learnable problem`, async () => {
      const model = await fitModel(def, train, { seed: 1, params: FAST });
      let mean = 0;
      for (let i = 0; i < train.size; i++) mean += train.outcome[i]!;
      mean /= train.size;
      const constant = logLoss(new Float64Array(test.size).fill(mean), test.outcome);
      const learned = logLoss(model.predict(test), test.outcome);
      expect(learned).toBeLessThan(constant - 0.05);
      (model.fitted as LearnedModel).dispose();
    });

    it(`${def.name} is deterministic for a seed and changes with the seed`, () => {
      const a = def.fit(train, { seed: 4, params: { ...FAST, epochs: 2 } });
      const b = def.fit(train, { seed: 4, params: { ...FAST, epochs: 2 } });
      const c = def.fit(train, { seed: 5, params: { ...FAST, epochs: 2 } });
      const pa = a.predict(test), pb = b.predict(test), pc = c.predict(test);
      expect(pb).toEqual(pa);
      expect(pc).not.toEqual(pa);
      for (const m of [a, b, c]) m.dispose();
    });

    it(`${def.name} leaves no tensors behind after fit, predict and dispose`, () => {
      const before = tf.memory().numTensors;
      const m = def.fit(train, { seed: 1, params: { ...FAST, epochs: 1 } });
      const held = tf.memory().numTensors;
      m.predict(test);
      m.predict(test);
      expect(tf.memory().numTensors).toBe(held);
      m.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("context-aware models beat the context-free mf where context shifts item preferences", () => {
    const lossOf = (def: typeof mfModel): number => {
      const m = def.fit(def.family === "crm" ? { ...train, contexts: [] } : train, { seed: 1, params: { ...FAST, epochs: 12 } });
      const l = logLoss(m.predict(def.family === "crm" ? { ...test, contexts: [] } : test), test.outcome);
      m.dispose();
      return l;
    };
    const mf = lossOf(mfModel);
    for (const def of [fmModel, camfModel, multiPersonaModel]) expect(lossOf(def), def.name).toBeLessThan(mf);
  });

  it("predicts ratings on the rating scale and amounts on the amount scale", () => {
    const ratings = tinyData(1500, 2, { type: "rating", min: 1, max: 5 });
    const m = fmModel.fit(ratings, { seed: 1, params: FAST });
    const p = m.predict(ratings);
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    const meanY = ratings.outcome.reduce((a, b) => a + b, 0) / ratings.size;
    expect(Math.abs(meanP - meanY)).toBeLessThan(0.15);
    let sse = 0, sst = 0;
    for (let i = 0; i < p.length; i++) {
      sse += (p[i]! - ratings.outcome[i]!) ** 2;
      sst += (meanY - ratings.outcome[i]!) ** 2;
    }
    expect(sse).toBeLessThan(0.5 * sst);
    m.dispose();
    const amounts = tinyData(1500, 2, { type: "amount", min: 0, max: Infinity });
    const a = camfModel.fit(amounts, { seed: 1, params: FAST });
    const pa = a.predict(amounts);
    expect(Math.min(...pa)).toBeGreaterThan(0);
    expect(a.describe()).toMatchObject({ model: "camf", outcome: "amount", dim: 8 });
    a.dispose();
  });

  it("early stopping uses a validation part of the training rows and keeps the best epoch", () => {
    const m = fmModel.fit(train, { seed: 1, params: { ...FAST, epochs: 30, earlyStopping: true, patience: 1, learningRate: 0.3 } });
    const d = m.describe() as { epochsRun: number; bestEpoch: number; validationRows: number; trainRows: number; validationLoss: number[] };
    expect(d.validationRows).toBe(240);
    expect(d.trainRows).toBe(2160);
    expect(d.validationLoss.length).toBe(d.epochsRun);
    expect(d.epochsRun).toBeLessThan(30);
    expect(d.validationLoss[d.bestEpoch - 1]).toBe(Math.min(...d.validationLoss));
    m.dispose();
  });

  it("fm and camf choose the context penalty on the validation part; one number means one fit", () => {
    for (const def of [fmModel, camfModel]) {
      const m = def.fit(train, { seed: 1, params: { ...FAST, epochs: 6 } });
      const d = m.describe() as { contextL2Scale: number; contextL2Candidates: { scale: number; validationLoss: number }[]; validationLoss: number[] };
      expect(d.contextL2Candidates.map((c) => c.scale)).toEqual([1, 10, 100]);
      const best = d.contextL2Candidates.reduce((a, c) => (c.validationLoss < a.validationLoss ? c : a));
      expect(d.contextL2Scale).toBe(best.scale);
      expect(Math.min(...d.validationLoss)).toBe(best.validationLoss);
      // the candidates are really different fits
      expect(new Set(d.contextL2Candidates.map((c) => c.validationLoss)).size).toBe(3);
      m.dispose();
      const one = def.fit(train, { seed: 1, params: { ...FAST, epochs: 6, contextL2Scale: 10 } });
      const e = one.describe() as { contextL2Scale: number; contextL2Candidates: { scale: number; validationLoss: number }[] };
      expect(e.contextL2Candidates).toEqual([d.contextL2Candidates[1]]);
      one.dispose();
    }
    const mf = mfModel.fit(train, { seed: 1, params: { ...FAST, epochs: 1 } });
    expect(mf.describe()).not.toHaveProperty("contextL2Candidates");
    mf.dispose();
    expect(() => fmModel.fit(train, { seed: 1, params: { contextL2Scale: [] } })).toThrowError(/param "contextL2Scale" must be a non-negative number or a non-empty list of them, got \[\]/);
    expect(() => fmModel.fit(train, { seed: 1, params: { contextL2Scale: [1, -2] } })).toThrowError(/got \[1,-2\]/);
  });

  it("rejects bad params with the param, the expectation and the value", () => {
    expect(() => fmModel.fit(train, { seed: 1, params: { dim: 0 } })).toThrowError(/model fm: param "dim" must be a positive integer, got 0/);
    expect(() => mfModel.fit(train, { seed: 1, params: { epoch: 3 } })).toThrowError(/model mf: unknown param "epoch"/);
    expect(() => multiPersonaModel.fit(train, { seed: 1, params: { customerGate: "yes" } })).toThrowError(/customerGate" must be true or false, got "yes"/);
  });

  it("rejects prediction rows whose context dimensions differ from training", () => {
    const m = fmModel.fit(train, { seed: 1, params: { ...FAST, epochs: 1 } });
    expect(() => m.predict({ ...test, contexts: test.contexts.slice(0, 1) })).toThrowError(/context dimensions "companion\(3\)", the model was trained with "companion\(3\), intent\(2\)"/);
    m.dispose();
  });
});

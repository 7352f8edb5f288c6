import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { LEARNED_MODELS, multiPersonaModel } from "../../../../src/lib/models/learned/definitions.js";
import { fusedScores } from "../../../../src/lib/models/learned/fused-predict.js";
import { encodeRows } from "../../../../src/lib/models/learned/layout.js";
import type { Interactions } from "../../../../src/lib/schema/interactions.js";
import type { OutcomeSpec } from "../../../../src/lib/schema/outcome.js";
import { tinyData } from "./tiny-data.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const binary = tinyData(1500, 3);
const RATING: OutcomeSpec = { type: "rating", min: 1, max: 5 };
const rating = tinyData(1500, 4, RATING);
const crm = (d: Interactions): Interactions => ({ ...d, contexts: [] });

describe("fused-predict", () => {
  for (const def of LEARNED_MODELS) {
    for (const [kind, data] of [["binary", binary], ["rating", rating]] as const) {
      it(`${def.name} (${kind}): fused predictions are bit-identical to the TensorFlow.js graph's`, () => {
        const view = def.family === "crm" ? crm(data) : data;
        // large init and lr: scores far from 0, so rounding differences would show
        const model = def.fit(view, { seed: 2, params: { dim: 7, epochs: 3, batchSize: 50, learningRate: 0.3, initScale: 0.5 } });
        const fused = model.predict(view);
        const graph = model.predictGraph(view);
        expect(fused).toEqual(graph);
        expect(new Set(fused).size).toBeGreaterThan(100);
        model.dispose();
      });
    }
  }

  it("multi-persona without context dimensions or customer gate matches the graph", () => {
    const view = crm(binary);
    const model = multiPersonaModel.fit(view, { seed: 5, params: { dim: 5, personas: 4, customerGate: false, epochs: 2, initScale: 0.5 } });
    expect(model.predict(view)).toEqual(model.predictGraph(view));
    model.dispose();
  });

  it("names a missing weight", () => {
    const rows = encodeRows("fm", { customers: 1, items: 1, contexts: [] }, { ...crm(binary), size: 0, customerIds: ["a"], itemIds: ["b"] }, null);
    expect(() => fusedScores("fm", { bias: new Float32Array(1), w: new Float32Array(2) }, rows, 0)).toThrowError(/weight "v" is missing/);
  });
});

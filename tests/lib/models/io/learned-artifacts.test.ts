import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { artifactsToFiles, filesToArtifacts } from "../../../../src/lib/models/io/artifacts-files.js";
import { fromArtifacts, loadLearnedModel, saveLearnedModel, toArtifacts } from "../../../../src/lib/models/io/learned-artifacts.js";
import { LEARNED_MODELS, fmModel } from "../../../../src/lib/models/learned/definitions.js";
import { tinyData } from "../learned/tiny-data.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const data = tinyData(800, 5);

describe("learned-artifacts", () => {
  for (const def of LEARNED_MODELS) {
    it(`${def.name}: save → model.json + weights.bin → load predicts exactly what the in-memory model predicted`, async () => {
      const view = def.family === "crm" ? { ...data, contexts: [] } : data;
      const model = def.fit(view, { seed: 3, params: { dim: 4, epochs: 2, batchSize: 32 } });
      const expected = model.predict(view);
      let saved: tf.io.ModelArtifacts | null = null;
      const result = await saveLearnedModel(model, tf.io.withSaveHandler(async (a) => {
        saved = a;
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
      }));
      expect(result.modelArtifactsInfo.modelTopologyType).toBe("JSON");
      const files = artifactsToFiles(saved!);
      const json = JSON.parse(files.modelJson);
      expect(json.weightsManifest[0].paths).toEqual(["weights.bin"]);
      expect(json.format).toBe("irmlab-learned-model");
      const before = tf.memory().numTensors;
      const loaded = await loadLearnedModel(tf.io.fromMemory(filesToArtifacts({ modelJson: files.modelJson, weights: files.weights.slice() })));
      expect(loaded.predict(view)).toEqual(expected);
      expect(loaded.describe()).toEqual(model.describe());
      loaded.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  }

  it("rejects artifacts that are not an IRM Lab model, or whose weights do not fit", async () => {
    const model = fmModel.fit(data, { seed: 1, params: { dim: 4, epochs: 1 } });
    const a = await toArtifacts(model);
    expect(() => fromArtifacts({ ...a, format: "layers-model" })).toThrowError(/format is "layers-model", expected "irmlab-learned-model"/);
    const wrong = { ...a, weightSpecs: a.weightSpecs!.map((s) => (s.name === "v" ? { ...s, shape: [s.shape[1]!, s.shape[0]!] } : s)) };
    const before = tf.memory().numTensors;
    expect(() => fromArtifacts(wrong)).toThrowError(/weight "v" has shape \[4, \d+\], expected \[\d+, 4\]/);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => filesToArtifacts({ modelJson: "{", weights: new Uint8Array(0) })).toThrowError(/model.json: not valid JSON/);
    model.dispose();
  });
});

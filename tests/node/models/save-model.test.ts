import * as tf from "@tensorflow/tfjs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEARNED_MODELS, fmModel } from "../../../src/lib/models/learned/definitions.js";
import type { ModelCard } from "../../../src/node/models/save-model.js";
import { loadModelFolder, saveModelFolder } from "../../../src/node/models/save-model.js";
import { tinyData } from "../../lib/models/learned/tiny-data.js";

let root = "";
beforeAll(async () => {
  await tf.setBackend("cpu");
  root = await mkdtemp(join(tmpdir(), "irmlab-save-model-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const data = tinyData(900, 9);

function card(model: string): ModelCard {
  return {
    model,
    family: "irm",
    description: "test",
    runId: "run-1",
    seed: 3,
    params: { dim: 4 },
    inputs: { customers: 30, items: 12, itemIds: data.itemIds, contexts: data.contexts.map((c) => ({ name: c.name, levels: c.levels })), outcome: { type: "binary", min: 0, max: 1 } },
    training: { datasetHash: "abc", splitHash: "def", rows: data.size },
    testMetrics: { logLoss: 0.5, auc: null },
    tfjsBackend: "cpu",
    fitted: { epochsRun: 2 },
  };
}

describe("save-model", () => {
  for (const def of LEARNED_MODELS) {
    it(`${def.name}: the files written predict exactly what the in-memory model predicted, and the card round-trips`, async () => {
      const view = def.family === "crm" ? { ...data, contexts: [] } : data;
      const model = def.fit(view, { seed: 3, params: { dim: 4, epochs: 2, batchSize: 32, initScale: 0.3 } });
      const expected = model.predict(view);
      const dir = join(root, def.name, "nested");
      await saveModelFolder(dir, model, card(def.name));
      expect((await readdir(dir)).sort()).toEqual(["model-card.json", "model.json", "weights.bin"]);
      const json = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
      expect(json.weightsManifest[0].paths).toEqual(["weights.bin"]);
      const before = tf.memory().numTensors;
      const loaded = await loadModelFolder(dir);
      expect(loaded.model.predict(view)).toEqual(expected);
      expect(loaded.model.predictGraph(view)).toEqual(expected);
      expect(loaded.card).toEqual(card(def.name));
      loaded.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  }

  it("names the folder and the file when a file is missing or broken", async () => {
    const model = fmModel.fit(data, { seed: 1, params: { dim: 4, epochs: 1 } });
    const dir = join(root, "broken");
    await saveModelFolder(dir, model, card("fm"));
    model.dispose();
    await writeFile(join(dir, "model-card.json"), "{not json");
    await expect(loadModelFolder(dir)).rejects.toThrowError(/model folder .*broken: model-card.json is not valid JSON/);
    await rm(join(dir, "weights.bin"));
    await expect(loadModelFolder(dir)).rejects.toThrowError(/model folder .*broken: cannot read weights.bin \(ENOENT/);
    await writeFile(join(dir, "weights.bin"), new Uint8Array(8));
    await writeFile(join(dir, "model-card.json"), "{}");
    await expect(loadModelFolder(dir)).rejects.toThrowError(/model folder .*broken: learned model artifacts: the weights hold 8 bytes, the manifest describes \d+ \(float32\)/);
  });
});

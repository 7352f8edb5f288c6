/**
 * Saving and loading learned models in the TensorFlow.js artifact format, in Node and the browser:
 *
 *   LearnedModel ─► ModelArtifacts {modelTopology: {irmlab: config}, weightSpecs, weightData}
 *        ─► any tf.io.IOHandler: tf.io.withSaveHandler(fn), tf.io.browserDownloads(), ...
 *        ─► or files: model.json (weightsManifest → "weights.bin") + weights.bin   (artifacts-files.ts)
 *   tf.io.fromMemory(artifacts) / tf.io.http(".../model.json") ─► loadLearnedModel ─► LearnedModel
 *
 * Weights are float32 exactly as trained, so the loaded model predicts bit-for-bit what the
 * in-memory model predicted.
 */
import * as tf from "../tf.js";
import type { LearnedConfig } from "../learned/learned-model.js";
import { LearnedModel } from "../learned/learned-model.js";
import { tableSpecs } from "../learned/architecture.js";
import { ARCHITECTURES } from "../learned/layout.js";

/** `format` field of IRM Lab learned-model artifacts. */
export const LEARNED_FORMAT = "irmlab-learned-model";
/** Version of the topology layout; bumped on incompatible changes. */
export const LEARNED_FORMAT_VERSION = 1;

/** The artifacts of a model (weights named by table). */
export async function toArtifacts(model: LearnedModel): Promise<tf.io.ModelArtifacts> {
  const named = Object.entries(model.variables).map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return {
    format: LEARNED_FORMAT,
    generatedBy: `TensorFlow.js v${tf.version_core}`,
    convertedBy: null,
    modelTopology: { irmlab: { version: LEARNED_FORMAT_VERSION, ...model.config } } as unknown as tf.io.ModelArtifacts["modelTopology"],
    weightSpecs: specs,
    weightData: data,
  };
}

/**
 * Saves `model` through a TensorFlow.js IO handler.
 * @throws Error when the handler has no save method
 */
export async function saveLearnedModel(model: LearnedModel, handler: tf.io.IOHandler): Promise<tf.io.SaveResult> {
  if (!handler.save) throw new Error("saveLearnedModel: the IO handler cannot save");
  return handler.save(await toArtifacts(model));
}

/**
 * Loads a model saved by {@link saveLearnedModel} through an IO handler
 * (tf.io.fromMemory(artifacts), tf.io.http(url) in the browser, ...).
 * @throws Error when the artifacts are not an IRM Lab learned model, or a weight is missing or
 *   has the wrong shape
 */
export async function loadLearnedModel(handler: tf.io.IOHandler): Promise<LearnedModel> {
  if (!handler.load) throw new Error("loadLearnedModel: the IO handler cannot load");
  return fromArtifacts(await handler.load());
}

/** The model in `artifacts` (see {@link loadLearnedModel} for the errors). */
export function fromArtifacts(artifacts: tf.io.ModelArtifacts): LearnedModel {
  const topology = artifacts.modelTopology as { irmlab?: LearnedConfig & { version?: number } } | undefined;
  const config = topology?.irmlab;
  if (artifacts.format !== LEARNED_FORMAT || !config) {
    throw new Error(`learned model artifacts: format is ${JSON.stringify(artifacts.format)}, expected "${LEARNED_FORMAT}" with modelTopology.irmlab`);
  }
  if (config.version !== LEARNED_FORMAT_VERSION) {
    throw new Error(`learned model artifacts: version ${JSON.stringify(config.version)}, expected ${LEARNED_FORMAT_VERSION}`);
  }
  if (!Object.hasOwn(ARCHITECTURES, config.architecture)) {
    throw new Error(`learned model artifacts: architecture ${JSON.stringify(config.architecture)} is unknown`);
  }
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error("learned model artifacts: no weights");
  const bytes = Array.isArray(artifacts.weightData) ? artifacts.weightData.reduce((a, b) => a + b.byteLength, 0) : artifacts.weightData.byteLength;
  const described = artifacts.weightSpecs.reduce((a, s) => a + 4 * s.shape.reduce((x, y) => x * y, 1), 0);
  if (bytes !== described) {
    throw new Error(`learned model artifacts: the weights hold ${bytes} bytes, the manifest describes ${described} (float32)`);
  }
  const tensors = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  const variables: Record<string, tf.Variable> = {};
  try {
    for (const spec of tableSpecs(config.architecture, config.layout, config.shape)) {
      const t = tensors[spec.name];
      if (!t) throw new Error(`learned model artifacts: weight "${spec.name}" is missing`);
      if (t.shape.length !== 2 || t.shape[0] !== spec.rows || t.shape[1] !== spec.width) {
        throw new Error(`learned model artifacts: weight "${spec.name}" has shape [${t.shape.join(", ")}], expected [${spec.rows}, ${spec.width}]`);
      }
      variables[spec.name] = tf.variable(t, false, `${config.model}/${spec.name}/loaded${++loaded}`);
    }
  } catch (error) {
    for (const v of Object.values(variables)) v.dispose();
    throw error;
  } finally {
    for (const t of Object.values(tensors)) t.dispose();
  }
  const { version: _version, ...rest } = config;
  return new LearnedModel(rest, variables);
}

let loaded = 0;

import type * as tf from "../tf.js";

/** The two files of a saved model: TensorFlow.js's model.json and its one weights shard. */
export interface ModelFiles {
  /** model.json text: topology, format and weightsManifest pointing at WEIGHTS_FILE. */
  readonly modelJson: string;
  /** The weights shard bytes. */
  readonly weights: Uint8Array;
}

/** Name of the weights shard the manifest points to. */
export const WEIGHTS_FILE = "weights.bin";

/**
 * The standard TensorFlow.js files for `artifacts`, loadable by tf.io.http(".../model.json") in a
 * browser or by {@link filesToArtifacts}.
 */
export function artifactsToFiles(artifacts: tf.io.ModelArtifacts): ModelFiles {
  const data = artifacts.weightData;
  const bytes = data === undefined ? new Uint8Array(0) : new Uint8Array(Array.isArray(data) ? concat(data) : data);
  const json = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  return { modelJson: JSON.stringify(json), weights: bytes };
}

/**
 * Artifacts from the two files.
 * @throws Error when model.json is not JSON or has no single-shard weightsManifest
 */
export function filesToArtifacts(files: ModelFiles): tf.io.ModelArtifacts {
  let json: { weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] } & Record<string, unknown>;
  try {
    json = JSON.parse(files.modelJson);
  } catch (error) {
    throw new Error(`model.json: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1 || !manifest[0]) {
    throw new Error(`model.json: expected a weightsManifest with one group, got ${JSON.stringify(manifest)?.slice(0, 80)}`);
  }
  const w = files.weights;
  return {
    format: json.format as string,
    generatedBy: json.generatedBy as string,
    convertedBy: (json.convertedBy as string | null) ?? null,
    modelTopology: json.modelTopology as tf.io.ModelArtifacts["modelTopology"],
    weightSpecs: manifest[0].weights,
    weightData: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer,
  };
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((a, b) => a + b.byteLength, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out.buffer;
}

import * as tf from "../tf.js";
import type { Interactions } from "../../schema/interactions.js";
import type { FittedModel } from "../model.js";
import type { Shape } from "./architecture.js";
import { fusedScores } from "./fused-predict.js";
import { scoreGraph } from "./graph.js";
import type { Architecture, DataLayout } from "./layout.js";
import { encodeRows, factorFields, linearFields } from "./layout.js";
import type { Link } from "./link.js";
import { inverseLink } from "./link.js";

/** Everything besides the weights that a saved learned model needs to predict. */
export interface LearnedConfig {
  /** Registry name of the model definition ("mf", "fm", "camf", "multi-persona"). */
  readonly model: string;
  readonly architecture: Architecture;
  readonly layout: DataLayout;
  readonly link: Link;
  readonly shape: Shape;
  /** Summary of the fit (options, epochs run, losses) for describe() and the model card. */
  readonly training: Readonly<Record<string, unknown>>;
}

/** Rows scored per tf.tidy chunk, bounding the graph's intermediate tensors (~n·F·dim floats). */
const PREDICT_CHUNK = 32_768;

/**
 * A trained TensorFlow.js model: tf.Variables plus the graph of its architecture.
 * The graph (graph.ts) defines the model; {@link LearnedModel.predict} evaluates it with fused
 * typed-array code, {@link LearnedModel.predictGraph} with TensorFlow.js ops.
 */
export class LearnedModel implements FittedModel {
  constructor(
    readonly config: LearnedConfig,
    /** Weights by table name, shapes [rows, width]. */
    readonly variables: Readonly<Record<string, tf.Variable>>,
  ) {}

  /**
   * Predictions on the outcome's scale (link.ts), computed by the fused typed-array pass over the
   * variables' values ({@link fusedScores}), bit-identical to {@link predictGraph} on the CPU
   * backend and about two orders of magnitude faster.
   * @throws Error when `rows` was not encoded with the dictionaries the model was trained on
   */
  predict(rows: Interactions): Float64Array {
    const { architecture: arch, layout, link } = this.config;
    const enc = encodeRows(arch, layout, rows, null);
    const weights: Record<string, Float32Array> = {};
    // On the CPU backend dataSync returns the variable's own buffer (no copy).
    for (const [name, v] of Object.entries(this.variables)) weights[name] = v.dataSync() as Float32Array;
    const scores = fusedScores(arch, weights, enc, layout.contexts.length);
    const out = new Float64Array(rows.size);
    for (let i = 0; i < scores.length; i++) out[i] = inverseLink(link, scores[i]!);
    return out;
  }

  /**
   * The same predictions through the TensorFlow.js graph ({@link scoreGraph}), in tf.tidy chunks.
   * @throws Error when `rows` was not encoded with the dictionaries the model was trained on
   */
  predictGraph(rows: Interactions): Float64Array {
    const { architecture: arch, layout, link } = this.config;
    const enc = encodeRows(arch, layout, rows, null);
    const F = factorFields(arch, layout), L = linearFields(arch, layout);
    const out = new Float64Array(rows.size);
    for (let start = 0; start < rows.size; start += PREDICT_CHUNK) {
      const end = Math.min(rows.size, start + PREDICT_CHUNK);
      const scores = tf.tidy(() => {
        const features = tf.tensor2d(enc.features.subarray(start * F, end * F), [end - start, F], "int32");
        const linear = L > 0 ? tf.tensor2d(enc.linear.subarray(start * L, end * L), [end - start, L], "int32") : null;
        return scoreGraph(arch, this.variables, features, linear, layout.contexts.length).score;
      });
      const values = scores.dataSync();
      scores.dispose();
      for (let i = 0; i < values.length; i++) out[start + i] = inverseLink(link, values[i]!);
    }
    return out;
  }

  describe(): Record<string, unknown> {
    const parameters = Object.values(this.variables).reduce((a, v) => a + v.size, 0);
    const { model, architecture, link, shape, layout, training } = this.config;
    return {
      model,
      architecture,
      outcome: link.type,
      center: link.center,
      ...shape,
      customers: layout.customers,
      items: layout.items,
      contexts: layout.contexts.map((c) => c.name),
      parameters,
      backend: tf.getBackend(),
      ...training,
    };
  }

  /** Frees the variables; the model cannot predict afterwards. */
  dispose(): void {
    for (const v of Object.values(this.variables)) v.dispose();
  }
}

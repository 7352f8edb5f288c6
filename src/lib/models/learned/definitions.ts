import type { FitOptions, ModelDefinition } from "../model.js";
import type { Architecture } from "./layout.js";
import type { LearnedModel } from "./learned-model.js";
import type { LearnedOptions, PersonaOptions } from "./options.js";
import { LEARNED_DEFAULTS, PERSONA_DEFAULTS, parseOptions } from "./options.js";
import { trainLearned } from "./train.js";
import type { Interactions } from "../../schema/interactions.js";
import type { ModelFamily } from "../model.js";

/** A learned model definition whose fit returns the concrete {@link LearnedModel} (saveable). */
export interface LearnedDefinition extends ModelDefinition {
  fit(train: Interactions, options: FitOptions): LearnedModel;
}

function define(name: string, family: ModelFamily, architecture: Architecture, description: string): LearnedDefinition {
  const persona = architecture === "persona";
  return {
    name,
    family,
    description,
    outcomeTypes: ["binary", "rating", "amount", "count"],
    fit(train, fit) {
      const options: LearnedOptions | PersonaOptions = persona
        ? parseOptions(name, fit.params, PERSONA_DEFAULTS)
        : parseOptions(name, fit.params, LEARNED_DEFAULTS);
      const shape = {
        dim: options.dim,
        personas: persona ? (options as PersonaOptions).personas : 0,
        customerGate: persona ? (options as PersonaOptions).customerGate : false,
      };
      return trainLearned(train, { model: name, architecture, options, shape, seed: fit.seed, ...(fit.onProgress ? { onProgress: fit.onProgress } : {}) });
    },
  };
}

/** Matrix factorization with customer and item biases (CRM: never sees context). */
export const mfModel = define("mf", "crm", "mf", "Matrix factorization: customer and item embeddings with biases, context-free (TensorFlow.js).");

/** Factorization machine over customer, item and every context dimension (Rendle 2010). */
export const fmModel = define("fm", "irm", "fm", "Factorization machine over customer, item and each context dimension, all pairwise interactions (TensorFlow.js).");

/**
 * CAMF-CI (Baltrunas, Ludwig & Ricci 2011): MF plus one item bias per (item, context value), the
 * variant that lets each item's appeal shift with each context dimension. Chosen over CAMF-C
 * (one bias per context value, shared by all items), which cannot express item-specific shifts.
 */
export const camfModel = define("camf", "irm", "camf", "Context-aware MF (CAMF-CI): MF plus an item bias per context value (TensorFlow.js).");

/** Multi-persona: K persona vectors per customer mixed by a context-gated softmax. */
export const multiPersonaModel = define("multi-persona", "irm", "persona", "Multi-persona: each customer has K latent personas that a context-gated softmax mixes (TensorFlow.js).");

/** Every learned model definition. */
export const LEARNED_MODELS: readonly LearnedDefinition[] = [mfModel, fmModel, camfModel, multiPersonaModel];

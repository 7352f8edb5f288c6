import type { ModelDefinition } from "./model.js";
import { globalMean } from "./baseline/global-mean.js";
import { oracle } from "./oracle.js";
import { contextProfile, customerProfile, popularity } from "./profile/profile-models.js";
import { LEARNED_MODELS } from "./learned/definitions.js";

/** Every model an experiment config can name. Learned (TensorFlow.js) models register here too. */
const MODELS: readonly ModelDefinition[] = [globalMean, popularity, customerProfile, contextProfile, ...LEARNED_MODELS, oracle];

export function modelNames(): string[] {
  return MODELS.map((m) => m.name);
}

/**
 * The model called `name`.
 * @throws Error listing the valid names when there is none
 */
export function getModel(name: string): ModelDefinition {
  const model = MODELS.find((m) => m.name === name);
  if (!model) throw new Error(`unknown model "${name}"; models are ${modelNames().join(", ")}`);
  return model;
}

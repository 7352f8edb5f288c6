/**
 * Hyper-parameters shared by the learned (TensorFlow.js) models, parsed from the experiment
 * config's `params` with a precise error for every bad value.
 */

/** Options of every learned model. */
export interface LearnedOptions {
  /** Embedding dimension (latent factors per customer, item and context value). Default 32. */
  readonly dim: number;
  /** Passes over the training rows (at most, with early stopping). Default 30. */
  readonly epochs: number;
  /** Adagrad step size. Default 0.1. */
  readonly learningRate: number;
  /**
   * L2 penalty per row occurrence on every parameter the row touches (libFM-style
   * frequency-weighted regularization, independent of the batch size). Default 0.03
   * (multi-persona: 0.01), chosen on the validation part of the default synthetic data.
   */
  readonly l2: number;
  /**
   * Candidate multipliers of `l2` for the context parameters (fm: the context-value embeddings
   * and biases; camf: the item × context biases). With several candidates and early stopping,
   * fm and camf are fitted once per candidate and keep the one with the lowest loss on the
   * validation part of the training rows (never test data): 1 keeps the context parameters as
   * free as the others, large values shrink them to the context-free model, so irrelevant
   * context cannot make the model worse than its context-free counterpart beyond noise.
   * mf and multi-persona ignore it. Default [1, 10, 100] (one number means one candidate).
   */
  readonly contextL2Scale: readonly number[];
  /** Rows per gradient step. Default 1024. */
  readonly batchSize: number;
  /**
   * Stop when the loss on a validation part carved (seeded) from the training rows has not
   * improved for `patience` epochs, and keep the best epoch's weights. Default true.
   */
  readonly earlyStopping: boolean;
  /** Fraction of the training rows held out for early stopping, in (0, 0.5]. Default 0.1. */
  readonly validationFraction: number;
  /** Epochs without improvement before stopping. Default 3. */
  readonly patience: number;
  /** Standard deviation of the seeded normal initializer of embeddings. Default 0.05. */
  readonly initScale: number;
  /**
   * Threads to train with: data-parallel batches on shared memory, the same weights for the same
   * seed and thread count (not across thread counts: gradients are summed in another order).
   * 0: every core of the machine when the fit has at least 100,000 training rows, else 1.
   * Without helper threads (browser) always 1. Default 0.
   */
  readonly threads: number;
}

/** Extra options of the multi-persona model. */
export interface PersonaOptions extends LearnedOptions {
  /** Persona vectors per customer. Default 3. */
  readonly personas: number;
  /** Add a customer-specific term to the context gate. Default true. */
  readonly customerGate: boolean;
}

/** The defaults of {@link LearnedOptions}. */
export const LEARNED_DEFAULTS: LearnedOptions = Object.freeze({
  dim: 32,
  epochs: 30,
  learningRate: 0.1,
  l2: 0.03,
  contextL2Scale: Object.freeze([1, 10, 100]),
  batchSize: 1024,
  earlyStopping: true,
  validationFraction: 0.1,
  patience: 3,
  initScale: 0.05,
  threads: 0,
});

/** The defaults of {@link PersonaOptions}. */
export const PERSONA_DEFAULTS: PersonaOptions = Object.freeze({ ...LEARNED_DEFAULTS, l2: 0.01, personas: 3, customerGate: true });

type Check = (v: unknown) => boolean;
const posInt: Check = (v) => Number.isInteger(v) && (v as number) > 0;
const nonNegInt: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const posNum: Check = (v) => typeof v === "number" && Number.isFinite(v) && v > 0;
const nonNeg: Check = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
const bool: Check = (v) => typeof v === "boolean";
const scales: Check = (v) => (Array.isArray(v) ? v.length > 0 && v.every(nonNeg) : nonNeg(v));
const fraction: Check = (v) => typeof v === "number" && v > 0 && v <= 0.5;

const RULES: Record<keyof PersonaOptions, [Check, string]> = {
  dim: [posInt, "a positive integer"],
  epochs: [posInt, "a positive integer"],
  learningRate: [posNum, "a positive number"],
  l2: [nonNeg, "a non-negative number"],
  contextL2Scale: [scales, "a non-negative number or a non-empty list of them"],
  batchSize: [posInt, "a positive integer"],
  earlyStopping: [bool, "true or false"],
  validationFraction: [fraction, "a number in (0, 0.5]"],
  patience: [posInt, "a positive integer"],
  initScale: [posNum, "a positive number"],
  threads: [nonNegInt, "a non-negative integer (0: every core)"],
  personas: [posInt, "a positive integer"],
  customerGate: [bool, "true or false"],
};

/**
 * Validates `params` against `defaults` and fills the missing options.
 * @param model model name, for messages
 * @param params the config's params (unknown keys are rejected, so typos do not pass silently)
 * @throws Error `model mf: param "dim" must be a positive integer, got "abc"`
 */
export function parseOptions<T extends LearnedOptions>(model: string, params: Readonly<Record<string, unknown>> | undefined, defaults: T): T {
  const out: Record<string, unknown> = { ...(defaults as object) };
  for (const [key, value] of Object.entries(params ?? {})) {
    if (!Object.hasOwn(defaults, key)) {
      throw new Error(`model ${model}: unknown param "${key}"; params are ${Object.keys(defaults).join(", ")}`);
    }
    const [check, expected] = RULES[key as keyof PersonaOptions];
    if (!check(value)) throw new Error(`model ${model}: param "${key}" must be ${expected}, got ${JSON.stringify(value)}`);
    out[key] = key === "contextL2Scale" && !Array.isArray(value) ? [value] : value;
  }
  return out as T;
}

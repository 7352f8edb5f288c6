import type { Interactions } from "../schema/interactions.js";
import { withoutContext, withoutTruth } from "../schema/interactions.js";
import type { OutcomeType } from "../schema/outcome.js";

/**
 * Model families. `crm`: single-profile models that never see context. `irm`: multi-context
 * models. `oracle`: reads the synthetic ground truth (churn and never-buying prospects included,
 * which no real model can know): a ceiling, not a reachable target.
 */
export const MODEL_FAMILIES = {
  crm: "single profile (CRM)",
  irm: "multi-context (IRM)",
  oracle: "oracle (ground truth)",
} as const;

export type ModelFamily = keyof typeof MODEL_FAMILIES;

export function isModelFamily(value: unknown): value is ModelFamily {
  return typeof value === "string" && Object.hasOwn(MODEL_FAMILIES, value);
}

/** Options every fit receives. */
export interface FitOptions {
  /** Seed for every random choice of the fit (initialization, shuffling, validation part). */
  readonly seed: number;
  /** Model-specific hyper-parameters from the experiment config; each model validates its own. Default {}. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Called with the fraction done in [0, 1] during long fits. Default: none. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Most threads the profile models' fit may use, the calling thread included (their fit is the same
   * on any count). Default: every available core from 100,000 rows. Other models ignore it.
   */
  readonly threads?: number;
}

/** A trained model. */
export interface FittedModel {
  /**
   * Scores for every row of `rows`: P(outcome = 1) in (0, 1) for binary outcomes, the expected
   * outcome on the outcome's scale for rating and amount outcomes.
   * @returns a Float64Array of length rows.size
   */
  predict(rows: Interactions): Float64Array;
  /**
   * Optional: the scores of every catalogue item at every row of `rows`, what predict gives
   * everyItemRows(rows) (entry u·I + i: row u with its item replaced by item i), bit for bit, without
   * building those rows. Choosing an offer for millions of customers (targeting) scores this way.
   */
  predictEveryItem?(rows: Interactions): Float64Array;
  /**
   * Optional, with predictEveryItem: for every row of `rows`, the item predictEveryItem scores
   * highest there (the first in catalogue order on a tie) and that score, bit for bit what the
   * argmax of predictEveryItem(rows) gives, without holding rows × items scores (choosing offers).
   */
  bestItems?(rows: Interactions): BestItems;
  /** Small JSON-safe description of what was learned (sizes, fitted hyper-parameters). */
  describe(): Record<string, unknown>;
  /** Releases resources (TensorFlow.js variables); the model cannot predict afterwards. Optional. */
  dispose?(): void;
}

/** Per row: the best item's code and its score (FittedModel.bestItems). */
export interface BestItems {
  readonly item: Int32Array;
  readonly score: Float64Array;
}

/** A model that can be fitted: the one interface every CRM, IRM and oracle model implements. */
export interface ModelDefinition {
  /** Registry name, kebab-case (used in configs): "popularity", "context-profile", ... */
  readonly name: string;
  readonly family: ModelFamily;
  /** One sentence for --help, the site and the run record. */
  readonly description: string;
  /** Outcome types this model can fit. */
  readonly outcomeTypes: readonly OutcomeType[];
  /** Fit on training rows. Implementations may assume the input was prepared by {@link fitModel}. */
  fit(train: Interactions, options: FitOptions): FittedModel | Promise<FittedModel>;
}

/**
 * What a model of `family` may see of `data`: CRM models get no context, no model but the oracle
 * gets the ground truth. This is the one place the rule is enforced.
 */
export function visibleTo(family: ModelFamily, data: Interactions): Interactions {
  if (family === "oracle") return data;
  const hidden = withoutTruth(data);
  return family === "crm" ? withoutContext(hidden) : hidden;
}

/** A fitted model bound to its definition, so that predictions see exactly what the fit saw. */
export interface TrainedModel {
  readonly definition: ModelDefinition;
  readonly fitted: FittedModel;
  /** Predictions for `rows`, which are first reduced to what the model's family may see. */
  predict(rows: Interactions): Float64Array;
  /** FittedModel.predictEveryItem, when the fitted model has it, with the same reduction and checks. */
  predictEveryItem?(rows: Interactions): Float64Array;
  /** FittedModel.bestItems, when the fitted model has it, with the same reduction and checks (items in the catalogue). */
  bestItems?(rows: Interactions): BestItems;
}

/**
 * Fits `definition` on `train` after reducing the data to what its family may see.
 * @throws Error when the model does not support the data's outcome type, or returns
 *   predictions of the wrong length or non-finite values
 */
export async function fitModel(definition: ModelDefinition, train: Interactions, options: FitOptions): Promise<TrainedModel> {
  return trainedModel(definition, await definition.fit(fitInput(definition, train), options));
}

/**
 * What `definition`'s fit gets of `train`: what its family may see.
 * @throws Error when the model does not support the data's outcome type
 */
export function fitInput(definition: ModelDefinition, train: Interactions): Interactions {
  const type = train.outcomeSpec.type;
  if (!definition.outcomeTypes.includes(type)) {
    throw new Error(
      `model ${definition.name}: outcome type "${type}" is not supported; it supports ${definition.outcomeTypes.join(", ")}`,
    );
  }
  return visibleTo(definition.family, train);
}

/**
 * `fitted` (fitted on fitInput(definition, …)) bound to its definition; predictions are checked.
 * @throws Error (predict) on predictions of the wrong length or non-finite values
 */
export function trainedModel(definition: ModelDefinition, fitted: FittedModel): TrainedModel {
  const checked = (scores: Float64Array, expected: number, what: string): Float64Array => {
    if (scores.length !== expected) throw new Error(`model ${definition.name}: predicted ${scores.length} scores for ${expected} ${what}s`);
    for (let i = 0; i < scores.length; i++) {
      if (!Number.isFinite(scores[i]!)) throw new Error(`model ${definition.name}: prediction for ${what} ${i} is ${scores[i]}`);
    }
    return scores;
  };
  const everyItem = fitted.predictEveryItem?.bind(fitted), best = fitted.bestItems?.bind(fitted);
  const checkedBest = (rows: Interactions): BestItems => {
    const out = best!(visibleTo(definition.family, rows));
    checked(out.score, rows.size, "row's best item");
    if (out.item.length !== rows.size) throw new Error(`model ${definition.name}: chose ${out.item.length} items for ${rows.size} rows`);
    for (let u = 0; u < out.item.length; u++) {
      const i = out.item[u]!;
      if (!(i >= 0 && i < rows.itemIds.length)) throw new Error(`model ${definition.name}: chose item ${i} for row ${u}, outside the catalogue of ${rows.itemIds.length}`);
    }
    return out;
  };
  return {
    definition,
    fitted,
    predict: (rows) => checked(fitted.predict(visibleTo(definition.family, rows)), rows.size, "row"),
    ...(everyItem ? { predictEveryItem: (rows: Interactions) => checked(everyItem(visibleTo(definition.family, rows)), rows.size * rows.itemIds.length, "(row, item) pair") } : {}),
    ...(everyItem && best ? { bestItems: checkedBest } : {}),
  };
}

import type { Interactions } from "../../schema/interactions.js";
import { fitsOnLogScale } from "../../schema/outcome.js";
import type { TrainThreads } from "../learned/parallel-training.js";
import type { FitOptions, FittedModel, ModelDefinition } from "../model.js";
import { bestItemsAdditive, fitAdditiveEffects, predictAdditive, predictAdditiveEveryItem, scoresEveryItem, type AdditiveFit, type AdditiveOptions, type Grouping } from "./additive-effects.js";
import { byCustomer, byItem, contextProfileGroupings } from "./groupings.js";
import { startEffectsFit } from "./profile-fit-thread.js";

/** Each profile model's spec, to fit it elsewhere (startProfileFit). */
const specs = new WeakMap<ModelDefinition, ProfileSpec>();

/**
 * The profile models: shrunken additive effects (see additive-effects.ts) over different groupings.
 *
 *   popularity        item                                          (CRM: one number per offer)
 *   customer-profile  item + customer                               (CRM: one profile per customer)
 *   context-profile   item + customer + Σ_dims (context + item×context + customer×context)   (IRM)
 *
 * The customer×context effects shrink toward the customer's own effect, the customer's toward the
 * context-level and population terms: customer×context → customer → context → population.
 */
export const popularity = profileModel({
  name: "popularity",
  family: "crm",
  description: "Each offer's average outcome, shrunk toward the overall average; the same for every customer.",
  groupings: (d) => [byItem(d)],
});

export const customerProfile = profileModel({
  name: "customer-profile",
  family: "crm",
  description: "One profile per customer: offer effect plus a customer effect, each shrunk toward the population (empirical Bayes).",
  groupings: (d) => [byItem(d), byCustomer(d)],
});

export const contextProfile = profileModel({
  name: "context-profile",
  family: "irm",
  description:
    "One profile per customer and context: customer×context effects shrunk toward the customer's profile, which is shrunk toward context and population effects.",
  groupings: contextProfileGroupings,
});

interface ProfileSpec {
  readonly name: string;
  readonly family: "crm" | "irm";
  readonly description: string;
  readonly groupings: (train: Interactions) => Grouping[];
}

function profileModel(spec: ProfileSpec): ModelDefinition {
  const definition: ModelDefinition = {
    name: spec.name,
    family: spec.family,
    description: spec.description,
    outcomeTypes: ["binary", "rating", "amount", "count"],
    fit(train, options): FittedModel {
      const { fitted, groupings, params } = fitPlan(spec, train, options);
      return profileFitted(train, fitted, fitAdditiveEffects(fitted, groupings, params));
    },
  };
  specs.set(definition, spec);
  return definition;
}

/** Whether `definition` is one of the profile models (startProfileFit can fit it on a helper thread). */
export function isProfileModel(definition: ModelDefinition): boolean {
  return specs.has(definition);
}

/**
 * Starts profile model `definition`'s fit of `train` (fitInput of it) on helper `helper` of `runtime`,
 * on that thread alone, and returns what waits for it and gives the fitted model: the same model,
 * bit for bit, as definition.fit(train, options). Null when `definition` is not a profile model.
 * @throws Error on invalid params; (the returned function) the fit's error
 */
export function startProfileFit(definition: ModelDefinition, train: Interactions, options: FitOptions, runtime: TrainThreads, helper: number): (() => FittedModel) | null {
  const spec = specs.get(definition);
  if (!spec) return null;
  const { fitted, groupings, params } = fitPlan(spec, train, options);
  const collect = startEffectsFit(runtime, helper, fitted, groupings, params);
  let model: FittedModel | null = null;
  return () => (model ??= profileFitted(train, fitted, collect()));
}

/** What a profile fit fits: the rows (on the log scale for counts), the groupings, the options. */
function fitPlan(spec: ProfileSpec, train: Interactions, options: FitOptions): { fitted: Interactions; groupings: Grouping[]; params: AdditiveOptions } {
  const params = parseParams(spec.name, options.params ?? {});
  const fitted = fitsOnLogScale(train.outcomeSpec) ? logScale(train) : train;
  return { fitted, groupings: spec.groupings(fitted), params: options.threads !== undefined ? { ...params, threads: options.threads } : params };
}

/** The fitted model of `fit`, made on `fitted` (fitPlan of `train`). */
function profileFitted(train: Interactions, fitted: Interactions, fit: AdditiveFit): FittedModel {
  const log = fitsOnLogScale(train.outcomeSpec);
  const { min, max } = train.outcomeSpec;
  const smear = log ? smearing(fit, fitted) : 1;
  const toOutcomeScale = (out: Float64Array): Float64Array => {
    if (log) for (let i = 0; i < out.length; i++) out[i] = Math.max(MIN_LOG_SCALE_PREDICTION, Math.exp(out[i]!) * smear - 1);
    else if (fit.link === "identity") for (let i = 0; i < out.length; i++) out[i] = Math.min(max, Math.max(min, out[i]!));
    return out;
  };
  return {
    predict: (rows) => toOutcomeScale(predictAdditive(fit, rows)),
    ...(scoresEveryItem(fit.groupings)
      ? {
          predictEveryItem: (rows: Interactions) => toOutcomeScale(predictAdditiveEveryItem(fit, rows)),
          // toOutcomeScale leaves the logit's probabilities as they are
          bestItems: (rows: Interactions) => bestItemsAdditive(fit, rows, fit.link === "logit" && !log ? null : toOutcomeScale),
        }
      : {}),
    describe: () => ({
      link: log ? "log1p" : fit.link,
      ...(log ? { smearing: round(smear) } : {}),
      intercept: round(fit.intercept),
      residualSd: round(fit.residualSd),
      passes: fit.passes,
      converged: fit.converged,
      groupings: fit.groupings.map((g, i) => ({ name: g.name, keys: g.size, ...(g.fixed ? { fixed: true } : { priorSd: round(fit.priorSd[i]!) }) })),
      varianceComponents: fit.components.map((c) => ({ ...c, sd: round(c.sd) })),
    }),
  };
}

/**
 * Smallest prediction on the log scale's way back: a count's expected value is > 0 (a prediction of
 * 0 would make the Poisson deviance of any positive count infinite).
 */
const MIN_LOG_SCALE_PREDICTION = 0.01;

/**
 * Counts, and amounts declared `transform: log1p`: the effects are shrunk on z = log(1 + y), where
 * skewed counts are close to Gaussian, and predictions return to the outcome's scale by Duan's
 * smearing estimate E[1 + y] ≈ exp(ẑ)·mean(exp(z − ẑ)) over the training rows (exp(ẑ) alone would
 * predict the geometric mean, too low for RMSE and deviance).
 */
function logScale(train: Interactions): Interactions {
  const outcome = new Float64Array(train.size);
  for (let i = 0; i < train.size; i++) outcome[i] = Math.log1p(train.outcome[i]!);
  return { ...train, outcome, outcomeSpec: { type: "amount", min: 0, max: Infinity } };
}

function smearing(fit: AdditiveFit, logTrain: Interactions): number {
  const z = predictAdditive(fit, logTrain);
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += Math.exp(logTrain.outcome[i]! - z[i]!);
  return z.length > 0 ? sum / z.length : 1;
}

function parseParams(model: string, params: Readonly<Record<string, unknown>>): AdditiveOptions {
  const known = ["passes", "tolerance", "minVariance"];
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) throw new Error(`model ${model}: unknown parameter "${key}"; valid parameters are ${known.join(", ")}`);
  }
  const out: { passes?: number; tolerance?: number; minVariance?: number } = {};
  if (params.passes !== undefined) {
    if (!Number.isInteger(params.passes) || (params.passes as number) < 1) throw new Error(`model ${model}: passes must be a positive integer, got ${JSON.stringify(params.passes)}`);
    out.passes = params.passes as number;
  }
  if (params.tolerance !== undefined) {
    if (typeof params.tolerance !== "number" || !(params.tolerance > 0)) throw new Error(`model ${model}: tolerance must be a positive number, got ${JSON.stringify(params.tolerance)}`);
    out.tolerance = params.tolerance;
  }
  if (params.minVariance !== undefined) {
    if (typeof params.minVariance !== "number" || !(params.minVariance > 0)) throw new Error(`model ${model}: minVariance must be a positive number, got ${JSON.stringify(params.minVariance)}`);
    out.minVariance = params.minVariance;
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

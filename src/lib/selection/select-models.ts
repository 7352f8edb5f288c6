/**
 * Model selection on training rows only (`models: auto` in a config).
 *
 *   outer training rows → inner splits (the run's own split kind, or k-fold by row / by customer)
 *     → every candidate (profile models as they are, each learned model × the grid) fitted on each
 *       inner training part, scored on its validation part in the headline metric
 *     → best CRM candidate and best IRM candidate by mean inner-validation score
 *   The run then refits the two winners on all training rows and scores them once on the test rows.
 * The test rows never reach this module: the caller passes the training rows alone.
 */
import { headlineMetric, METRICS, type MetricName } from "../evaluation/metric-names.js";
import { computeMetric } from "../metrics/compute-metric.js";
import { fitModel, type ModelDefinition, type ModelFamily } from "../models/model.js";
import type { SplitConfig } from "../config/split-config.js";
import type { Interactions } from "../schema/interactions.js";
import { takeRows } from "../schema/interactions.js";
import { protocolFolds } from "../split/protocol-folds.js";

/** The `select` settings of a config (`models: auto`). */
export interface SelectConfig {
  /** Inner validation: "split" = one cut of the run's own split kind; "kfold" = k folds by row; "customer" = k folds by customer. Default "split". */
  readonly validation: "split" | "kfold" | "customer";
  /** Folds of the kfold and customer validations. Default 3. */
  readonly folds: number;
  /** Candidate models (registry names); default every profile and learned model. */
  readonly candidates: readonly string[];
  /** Hyper-parameter grid of the learned models: every combination is a candidate. Default {@link DEFAULT_GRID}. */
  readonly grid: Readonly<Record<string, readonly unknown[]>>;
}

/** Models a bare `models: auto` chooses among. */
export const DEFAULT_CANDIDATES = ["popularity", "customer-profile", "mf", "context-profile", "fm", "camf", "multi-persona"] as const;

/**
 * The learned models' grid: 2 × 2 × 2 = 8 settings each. Epochs is an upper bound: early stopping
 * on a validation part of the (inner) training rows picks the number of epochs.
 */
export const DEFAULT_GRID: Readonly<Record<string, readonly unknown[]>> = Object.freeze({
  dim: [8, 32],
  l2: [0.01, 0.1],
  learningRate: [0.05, 0.2],
  epochs: [40],
});

/** Learned models take the grid; profile models have no hyper-parameters to tune. */
const LEARNED = new Set(["mf", "fm", "camf", "multi-persona"]);

/** One candidate tried. */
export interface SelectionTrial {
  readonly model: string;
  readonly family: ModelFamily;
  readonly params: Readonly<Record<string, unknown>>;
  /** Headline metric on each inner validation part (null where undefined). */
  readonly scores: readonly (number | null)[];
  /** Mean of the defined scores; null when none is defined. */
  readonly mean: number | null;
}

/** What selection tried and chose; recorded in run.json (`selection`). */
export interface SelectionRecord {
  readonly metric: MetricName;
  readonly validation: string;
  readonly innerFolds: number;
  readonly trainRows: number;
  readonly trials: readonly SelectionTrial[];
  readonly chosen: { readonly crm: SelectionChoice; readonly irm: SelectionChoice };
  readonly seconds: number;
}

export interface SelectionChoice {
  readonly model: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly mean: number;
  /** Why, in words: the score and the runner-up. */
  readonly reason: string;
}

/** Options of {@link selectModels}. */
export interface SelectOptions {
  readonly select: SelectConfig;
  /** The run's split (validation "split" cuts the training rows the same way). */
  readonly split: SplitConfig;
  readonly seed: number;
  /** Model definitions by name (the registry). */
  readonly getModel: (name: string) => ModelDefinition;
  /** Clock in ms, for the record's seconds (the lib has no clock). Default: none (0 s). */
  readonly now?: () => number;
  readonly onProgress?: (fraction: number) => void;
}

/** Every (model, params) candidate of the config, in order. */
export function candidatesOf(select: SelectConfig): { model: string; params: Record<string, unknown> }[] {
  const out: { model: string; params: Record<string, unknown> }[] = [];
  for (const model of select.candidates) {
    if (!LEARNED.has(model)) {
      out.push({ model, params: {} });
      continue;
    }
    let combos: Record<string, unknown>[] = [{}];
    for (const [key, values] of Object.entries(select.grid)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
    for (const params of combos) out.push({ model, params });
  }
  return out;
}

/**
 * Selects the best CRM and the best IRM candidate by inner validation on `train`.
 * @param train the outer TRAINING rows only
 * @throws Error when no CRM or no IRM candidate has a defined inner score, or an inner split fails
 */
export async function selectModels(train: Interactions, options: SelectOptions): Promise<SelectionRecord> {
  const { select, seed } = options;
  const start = options.now?.() ?? 0;
  const metric = headlineMetric(train.outcomeSpec.type);
  const inner = protocolFolds(train, innerSplit(select, options.split), seed + 1);
  const candidates = candidatesOf(select);
  const total = candidates.length * inner.folds.length;
  let done = 0;
  const trials: SelectionTrial[] = [];
  for (const c of candidates) {
    const definition = options.getModel(c.model);
    if (!definition.outcomeTypes.includes(train.outcomeSpec.type)) continue;
    const scores: (number | null)[] = [];
    for (const fold of inner.folds) {
      const fitPart = takeRows(train, fold.train);
      const valid = takeRows(train, fold.test);
      const trained = await fitModel(definition, fitPart, { seed, params: c.params });
      scores.push(computeMetric(metric, valid.outcome, trained.predict(valid)));
      trained.fitted.dispose?.();
      options.onProgress?.(++done / total);
    }
    const defined = scores.filter((s): s is number => s !== null);
    trials.push({ model: c.model, family: definition.family, params: c.params, scores, mean: defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : null });
  }
  const chosen = { crm: choose(trials, "crm", metric), irm: choose(trials, "irm", metric) };
  const seconds = options.now ? Math.round(options.now() - start) / 1000 : 0;
  return { metric, validation: inner.description, innerFolds: inner.folds.length, trainRows: train.size, trials, chosen, seconds };
}

/** The inner split: the run's own kind cut again inside the training rows, or k folds. */
function innerSplit(select: SelectConfig, split: SplitConfig): SplitConfig {
  if (select.validation === "kfold") return { kind: "kfold", k: select.folds, groupBy: "row" };
  if (select.validation === "customer") return { kind: "kfold", k: select.folds, groupBy: "customer" };
  if (split.kind === "kfold") throw new Error(`select: models: auto with a k-fold split would choose on rows that other folds test; use a holdout split kind, or select.validation kfold with a holdout split`);
  return split;
}

function choose(trials: readonly SelectionTrial[], family: "crm" | "irm", metric: MetricName): SelectionChoice {
  const higher = METRICS[metric].higherIsBetter;
  const ranked = trials
    .filter((t) => t.family === family && t.mean !== null)
    .sort((a, b) => (higher ? b.mean! - a.mean! : a.mean! - b.mean!));
  const [best, next] = ranked;
  if (!best) throw new Error(`select: no ${family.toUpperCase()} candidate has an inner-validation ${METRICS[metric].label}; add one to select.candidates`);
  const label = METRICS[metric].label;
  const params = Object.keys(best.params).length > 0 ? ` ${JSON.stringify(best.params)}` : "";
  const reason = next
    ? `best mean inner-validation ${label} of ${ranked.length} ${family.toUpperCase()} candidates: ${best.mean!.toFixed(4)}, runner-up ${next.model}${Object.keys(next.params).length > 0 ? ` ${JSON.stringify(next.params)}` : ""} ${next.mean!.toFixed(4)}`
    : `the only ${family.toUpperCase()} candidate with an inner-validation ${label} (${best.mean!.toFixed(4)})`;
  return { model: best.model, params: best.params, mean: best.mean!, reason: `${best.model}${params}: ${reason}` };
}

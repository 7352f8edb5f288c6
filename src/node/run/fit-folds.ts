import type { ExperimentConfig } from "../../lib/config/experiment-config.js";
import { rankingMetrics, type RankingResult } from "../../lib/evaluation/ranking.js";
import { segmentsOf } from "../../lib/evaluation/segments.js";
import { GLOBAL_MEAN } from "../../lib/models/baseline/global-mean.js";
import { LearnedModel } from "../../lib/models/learned/learned-model.js";
import { fitModel, type ModelDefinition } from "../../lib/models/model.js";
import { fitRowsShared } from "../../lib/models/learned/parallel-training.js";
import type { EvaluatedModel } from "../../lib/evaluation/evaluate-run.js";
import type { ProtocolFolds } from "../../lib/split/protocol-folds.js";
import type { RunRecord } from "../../lib/records/run-record.js";
import { gather, takeRows, type ContextColumn, type Interactions } from "../../lib/schema/interactions.js";
import { startProgress } from "../progress.js";

/**
 * Fits every model on every fold and collects what evaluation needs.
 *
 *   per fold: train/test rows → segments (from train) → per model: fit → predict test
 *     → rank the full catalogue (when configured; not the oracle) → dispose, except fold 1's
 *       learned models, which the run saves as artifacts
 */
export interface FoldsOutput {
  readonly models: EvaluatedModel[];
  readonly segments: ContextColumn[][] | null;
  readonly segmentsNote: string | null;
  readonly notRanked: { model: string; reason: string }[];
  /** Model descriptions (fold 1's fit) for run.json. */
  readonly fitted: RunRecord["models"][number][];
  /** Fold 1's learned models with their params, still alive: the caller saves and disposes them. */
  readonly learned: { definition: ModelDefinition; model: LearnedModel; params: Record<string, unknown> }[];
}

export interface FitFoldsInput {
  readonly data: Interactions;
  readonly folds: ProtocolFolds;
  readonly config: ExperimentConfig;
  readonly definitions: readonly ModelDefinition[];
  readonly quiet: boolean;
  /** Adds seconds to a named stage (summed over folds). */
  readonly time: <T>(stage: string, work: () => T | Promise<T>) => Promise<T>;
}

const ORACLE_NOT_RANKED = "the oracle reads ground truth, which candidate rows (items the customer was never offered) do not have";
const BASELINE_NOT_RANKED = "the baseline scores every item alike, so its ranking is all ties";

/** Why a model is left out of the catalogue ranking, or null when it is ranked. */
function notRankedReason(d: ModelDefinition): string | null {
  if (d.family === "oracle") return ORACLE_NOT_RANKED;
  return d.name === GLOBAL_MEAN ? BASELINE_NOT_RANKED : null;
}

/** Runs the fits; see the module comment. */
export async function fitFolds(input: FitFoldsInput): Promise<FoldsOutput> {
  const { data, folds, config, definitions, quiet, time } = input;
  const k = folds.folds.length;
  const predictions = definitions.map((): Float64Array[] => []);
  const rankings = definitions.map((d): RankingResult[] | null => (config.ranking && notRankedReason(d) === null ? [] : null));
  const segments: ContextColumn[][] | null = config.segments === false ? null : [];
  let segmentsNote: string | null = null;
  const fitted: RunRecord["models"][number][] = [];
  const learned: FoldsOutput["learned"] = [];
  const components: EvaluatedModel["varianceComponents"][] = definitions.map(() => undefined);
  const fitColumns = fitColumnsOf(data, definitions);
  for (const [f, fold] of folds.folds.entries()) {
    const train = takeRows(fitColumns, fold.train, fitRowsShared());
    const test = takeRows(data, fold.test);
    if (segments) {
      // recency and monetary segments read the training rows' times and values, which the fits do not
      const s = segmentsOf({ ...train, timestamp: data.timestamp && gather(data.timestamp, fold.train), value: data.value && gather(data.value, fold.train) }, test);
      segments.push(s.columns);
      segmentsNote = s.note;
    }
    const suffix = k > 1 ? ` (fold ${f + 1}/${k})` : "";
    for (const [i, definition] of definitions.entries()) {
      const params = config.models[i]!.params;
      const progress = startProgress(`fit ${definition.name}${suffix}`, { quiet });
      const trained = await time(`fit:${definition.name}`, () => fitModel(definition, train, { seed: config.seed, params, onProgress: progress.update }));
      progress.done();
      predictions[i]!.push(await time(`predict:${definition.name}`, () => trained.predict(test)));
      const ranking = rankings[i];
      if (ranking && config.ranking) {
        const bar = startProgress(`rank ${definition.name}${suffix} over ${data.itemIds.length} items`, { quiet });
        const options = { ks: config.ranking.ks, onProgress: bar.update, ...(config.ranking.candidates ? { candidates: config.ranking.candidates } : {}), ...(config.ranking.threshold === null ? {} : { threshold: config.ranking.threshold }) };
        ranking.push(await time(`rank:${definition.name}`, () => rankingMetrics(train, test, (rows) => trained.predict(rows), options)));
        bar.done();
      }
      const described = trained.fitted.describe();
      const vc = varianceComponentsOf(described);
      // a component at its floor means that grouping's effects are all shrunk to 0: say so in the run's log
      for (const c of vc ?? []) {
        if (c.atFloor && !quiet) process.stderr.write(`warning: ${definition.name}${suffix}: the ${c.grouping} variance sits at its floor (SD ${c.sd}): its ${c.levels} effects are shrunk to 0\n`);
      }
      if (f === 0) {
        fitted.push({ name: definition.name, family: definition.family, description: definition.description, fitted: described });
        components[i] = vc;
      }
      if (f === 0 && trained.fitted instanceof LearnedModel) learned.push({ definition, model: trained.fitted, params: { ...params } });
      else trained.fitted.dispose?.();
    }
  }
  return {
    models: definitions.map((d, i) => ({ name: d.name, family: d.family, predictions: predictions[i]!, ranking: rankings[i]!, ...(components[i] ? { varianceComponents: components[i] } : {}) })),
    segments,
    segmentsNote,
    notRanked: config.ranking ? definitions.flatMap((d) => {
      const reason = notRankedReason(d);
      return reason === null ? [] : [{ model: d.name, reason }];
    }) : [],
    fitted,
    learned,
  };
}

/**
 * The columns of data the models' fits read: no timestamps or values, which no model reads, and the
 * ground truth only for the oracle (16 to 24 of the synthetic data's 52 bytes a row of each training
 * fold; 1.3 to 1.9 GB at 100M rows).
 */
function fitColumnsOf(data: Interactions, definitions: readonly ModelDefinition[]): Interactions {
  return { ...data, timestamp: null, value: null, truth: definitions.some((d) => d.family === "oracle") ? data.truth : null };
}

/** The variance components a profile model's describe() reports, or undefined for other models. */
function varianceComponentsOf(described: Record<string, unknown>): EvaluatedModel["varianceComponents"] {
  const vc = described.varianceComponents;
  return Array.isArray(vc) ? (vc as NonNullable<EvaluatedModel["varianceComponents"]>) : undefined;
}

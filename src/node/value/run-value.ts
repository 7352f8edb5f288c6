/**
 * Node side of the IRM value measures: load data, fit the profile models on the calibration rows,
 * wire the synthetic ground truth, call the pure relationshipValue, write value.json.
 *
 *   loadValueData ─► resolveWindow ─► calibration rows ─► fitModel(popularity, customer-profile,
 *   context-profile) ─► scorers (+ the oracle on synthetic data)
 *   permuted worlds (context within customer) ─► the IRM model refitted on each ─► null scorers
 *   ─► relationshipValue ─► value.json
 */
import { join } from "node:path";
import { fitInput, fitModel, trainedModel, type FitOptions, type ModelDefinition, type TrainedModel } from "../../lib/models/model.js";
import { startProfileFit } from "../../lib/models/profile/profile-models.js";
import { getModel } from "../../lib/models/registry.js";
import { takeRows, type Interactions } from "../../lib/schema/interactions.js";
import type { SyntheticPopulation } from "../../lib/synthetic/generate-population.js";
import type { ValueWindow } from "../../lib/value/purchase-log.js";
import { NULL_SEED_OFFSET, relationshipValue, type RelationshipValueOptions } from "../../lib/value/relationship-value.js";
import { type ValueRecord } from "../../lib/records/value-record.js";
import { calibrationRowsByCustomer, permuteContexts, permutationRng } from "../../lib/value/permute-contexts.js";
import type { ModelScorer, NullScorer } from "../../lib/value/targeting.js";
import { writeFileAtomic } from "../write-file-atomic.js";
import { loadValueData, resolveWindow, type ValueSource } from "./load-value-data.js";
import { PARALLEL_MIN_ROWS, trainThreads } from "../../lib/models/learned/parallel-training.js";
import { installTrainThreads } from "../workers/install-train-threads.js";
import { clvFitterOn } from "../../lib/value/clv-fit-thread.js";

/** The models the value command fits for the targeting simulation. */
export const VALUE_MODELS = ["popularity", "customer-profile", "context-profile"] as const;

/** Refits of the IRM model on permuted worlds for the targeting null (each is a full fit). Default 5. */
export const TARGETING_NULL_FITS = 5;

/** Options of {@link runValue}. */
export interface RunValueOptions extends RelationshipValueOptions {
  readonly calibrationEnd?: string;
  readonly holdoutEnd?: string;
  /** Seed of the fits and the bootstrap. Default 1. */
  readonly seed?: number;
  readonly onProgress?: (fraction: number) => void;
}

/** A value record with where the data came from. */
export interface ValueRun {
  readonly dataset: { readonly name: string; readonly source: string; readonly rows: number; readonly customers: number };
  readonly models: readonly string[];
  readonly value: ValueRecord;
}

/** The calibration rows (timestamp <= calibrationEnd) of data with timestamps. */
export function calibrationRows(data: Interactions, window: ValueWindow): Interactions {
  const t = data.timestamp!;
  const rows: number[] = [];
  for (let i = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) rows.push(i);
  return takeRows(data, Int32Array.from(rows));
}

/** Scorers of trained models, plus the ground-truth oracle when a population is given. */
export function scorersFor(trained: readonly TrainedModel[], population: SyntheticPopulation | null): ModelScorer[] {
  const scorers: ModelScorer[] = trained.map((m) => ({ name: m.definition.name, score: (rows) => m.predict(rows) }));
  if (population) {
    scorers.push({
      name: "oracle",
      score: (rows) => {
        const out = new Float64Array(rows.size), codes = new Int32Array(rows.contexts.length);
        for (let i = 0; i < rows.size; i++) {
          for (let d = 0; d < codes.length; d++) codes[d] = rows.contexts[d]!.codes[i]!;
          out[i] = population.truthFor(rows.customer[i]!, rows.item[i]!, codes);
        }
        return out;
      },
    });
  }
  return scorers;
}

/**
 * The targeting null of one context model: the model refitted on the calibration rows of the first
 * `count` permuted worlds relationshipValue builds (same seeds), as scorers.
 *
 * A profile model's refits go two at a time where helper threads are installed and the rows are many
 * (sideBySideMinRows): one on a helper thread alone (startProfileFit), the other here on the
 * remaining threads. Two fits on one thread each get more from two cores than one fit on two
 * threads (which waits at every sum over rows), and a profile fit is the same bit for bit on any
 * number of threads, so the scorers are those of the refits one after another.
 * @param options the run's fit options (seed, params)
 * @returns the scorers and the fitted models (the caller disposes them after relationshipValue)
 */
export async function nullScorersOf(definition: ModelDefinition, data: Interactions, window: ValueWindow, seed: number, count: number, options: FitOptions, sideBySideMinRows = PARALLEL_MIN_ROWS): Promise<{ scorers: NullScorer[]; fitted: TrainedModel[] }> {
  const groups = calibrationRowsByCustomer(data, window);
  const worlds = Array.from({ length: count }, (_, p) => permuteContexts(data, groups, permutationRng(seed + NULL_SEED_OFFSET, p)));
  const rows = (p: number): Interactions => calibrationRows(worlds[p]!, window);
  const runtime = trainThreads();
  const fitted: TrainedModel[] = [];
  for (let p = 0; p < count; ) {
    const train = rows(p);
    const aside = p + 1 < count && runtime && runtime.available >= 2 && train.size >= sideBySideMinRows
      ? startProfileFit(definition, fitInput(definition, rows(p + 1)), options, runtime, runtime.available - 2)
      : null;
    if (!aside) {
      fitted.push(await fitModel(definition, train, options));
      p++;
      continue;
    }
    // here on the threads the helper leaves free (helpers 0 .. available − 3), then the helper's fit
    fitted.push(await fitModel(definition, train, { ...options, threads: runtime!.available - 1 }));
    fitted.push(trainedModel(definition, aside()));
    p += 2;
  }
  const scorers = fitted.map((m, p): NullScorer => ({ world: worlds[p]!, scorer: { name: `${definition.name} (null ${p})`, score: (r) => m.predict(r) } }));
  return { scorers, fitted };
}

/**
 * The value record of data already in memory (what the experiment runner calls).
 * @param trained models fitted on the calibration rows only (their scores drive the targeting)
 * @param nullScorers per model name, its refits on the permuted worlds (see nullScorersOf)
 */
export function valueOf(data: Interactions, population: SyntheticPopulation | null, window: ValueWindow, seed: number, trained: readonly TrainedModel[], options: RelationshipValueOptions = {}, nullScorers?: ReadonlyMap<string, readonly NullScorer[]>): ValueRecord {
  const truth = population
    ? {
        probability: (c: number, item: number, codes: Int32Array) => population.truthFor(c, item, codes, window.calibrationEnd),
        maxContactsPerMonth: population.customers.maxContactsPerMonth,
        journey: population.customers.journey,
      }
    : null;
  // the CLV fits go to a helper thread (when installed) while this one computes the context measures
  return relationshipValue({ data, window, seed, options, scorers: scorersFor(trained, population), truth, ...(nullScorers ? { nullScorers } : {}), clvFitter: clvFitterOn(trainThreads()) });
}

/**
 * Loads data, fits the profile models on the calibration rows and computes every value measure.
 * @throws Error on unreadable data, missing timestamps or calibration end, invalid options
 */
export async function runValue(source: ValueSource, options: RunValueOptions = {}): Promise<ValueRun> {
  // the profile fits' block updates use every core from 100,000 rows (as in `irmlab experiment`)
  if (!trainThreads()) installTrainThreads();
  const loaded = await loadValueData(source, options.onProgress);
  const window = resolveWindow(loaded, options.calibrationEnd, options.holdoutEnd);
  const seed = options.seed ?? 1;
  const train = calibrationRows(loaded.data, window);
  const trained: TrainedModel[] = [];
  for (const name of VALUE_MODELS) trained.push(await fitModel(getModel(name), train, { seed }));
  const irm = "context-profile";
  const nulls = loaded.data.contexts.length > 0
    ? await nullScorersOf(getModel(irm), loaded.data, window, seed, TARGETING_NULL_FITS, { seed })
    : null;
  const value = valueOf(loaded.data, loaded.population, window, seed, trained, { currency: loaded.currency, ...options }, nulls ? new Map([[irm, nulls.scorers]]) : undefined);
  return {
    dataset: { name: loaded.name, source: loaded.source, rows: loaded.data.size, customers: loaded.data.customerIds.length },
    models: trained.map((m) => m.definition.name),
    value,
  };
}

/** Writes value.json into a run folder (atomically). */
export async function writeValueJson(runDir: string, record: ValueRecord): Promise<string> {
  const path = join(runDir, "value.json");
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/**
 * Node side of the IRM value measures: load data, fit the profile models on the calibration rows,
 * wire the synthetic ground truth, call the pure relationshipValue, write value.json.
 *
 *   loadValueData ─► resolveWindow ─► calibration rows ─► popularity, customer-profile,
 *   context-profile fitted ─► scorers (+ the oracle on synthetic data)
 *   permuted worlds (context within customer) ─► the IRM model refitted on each ─► null scorers
 *   (valueFits: every fit through fitSideBySide, two profile fits at a time)
 *   ─► relationshipValue ─► value.json
 */
import { join } from "node:path";
import { totalmem } from "node:os";
import { fitSideBySide, SIDE_BY_SIDE_BYTES_PER_ROW, type FitJob } from "../../lib/models/fit-side-by-side.js";
import type { FitOptions, ModelDefinition, TrainedModel } from "../../lib/models/model.js";
import { getModel } from "../../lib/models/registry.js";
import { takeRows, type Interactions } from "../../lib/schema/interactions.js";
import type { SyntheticPopulation } from "../../lib/synthetic/generate-population.js";
import type { ValueWindow } from "../../lib/value/purchase-log.js";
import { NULL_SEED_OFFSET, relationshipValue, type RelationshipValueOptions } from "../../lib/value/relationship-value.js";
import { type ValueRecord } from "../../lib/records/value-record.js";
import { calibrationPositions, calibrationRowsByCustomer, permutedCalibrationRows, permuteContexts, permutationRng, type CustomerRows } from "../../lib/value/permute-contexts.js";
import type { ModelScorer, NullScorer } from "../../lib/value/targeting.js";
import { writeFileAtomic } from "../write-file-atomic.js";
import { loadValueData, resolveWindow, type ValueSource } from "./load-value-data.js";
import { fitRowsShared, trainThreads } from "../../lib/models/learned/parallel-training.js";
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
  return takeRows(data, calibrationRowIndex(data, window));
}

/**
 * Rows `index` (the calibration rows) with the columns a model's fit reads: no timestamps, values or
 * ground truth, which none of the value stage's models reads (24 of the synthetic data's 52 bytes a
 * row; the oracle's scorer reads the population itself).
 */
function fitRows(data: Interactions, index: Int32Array): Interactions {
  return takeRows({ ...data, timestamp: null, value: null, truth: null }, index, fitRowsShared());
}

function calibrationRowIndex(data: Interactions, window: ValueWindow): Int32Array {
  const t = data.timestamp!;
  let count = 0;
  for (let i = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) count++;
  const rows = new Int32Array(count);
  for (let i = 0, r = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) rows[r++] = i;
  return rows;
}

/** A trained model as the targeting simulation's scorer named `name`. */
function scorerOf(name: string, m: TrainedModel): ModelScorer {
  const everyItem = m.predictEveryItem?.bind(m), best = m.bestItems?.bind(m);
  return { name, score: (rows) => m.predict(rows), ...(everyItem ? { scoreEveryItem: everyItem } : {}), ...(everyItem && best ? { bestItems: best } : {}) };
}

/** Scorers of trained models, plus the ground-truth oracle when a population is given. */
export function scorersFor(trained: readonly TrainedModel[], population: SyntheticPopulation | null): ModelScorer[] {
  const scorers: ModelScorer[] = trained.map((m) => scorerOf(m.definition.name, m));
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

/** A model to fit on the calibration rows, with its fit options (seed, params). */
export interface ValueModel {
  readonly definition: ModelDefinition;
  readonly options: FitOptions;
}

/** The profile models and the targeting null's refits of the value stage (valueFits). */
export interface ValueFits {
  /** Each model of `models`, fitted on the calibration rows (their scores drive the targeting). */
  readonly trained: TrainedModel[];
  /** The IRM model's refits on the permuted worlds, as scorers and models; null without an IRM model. */
  readonly nulls: { readonly scorers: NullScorer[]; readonly fitted: TrainedModel[] } | null;
}

/**
 * The value stage's fits: each of `models` on the calibration rows, then the targeting null of the
 * context model `irm` (when given): it refitted on the calibration rows of the first `nullFits`
 * permuted worlds relationshipValue builds (same seeds). All go through fitSideBySide (profile fits
 * two at a time where helper threads are installed: the same models as one after another).
 * @param options.sideBySideMinRows fitSideBySide's minRows (tests); default its own
 * @param options.sideBySideMaxRows fitSideBySide's maxRows; default sideBySideMaxRows()
 * @returns the models; the caller disposes them after relationshipValue
 */
export async function valueFits(data: Interactions, window: ValueWindow, seed: number, models: readonly ValueModel[], irm: ValueModel | null, options: { nullFits?: number; sideBySideMinRows?: number; sideBySideMaxRows?: number } = {}): Promise<ValueFits> {
  // the same rows in every world (a world moves only context labels among calibration rows)
  const train = fitRows(data, calibrationRowIndex(data, window));
  const groups = irm ? calibrationRowsByCustomer(data, window) : null;
  const world = groups ? nullWorld(data, groups, seed) : null;
  const worldRows = groups ? nullWorldRows(data, window, groups, train, seed) : null;
  const count = irm ? (options.nullFits ?? TARGETING_NULL_FITS) : 0;
  const jobs: FitJob[] = [
    ...models.map((m) => ({ ...m, rows: () => train })),
    ...Array.from({ length: count }, (_, p) => ({ ...irm!, rows: () => worldRows!(p) })),
  ];
  const fitted = await fitSideBySide(jobs, options.sideBySideMinRows, options.sideBySideMaxRows ?? sideBySideMaxRows());
  const trained = fitted.slice(0, models.length), refits = fitted.slice(models.length);
  const scorers = refits.map((m, p): NullScorer => ({ world: () => world!(p), scorer: scorerOf(`${irm!.definition.name} (null ${p})`, m) }));
  return { trained, nulls: irm ? { scorers, fitted: refits } : null };
}

/**
 * The most rows for which two value fits run side by side: the second fit's memory
 * (SIDE_BY_SIDE_BYTES_PER_ROW) within a quarter of the machine's memory. On 24 GB that is about 40M
 * calibration rows; above it, fits go one at a time on every thread (the same models, more slowly).
 */
export function sideBySideMaxRows(totalBytes = totalmem()): number {
  return Math.floor(totalBytes / 4 / SIDE_BY_SIDE_BYTES_PER_ROW);
}

/**
 * Permuted world p of relationshipValue (the same seeds), to refit a model on. Each call builds it
 * anew: a world is a context column per dimension for every row, and the five worlds kept side by
 * side held 60 bytes a row (3 dimensions) through the whole value stage.
 */
function nullWorld(data: Interactions, groups: CustomerRows, seed: number): (p: number) => Interactions {
  return (p) => permuteContexts(data, groups, permutationRng(seed + NULL_SEED_OFFSET, p));
}

/**
 * The calibration rows of permuted world p, to refit a model on: `train`'s columns with the world's
 * context columns (12 bytes a row with 3 context dimensions, where a copy of the world's calibration
 * rows took 36 and the world itself 12 a row of data). Its own function, so that the scorers, which
 * keep nullWorld, do not keep the positions too.
 */
function nullWorldRows(data: Interactions, window: ValueWindow, groups: CustomerRows, train: Interactions, seed: number): (p: number) => Interactions {
  const positions = calibrationPositions(data, window, groups);
  return (p) => permutedCalibrationRows(data, train, groups, positions, permutationRng(seed + NULL_SEED_OFFSET, p), fitRowsShared());
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
  const irm = "context-profile";
  // the targeting null exists only where context was recorded
  const { trained, nulls } = await valueFits(loaded.data, window, seed, VALUE_MODELS.map((name) => ({ definition: getModel(name), options: { seed } })), loaded.data.contexts.length > 0 ? { definition: getModel(irm), options: { seed } } : null);
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

/**
 * One experiment run, from a config file to a complete run folder.
 *
 *   config.yaml → validate → load data → folds (seeded; 1 for holdouts, k for k-fold)
 *     → per fold: fit each model on train → predict test → rank the catalogue (optional)
 *     → evaluateRun: metrics per model (overall, per context, per segment), paired comparisons
 *       (bootstrap over customers, DeLong, Nadeau–Bengio, Holm), ranking comparisons, verdict
 *     → into the run folder (reserved at the start): models/<model>/, predictions.csv; the folds'
 *       predictions are then let go
 *     → relationship value (optional: CLV, fire list, value by context, targeting) → value.json
 *     → metrics.json, value.json, config.json, run.json, then manifest.json and one rename
 *       (src/node/run/run-store.ts)
 */
import { concatFloat64 } from "../../lib/columns/concat.js";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ExperimentConfig } from "../../lib/config/experiment-config.js";
import { takeRows } from "../../lib/schema/interactions.js";
import { trainThreads } from "../../lib/models/learned/parallel-training.js";
import { GLOBAL_MEAN } from "../../lib/models/baseline/global-mean.js";
import { getModel } from "../../lib/models/registry.js";
import { seenPairShareOfFolds, splitQuestion } from "../../lib/split/pair-holdout.js";
import { resolveSelection } from "../../lib/selection/resolve-selection.js";
import { evaluateRun } from "../../lib/evaluation/evaluate-run.js";
import { pooledTestRows, protocolFolds } from "../../lib/split/protocol-folds.js";
import type { RunRecord } from "../../lib/records/run-record.js";
import type { MetricsRecord } from "../../lib/records/metrics-record.js";
import { startProgress } from "../progress.js";
import { hashParts } from "../hash.js";
import { createRunFolder, type RunFolder } from "./run-store.js";
import { faultPhase } from "./fault-phase.js";
import { checkedWrite } from "../write-error.js";
import { loadExperimentData, type LoadedData } from "./load-data.js";
import type { ModelDefinition } from "../../lib/models/model.js";
import type { ValueRecord } from "../../lib/records/value-record.js";
import { valueFits, valueOf, type ValueModel } from "../value/run-value.js";
import { resolveWindow } from "../value/load-value-data.js";
import { codeVersion } from "./code-version.js";
import { fitFolds } from "./fit-folds.js";
import { writePredictions } from "./predictions-csv.js";
import { saveModelFolder } from "../models/save-model.js";
import { readExperimentConfig } from "./read-experiment-config.js";

export interface RunOptions {
  /** Folder that receives the run folder. Default "data/runs". */
  readonly out?: string;
  /** No progress output. Default false. */
  readonly quiet?: boolean;
  /** Override the config's seed. Default: the config's. */
  readonly seed?: number;
  /** Recorded in run.json when the run is a sweep cell. Default none. */
  readonly sweep?: RunRecord["sweep"];
}

/** Saved learned models live inside the run folder, as <run>/models/<model>/, published with the run. */
export const MODELS_DIR = "models";

export interface RunResult {
  readonly dir: string;
  readonly run: RunRecord;
  readonly metrics: MetricsRecord;
}

/**
 * Runs the experiment described by the YAML file at `configPath`. A dataset descriptor (a mapping
 * with `source` and `columns`) is accepted too: it runs the default protocol on that dataset.
 */
export async function runExperiment(configPath: string, options: RunOptions = {}): Promise<RunResult> {
  const { config, raw } = await readExperimentConfig(configPath, options);
  return runParsedExperiment(config, configPath, raw, options);
}

/**
 * Runs a validated config. The run folder is reserved first (so `irmlab runs` shows it running and
 * a second process of the same config gets another id) and published by one rename at the end.
 * @param raw the config as parsed from YAML (recorded as config.json)
 * @throws Error (ConfigError, RangeError from splits, model errors, WriteError naming the file);
 *   a failed run leaves no run folder and no temporary folder
 */
export async function runParsedExperiment(config: ExperimentConfig, configPath: string, raw: unknown, options: RunOptions = {}): Promise<RunResult> {
  const started = new Date();
  const baseId = `${compactTime(started)}-${config.name}-${hashParts(JSON.stringify(config)).slice(0, 8)}`;
  const folder = await createRunFolder(options.out ?? "data/runs", baseId);
  try {
    return await runInto(folder, started, config, configPath, raw, options);
  } catch (error) {
    await folder.abort();
    throw error;
  }
}

async function runInto(folder: RunFolder, started: Date, given: ExperimentConfig, configPath: string, raw: unknown, options: RunOptions): Promise<RunResult> {
  // models: auto becomes a concrete config once selection has run on the training rows (below)
  let config = given;
  const quiet = options.quiet ?? false;
  const log = (line: string): void => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const result = await work();
    timings[stage] = round3((timings[stage] ?? 0) + (performance.now() - s) / 1000);
    return result;
  };

  const runId = folder.runId;
  const { loadTf } = await import("../tf-backend.js");
  const tfjsBackend = (await loadTf()).backend;
  const loaded = await time("load", () => loadExperimentData(config.dataset, configPath));
  const { data, summary } = loaded;
  if (data.size === 0) {
    const ingest = summary.ingest;
    const why = ingest ? `all ${ingest.rowsRead} data rows were rejected (${Object.entries(ingest.rejectedByReason).map(([r, n]) => `${r}: ${n}`).join(", ") || "no rows read"})` : "it has no rows";
    throw new Error(`${summary.source}: nothing to run an experiment on: ${why}; \`irmlab ingest\` on its descriptor writes the reject report`);
  }
  log(`dataset ${summary.name}: ${data.size} rows, ${summary.customers} customers, ${summary.items} items, contexts: ${summary.contexts.map((c) => c.name).join(", ") || "none"}`);
  const folds = await time("split", () => protocolFolds(data, config.split, config.seed));
  const pooled = pooledTestRows(folds);
  // a fold is identified by its test rows; k-fold hashes every fold in order
  const splitHash = hashParts(summary.hash, folds.kind, String(folds.folds.length), ...folds.folds.map((f) => f.test));
  log(`split: ${folds.description}`);
  const seenPairs = seenPairShareOfFolds(data, folds.folds);
  log(`split question: ${splitQuestion(seenPairs)}`);
  const bar = config.select ? startProgress("select models on the training rows (inner validation)", { quiet }) : null;
  const resolved = await time("select", () => resolveSelection(data, folds, config, { getModel, now: () => performance.now(), ...(bar ? { onProgress: bar.update } : {}) }));
  bar?.done();
  config = resolved.config;
  const selection = resolved.selection;
  if (selection) for (const c of [selection.chosen.crm, selection.chosen.irm]) log(`selected ${c.reason}`);
  const definitions = config.models.map((m) => getModel(m.name));

  const fits = await fitFolds({ data, folds, config, definitions, quiet, time });
  const progress = startProgress("compare (paired bootstrap over customers)", { quiet });
  const metrics = await time("evaluate", () =>
    evaluateRun({ data, folds, models: fits.models, segments: fits.segments, segmentsNote: fits.segmentsNote, notRanked: fits.notRanked, config, onProgress: progress.update }),
  );
  progress.done();
  const learned = fits.learned;
  // everything goes into the reserved temp folder; commit() publishes it all with one rename
  const file = (name: string): string => join(folder.tempDir, name);
  let saved = 0;
  try {
    const fold1 = folds.folds[0]!;
    for (const { definition, model, params } of learned) {
      const scored = metrics.models.find((m) => m.model === definition.name)!;
      const testMetrics = scored.perFold?.[0] ?? scored.overall.metrics;
      const dir = file(join(MODELS_DIR, definition.name));
      await checkedWrite(dir, `the saved ${definition.name} model of run ${runId}`, () =>
        saveModelFolder(dir, model, {
          model: definition.name,
          family: definition.family,
          description: definition.description,
          runId,
          seed: config.seed,
          params,
          inputs: {
            customers: data.customerIds.length,
            items: data.itemIds.length,
            itemIds: data.itemIds,
            contexts: definition.family === "crm" ? [] : summary.contexts,
            outcome: { ...data.outcomeSpec, max: Number.isFinite(data.outcomeSpec.max) ? data.outcomeSpec.max : Number.MAX_VALUE },
          },
          training: { datasetHash: summary.hash, splitHash, rows: fold1.train.length },
          testMetrics: testMetrics as Record<string, number | null>,
          tfjsBackend,
          fitted: model.describe(),
        }),
      );
      model.dispose();
      saved++;
    }
    faultPhase("models");
    await writePredictions(file("predictions.csv"), pooled, takeRows(data, pooled), fits.models.map((m) => ({ name: m.name, predictions: concatFloat64(m.predictions) })), `the test predictions of run ${runId}`);
    faultPhase("predictions");
    // the value stage refits on the calibration rows: the folds' predictions are written, their memory free
    fits.models.length = 0;
    const value = config.value ? await time("value", () => relationshipValueOf(loaded, config, definitions)) : null;
    const code = await codeVersion();
    timings.total = round3((performance.now() - t0) / 1000);
    const run: RunRecord = {
      runId,
      status: "complete",
      startedAt: started.toISOString(),
      config: config as unknown as Record<string, unknown>,
      configPath,
      seed: config.seed,
      code: code.code,
      lockfileHash: code.lockfileHash,
      environment: { node: process.version, platform: process.platform, tfjsBackend, trainThreads: trainThreads()?.available ?? 1 },
      dataset: summary,
      split: {
        kind: folds.kind,
        seed: config.seed,
        hash: splitHash,
        trainRows: Math.round(folds.folds.reduce((s, f) => s + f.train.length, 0) / folds.folds.length),
        testRows: pooled.length,
        testCustomers: new Set(Array.from(pooled, (r) => data.customer[r]!)).size,
        description: folds.description,
        folds: folds.folds.length,
        seenPairShare: seenPairs === null ? null : round6(seenPairs),
        question: splitQuestion(seenPairs),
      },
      models: fits.fitted,
      ...(selection ? { selection } : {}),
      artifactsDir: learned.length > 0 ? MODELS_DIR : null,
      timings,
      ...(options.sweep ? { sweep: options.sweep } : {}),
    };
    await writeJson(file("metrics.json"), metrics, `the metrics of run ${runId}`);
    if (value) await writeJson(file("value.json"), value, `the relationship value of run ${runId}`);
    await writeJson(file("config.json"), raw, `the config of run ${runId}`);
    faultPhase("metrics");
    await writeJson(file("run.json"), run, `the run record of run ${runId}`);
    faultPhase("record");
    const dir = await folder.commit();
    // the verdict is not logged here: the command's summary (src/lib/format/experiment-summary.ts) prints it, once
    for (const w of metrics.warnings ?? []) log(`warning: ${w}`);
    return { dir, run, metrics };
  } catch (error) {
    for (const { model } of learned.slice(saved)) model.dispose();
    throw error;
  }
}

/**
 * The value measures at the config's calibration date: every non-oracle model of the run is
 * refitted on the calibration rows only (the oracle scorer comes from the synthetic truth).
 */
async function relationshipValueOf(loaded: LoadedData, config: ExperimentConfig, definitions: readonly ModelDefinition[]): Promise<ValueRecord> {
  const v = config.value!;
  const window = resolveWindow(
    { name: loaded.summary.name, source: loaded.summary.source, data: loaded.data, population: loaded.population, defaultCalibrationEnd: loaded.defaultCalibrationEnd, ingest: loaded.summary.ingest, currency: loaded.currency },
    v.calibrationEnd ?? undefined,
    v.holdoutEnd ?? undefined,
  );
  const modelOf = (i: number): ValueModel => ({ definition: definitions[i]!, options: { seed: config.seed, params: config.models[i]!.params } });
  // the baseline scores every customer alike: there is nothing to target or value with it
  const models = definitions.flatMap((d, i) => (d.family === "oracle" || d.name === GLOBAL_MEAN ? [] : [modelOf(i)]));
  // the targeting null: the compared IRM model refitted on worlds with context permuted within customer
  const irm = definitions.findIndex((d) => d.name === config.compare.irm);
  const { trained, nulls } = await valueFits(loaded.data, window, config.seed, models, irm >= 0 && definitions[irm]!.family === "irm" && loaded.data.contexts.length > 0 ? modelOf(irm) : null);
  try {
    return valueOf(loaded.data, loaded.population, window, config.seed, trained, {
      firePercentile: v.firePercentile, resamples: v.resamples, currency: loaded.currency, reference: config.compare.crm,
    }, nulls ? new Map([[config.compare.irm, nulls.scorers]]) : undefined);
  } finally {
    for (const t of [...trained, ...(nulls?.fitted ?? [])]) t.fitted.dispose?.();
  }
}

async function writeJson(path: string, value: unknown, what: string): Promise<void> {
  await checkedWrite(path, what, () => writeFile(path, `${JSON.stringify(value, null, 2)}\n`));
}

function compactTime(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

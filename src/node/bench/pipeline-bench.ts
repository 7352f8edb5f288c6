/**
 * `irmlab bench --pipeline`: the profile-model pipeline at the product's scale target
 * (20M interactions, 1M customers, one 2-core machine, "in minutes").
 *
 *   generate (synthetic, in memory)                 ─┐
 *   or --from-parquet: Parquet population made once  ├→ split (default protocol: auto, 20 % test)
 *      (parquet-population.ts), then ingest it      ─┘
 *     → segments + fit + predict each model (fitFolds, as the runner does; learned models with
 *       the bench's short schedule, LEARNED_BENCH_PARAMS)
 *     → evaluateRun (metrics, paired customer bootstrap, DeLong, Holm; as the runner does)
 *     → value, as `irmlab value` and `irmlab experiment` do it, in two timed parts: the profile models
 *       refitted on the calibration rows and the IRM model refitted on TARGETING_NULL_FITS worlds with
 *       context permuted within customer (the targeting null), one stage because these fits go two
 *       at a time (valueFits); every value measure
 *     → seconds, CPU seconds, rows/s and peak RSS after each stage
 *
 * Without --from-parquet nothing is written to disk; the numbers go to the caller (CLI prints them or JSON).
 */
import { parseExperimentConfig } from "../../lib/config/experiment-config.js";
import { getModel } from "../../lib/models/registry.js";
import { evaluateRun } from "../../lib/evaluation/evaluate-run.js";
import { protocolFolds } from "../../lib/split/protocol-folds.js";
import { loadExperimentData } from "../run/load-data.js";
import { fitFolds } from "../run/fit-folds.js";
import type { SyntheticOptions } from "../../lib/synthetic/synthetic-options.js";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { TARGETING_NULL_FITS, valueFits, valueOf, VALUE_MODELS } from "../value/run-value.js";
import { resolveWindow } from "../value/load-value-data.js";
import { trainThreads } from "../../lib/models/learned/parallel-training.js";
import { loadTf } from "../tf-backend.js";
import { parquetPopulation } from "./parquet-population.js";
import { startRssSampler, type RssSampler } from "./rss-sampler.js";
import { readDataset } from "../ingest/read-dataset.js";
import { peakRssMb } from "./peak-rss.js";

/** Options of the pipeline benchmark. */
export interface PipelineBenchOptions {
  /** Synthetic customers. Default 1,000,000. */
  readonly customers: number;
  /** Observation weeks of the generator (rows grow with it); default the generator's 78. */
  readonly weeks?: number;
  /** Bootstrap resamples. Default 200. */
  readonly resamples?: number;
  /** Models to fit (registry names). Default popularity, customer-profile, context-profile, oracle. */
  readonly models?: readonly string[];
  /** Seed of the data, split and bootstrap. Default 1. */
  readonly seed?: number;
  /** Break metrics down by segment (the runner's default). Default true. */
  readonly segments?: boolean;
  /**
   * Generate the population once to Parquet (data/generated/bench-parquet-*) and time its ingest
   * instead of the in-memory generation. Default false.
   */
  readonly fromParquet?: boolean;
  /** Folder of the Parquet populations. Default data/generated. */
  readonly parquetRoot?: string;
  /** Time the value stage (profile models refitted on the calibration rows, every value measure). Default: with fromParquet. */
  readonly value?: boolean;
  /** Called with a line of progress. Default none. */
  readonly log?: (line: string) => void;
}

/**
 * The learned models' schedule in the pipeline benchmark: 2 epochs and one context penalty, so
 * that a 100M-row run stays in minutes; the product's defaults (up to 30 epochs with early
 * stopping, three context penalties) cost about 20× more training time.
 */
export const LEARNED_BENCH_PARAMS = { epochs: 2, earlyStopping: false, contextL2Scale: 1 } as const;

/** One stage's measurement. */
export interface StageTiming {
  readonly stage: string;
  readonly seconds: number;
  /**
   * CPU seconds of the whole process during the stage (every thread: training workers and DuckDB's
   * own threads included). On a shared machine this is the steadier figure: wall time also counts
   * the time other processes held the cores.
   */
  readonly cpuSeconds: number;
  /** Rows the stage processed per second (its input rows), or null for a stage without rows. */
  readonly rowsPerSecond: number | null;
  /** Peak resident set size of the process at the end of the stage, MB (so the stage that raised the peak shows). */
  readonly peakRssMb?: number;
  /** Largest resident set size during the stage itself, MB (rss-sampler.ts; Linux only, absent elsewhere). */
  readonly stagePeakRssMb?: number;
  /** Rows the rate refers to. */
  readonly rows: number;
}

/** The benchmark report. */
export interface PipelineBenchReport {
  readonly customers: number;
  readonly rows: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly models: readonly string[];
  readonly resamples: number;
  readonly stages: readonly StageTiming[];
  readonly totalSeconds: number;
  /** CPU seconds of the process over the same stages (every thread); from Parquet, without the one-time generation. */
  readonly totalCpuSeconds: number;
  /** Peak resident set size of the process so far, MB. */
  readonly peakRssMb: number;
  readonly node: string;
  /** Input: "memory" (generated in process) or the Parquet file read. */
  readonly source: string;
  /** Threads the learned models trained with. */
  readonly threads: number;
  /** 1-, 5- and 15-minute load averages at the start and the end (a busy machine slows every stage). */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
}

const DEFAULT_MODELS = ["popularity", "customer-profile", "context-profile", "oracle"];
/** --from-parquet: every profile model and the two learned models of the issue (mf, fm). */
const PARQUET_MODELS = ["popularity", "customer-profile", "context-profile", "mf", "fm", "oracle"];
const LEARNED = new Set(["mf", "fm", "camf", "multi-persona"]);

/**
 * Runs the pipeline once and times each stage.
 * @throws Error from config validation (e.g. an unknown model), the generator or the evaluation
 */
export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchReport> {
  const sampler = startRssSampler();
  try {
    return await pipelineBench(options, sampler);
  } finally {
    sampler?.close();
  }
}

async function pipelineBench(options: PipelineBenchOptions, sampler: RssSampler | null): Promise<PipelineBenchReport> {
  const log = options.log ?? (() => {});
  const loadStart = loadavg();
  const seed = options.seed ?? 1;
  const models = options.models ?? (options.fromParquet ? PARQUET_MODELS : DEFAULT_MODELS);
  if (models.some((m) => LEARNED.has(m))) await loadTf();
  const resamples = options.resamples ?? 200;
  const synthetic: Record<string, number> = { customers: options.customers, contextStrength: 1, seed };
  if (options.weeks !== undefined) synthetic.weeks = options.weeks;
  if (options.weeks !== undefined && options.weeks < 52) synthetic.calibrationWeeks = Math.max(1, Math.round((options.weeks * 2) / 3));
  const raw = {
    name: "pipeline-bench",
    seed,
    dataset: { synthetic },
    split: { kind: "auto", testFraction: 0.2 },
    models: models.map((name) => (LEARNED.has(name) ? { name, params: LEARNED_BENCH_PARAMS } : name)),
    compare: { irm: "context-profile", crm: "customer-profile" },
    bootstrap: { resamples, level: 0.95 },
    segments: options.segments ?? true,
  };
  const config = parseExperimentConfig(raw, "<pipeline bench>");
  const stages: StageTiming[] = [];
  // the stage's own peak, as an optional field of its StageTiming
  const ownPeak = (mb: number | undefined): { stagePeakRssMb?: number } => (mb === undefined ? {} : { stagePeakRssMb: mb });
  const timed = async <T>(stage: string, rows: number | null, work: () => T | Promise<T>): Promise<T> => {
    const s = performance.now(), c = cpuSeconds();
    sampler?.reset();
    const result = await work();
    const seconds = (performance.now() - s) / 1000, cpu = cpuSeconds() - c;
    const n = rows ?? (result as { data?: { size: number } }).data?.size ?? 0;
    stages.push({ stage, seconds: round3(seconds), cpuSeconds: round3(cpu), rows: n, rowsPerSecond: seconds > 0 && n > 0 ? Math.round(n / seconds) : null, peakRssMb: peakRssMb(), ...ownPeak(sampler?.peakMb()) });
    log(`${stage}: ${seconds.toFixed(2)} s (${cpu.toFixed(2)} s CPU)`);
    return result;
  };
  const t0 = performance.now(), c0 = cpuSeconds();
  let generateCpu = 0;
  let source = "memory";
  let defaultCalibrationEnd: number | null = null;
  let data;
  if (options.fromParquet) {
    const population = await parquetPopulation(synthetic as unknown as SyntheticOptions, options.parquetRoot, log);
    if (population.seconds > 0) {
      generateCpu = population.cpuSeconds;
      stages.push({ stage: "generate+parquet (once)", seconds: round3(population.seconds), cpuSeconds: round3(population.cpuSeconds), rows: 0, rowsPerSecond: null });
    }
    source = population.parquet;
    const parameters = JSON.parse(await readFile(join(population.folder, "parameters.json"), "utf8")) as { options: { start: string; calibrationWeeks: number } };
    defaultCalibrationEnd = Date.parse(parameters.options.start) + parameters.options.calibrationWeeks * 7 * 86_400_000;
    // the user's path: descriptor → DuckDB → every validation rule → dictionary-encoded columns
    const read = await timed("ingest (parquet)", null, () => readDataset(join(population.folder, "dataset.yaml")));
    log(`ingest (${read.report.engine}): ${read.report.rowsRead} rows read, ${read.report.rowsAccepted} accepted, ${read.report.rowsRejected} rejected`);
    data = read.data;
  } else {
    const loaded = await timed("generate", null, () => loadExperimentData(config.dataset, "<pipeline bench>"));
    data = loaded.data;
    defaultCalibrationEnd = loaded.defaultCalibrationEnd;
  }
  log(`data: ${data.size} rows, ${data.customerIds.length} customers`);
  const folds = await timed("split", data.size, () => protocolFolds(data, config.split, config.seed));
  const trainRows = folds.folds.reduce((s, f) => s + f.train.length, 0);
  const testRows = folds.folds.reduce((s, f) => s + f.test.length, 0);
  const spent: Record<string, { wall: number; cpu: number; rss: number; own: number | undefined }> = {};
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const s = performance.now(), c = cpuSeconds();
    sampler?.reset();
    const result = await work();
    const entry = (spent[stage] ??= { wall: 0, cpu: 0, rss: 0, own: undefined });
    entry.wall += (performance.now() - s) / 1000;
    entry.cpu += cpuSeconds() - c;
    entry.rss = peakRssMb();
    const own = sampler?.peakMb();
    if (own !== undefined) entry.own = Math.max(entry.own ?? 0, own);
    return result;
  };
  const definitions = config.models.map((m) => getModel(m.name));
  const fitStart = performance.now(), fitCpuStart = cpuSeconds();
  const fits = await fitFolds({ data, folds, config, definitions, quiet: true, time });
  const fitAll = (performance.now() - fitStart) / 1000, fitAllCpu = cpuSeconds() - fitCpuStart;
  let wallSum = 0, cpuSum = 0;
  for (const [stage, { wall, cpu, rss, own }] of Object.entries(spent)) {
    const rows = stage.startsWith("fit:") ? trainRows : testRows;
    stages.push({ stage, seconds: round3(wall), cpuSeconds: round3(cpu), rows, rowsPerSecond: wall > 0 ? Math.round(rows / wall) : null, peakRssMb: rss, ...ownPeak(own) });
    wallSum += wall;
    cpuSum += cpu;
  }
  const segSeconds = Math.max(0, fitAll - wallSum);
  stages.push({ stage: "segments+slicing", seconds: round3(segSeconds), cpuSeconds: round3(Math.max(0, fitAllCpu - cpuSum)), rows: data.size, rowsPerSecond: segSeconds > 0 ? Math.round(data.size / segSeconds) : null, peakRssMb: peakRssMb() });
  log(`fit+predict: ${fitAll.toFixed(2)} s`);
  await timed("evaluate", testRows, () =>
    evaluateRun({ data, folds, models: fits.models, segments: fits.segments, segmentsNote: fits.segmentsNote, notRanked: fits.notRanked, config }),
  );
  for (const { model } of fits.learned) model.dispose();
  // as the runner, which writes the predictions before the value stage and lets them go
  fits.models.length = 0;
  if (options.value ?? options.fromParquet ?? false) {
    const window = resolveWindow({ name: "pipeline-bench", source, data, population: null, defaultCalibrationEnd, ingest: null, currency: null }, undefined, undefined);
    const irm = config.compare.irm;
    // as the runner: the targeting null exists only where context was recorded (the profile fits go two at a time: one stage)
    const { trained, nulls } = await timed(`value: calibration fits + ${TARGETING_NULL_FITS} null refits`, data.size, () =>
      valueFits(data, window, seed, VALUE_MODELS.map((name) => ({ definition: getModel(name), options: { seed } })), data.contexts.length > 0 ? { definition: getModel(irm), options: { seed } } : null),
    );
    await timed("value: measures", data.size, () => valueOf(data, null, window, seed, trained, { resamples }, nulls ? new Map([[irm, nulls.scorers]]) : undefined));
  }
  return {
    customers: data.customerIds.length,
    rows: data.size,
    trainRows,
    testRows,
    models,
    resamples,
    stages,
    totalSeconds: round3((performance.now() - t0) / 1000),
    totalCpuSeconds: round3(cpuSeconds() - c0 - generateCpu),
    peakRssMb: peakRssMb(),
    node: process.version,
    source,
    threads: trainThreads()?.available ?? 1,
    loadAverage: { start: loadStart, end: loadavg() },
  };
}

/** CPU seconds the process has used so far, user + system, all threads. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

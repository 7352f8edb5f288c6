/**
 * `irmlab bench --pipeline`: the profile-model pipeline at the product's scale target
 * (20M interactions, 1M customers, one 2-core machine, "in minutes").
 *
 *   generate (synthetic, in memory) → split (default protocol: auto, 20 % test)
 *     → segments + fit + predict each profile model (fitFolds, as the runner does)
 *     → evaluateRun (metrics, paired customer bootstrap, DeLong, Holm; as the runner does)
 *     → seconds and rows/s per stage, peak RSS
 *
 * Nothing is written to disk; the numbers go to the caller (CLI prints them or JSON).
 */
import { parseExperimentConfig } from "../../lib/config/experiment-config.js";
import { getModel } from "../../lib/models/registry.js";
import { evaluateRun } from "../../lib/run/evaluate-run.js";
import { protocolFolds } from "../../lib/run/protocol-folds.js";
import { loadExperimentData } from "../experiment/load-data.js";
import { fitFolds } from "../experiment/fit-folds.js";

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
  /** Called with a line of progress. Default none. */
  readonly log?: (line: string) => void;
}

/** One stage's measurement. */
export interface StageTiming {
  readonly stage: string;
  readonly seconds: number;
  /** Rows the stage processed per second (its input rows), or null for a stage without rows. */
  readonly rowsPerSecond: number | null;
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
  /** Peak resident set size of the process so far, MB. */
  readonly peakRssMb: number;
  readonly node: string;
}

const DEFAULT_MODELS = ["popularity", "customer-profile", "context-profile", "oracle"];

/**
 * Runs the pipeline once and times each stage.
 * @throws Error from config validation (e.g. an unknown model), the generator or the evaluation
 */
export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchReport> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 1;
  const models = options.models ?? DEFAULT_MODELS;
  const resamples = options.resamples ?? 200;
  const synthetic: Record<string, number> = { customers: options.customers, contextStrength: 1, seed };
  if (options.weeks !== undefined) synthetic.weeks = options.weeks;
  if (options.weeks !== undefined && options.weeks < 52) synthetic.calibrationWeeks = Math.max(1, Math.round((options.weeks * 2) / 3));
  const raw = {
    name: "pipeline-bench",
    seed,
    dataset: { synthetic },
    split: { kind: "auto", testFraction: 0.2 },
    models,
    compare: { irm: "context-profile", crm: "customer-profile" },
    bootstrap: { resamples, level: 0.95 },
    segments: options.segments ?? true,
  };
  const config = parseExperimentConfig(raw, "<pipeline bench>");
  const stages: StageTiming[] = [];
  const timed = async <T>(stage: string, rows: number | null, work: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const result = await work();
    const seconds = (performance.now() - s) / 1000;
    const n = rows ?? (result as { data?: { size: number } }).data?.size ?? 0;
    stages.push({ stage, seconds: round3(seconds), rows: n, rowsPerSecond: seconds > 0 && n > 0 ? Math.round(n / seconds) : null });
    log(`${stage}: ${seconds.toFixed(2)} s`);
    return result;
  };
  const t0 = performance.now();
  const loaded = await timed("generate", null, () => loadExperimentData(config.dataset, "<pipeline bench>"));
  const data = loaded.data;
  log(`data: ${data.size} rows, ${data.customerIds.length} customers`);
  const folds = await timed("split", data.size, () => protocolFolds(data, config.split, config.seed));
  const trainRows = folds.folds.reduce((s, f) => s + f.train.length, 0);
  const testRows = folds.folds.reduce((s, f) => s + f.test.length, 0);
  const spent: Record<string, number> = {};
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const result = await work();
    spent[stage] = (spent[stage] ?? 0) + (performance.now() - s) / 1000;
    return result;
  };
  const definitions = config.models.map((m) => getModel(m.name));
  const fitStart = performance.now();
  const fits = await fitFolds({ data, folds, config, definitions, quiet: true, time });
  const fitAll = (performance.now() - fitStart) / 1000;
  let fitSum = 0, predictSum = 0;
  for (const [stage, seconds] of Object.entries(spent)) {
    const isFit = stage.startsWith("fit:");
    const rows = isFit ? trainRows : testRows;
    stages.push({ stage, seconds: round3(seconds), rows, rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : null });
    if (isFit) fitSum += seconds;
    else predictSum += seconds;
  }
  const segSeconds = Math.max(0, fitAll - fitSum - predictSum);
  stages.push({ stage: "segments+slicing", seconds: round3(segSeconds), rows: data.size, rowsPerSecond: segSeconds > 0 ? Math.round(data.size / segSeconds) : null });
  log(`fit+predict: ${fitAll.toFixed(2)} s`);
  await timed("evaluate", testRows, () =>
    evaluateRun({ data, folds, models: fits.models, segments: fits.segments, segmentsNote: fits.segmentsNote, notRanked: fits.notRanked, config }),
  );
  for (const { model } of fits.learned) model.dispose();
  return {
    customers: data.customerIds.length,
    rows: data.size,
    trainRows,
    testRows,
    models,
    resamples,
    stages,
    totalSeconds: round3((performance.now() - t0) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    node: process.version,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

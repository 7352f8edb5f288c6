/**
 * `irmlab bench`: throughput of the learned models on a deterministic benchmark set.
 *
 *   makeBenchData ─► reference FM (plain typed arrays, per-row SGD) = the single-core ceiling
 *                 ─► scikit-learn SGDClassifier on one-hot features of the same shape (outside figure)
 *                 ─► per model: stock tfjs (a few batches, "before") ─► fused kernels, 1 epoch on
 *                    1 thread and on `threads` threads ("after")
 *                 ─► JSON: rows/s, seconds, threads, load average, peak RSS, training log-loss
 */
import * as tf from "@tensorflow/tfjs";
import { availableParallelism, loadavg } from "node:os";
import { LEARNED_MODELS } from "../../lib/models/learned/definitions.js";
import { visibleTo } from "../../lib/models/model.js";
import { takeRows } from "../../lib/schema/interactions.js";
import type { Architecture } from "../../lib/models/learned/layout.js";
import type { BenchDataOptions } from "./bench-data.js";
import { makeBenchData } from "./bench-data.js";
import { installTrainThreads } from "../workers/install-train-threads.js";
import { referenceFmEpoch } from "./reference-fm.js";
import type { SklearnResult } from "./sklearn-sgd.js";
import { sklearnSgdRowsPerSecond } from "./sklearn-sgd.js";
import { stockRowsPerSecond } from "./stock-tfjs.js";
import { peakRssMb } from "./peak-rss.js";

/** Benchmark options (data sizes plus what to run). */
export interface BenchOptions extends BenchDataOptions {
  /** Embedding dimension. Default 32. */
  readonly dim: number;
  /** Rows per batch of the learned models. Default 1024. */
  readonly batchSize: number;
  /** Model names to run. Default all learned models. */
  readonly models: readonly string[];
  /** Batches of stock tfjs training to time per model; 0 skips the "before" measurement. Default 1. */
  readonly stockBatches: number;
  /** Rows per stock tfjs batch (small: its cost per row grows with the table sizes). Default 16. */
  readonly stockBatchSize: number;
  /** Threads of the multi-threaded fit of each model (1: single-threaded only). Default: the machine's cores. */
  readonly threads?: number;
  /** Time scikit-learn's SGDClassifier on the same shape (needs python3-sklearn). Default false. */
  readonly sklearn?: boolean;
  /** Called with a line of progress. Default: none. */
  readonly log?: (line: string) => void;
}

/** One model's result. */
export interface ModelBench {
  readonly model: string;
  readonly family: string;
  /** Fused-kernel training throughput on one thread, one epoch (includes initialization). */
  readonly rowsPerSecond: number;
  readonly fitSeconds: number;
  /** Threads of the parallel fit (the report's `threads`). */
  readonly threads: number;
  /** The same epoch on `threads` threads (data-parallel), or null when threads is 1. */
  readonly parallelRowsPerSecond: number | null;
  readonly parallelFitSeconds: number | null;
  /** Stock tfjs training throughput (autodiff + dense Adam) over a few small batches, or null when skipped. */
  readonly stockRowsPerSecond: number | null;
  /** Prediction throughput of the model's predict (fused typed-array pass, bit-identical to the graph on CPU). */
  readonly predictRowsPerSecond: number;
  /** Prediction throughput through the TensorFlow.js graph ops (predictGraph), on a smaller sample. */
  readonly graphPredictRowsPerSecond: number;
  /** Log-loss on the first 200k training rows after one epoch (a sanity check, not a test score). */
  readonly trainLogLoss: number;
  /** Peak resident set size of the process so far, MB (monotone over the run). */
  readonly peakRssMb: number;
}

/** The whole report. */
export interface BenchReport {
  readonly tfjsBackend: string;
  readonly data: { rows: number; customers: number; items: number; contextDims: number; levels: number; generateSeconds: number };
  readonly dim: number;
  readonly reference: { rowsPerSecond: number; seconds: number; trainLogLoss: number };
  /** Threads of the parallel fits; cores of this machine. */
  readonly threads: number;
  readonly cores: number;
  /** 1-, 5- and 15-minute load averages at the start and the end (a busy machine makes every figure low). */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  /** scikit-learn SGDClassifier (logistic, one-hot, one epoch) on the same shape, or why it was skipped; null when not asked. */
  readonly sklearn: SklearnResult | null;
  readonly models: readonly ModelBench[];
  readonly peakRssMb: number;
  readonly note: string;
}

/** Rows predicted (and scored for trainLogLoss) per model. */
const PREDICT_SAMPLE = 200_000;
/** Rows predicted through the tf graph (slow: tens of thousands of rows per second). */
const GRAPH_SAMPLE = 20_000;

const ARCH: Record<string, Architecture> = { mf: "mf", fm: "fm", camf: "camf", "multi-persona": "persona" };

/**
 * Runs the benchmark.
 * @throws Error naming an unknown model
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const defs = options.models.map((name) => {
    const def = LEARNED_MODELS.find((m) => m.name === name);
    if (!def) throw new Error(`bench: unknown model "${name}"; models are ${LEARNED_MODELS.map((m) => m.name).join(", ")}`);
    return def;
  });
  const now = (): number => performance.now();
  const threads = options.threads ?? availableParallelism();
  if (threads > 1) installTrainThreads();
  const loadStart = loadavg().map(round2);
  let t = now();
  const data = makeBenchData(options);
  const generateSeconds = (now() - t) / 1000;
  log(`generated ${data.size} rows in ${generateSeconds.toFixed(1)}s`);
  const ref = referenceFmEpoch(data, options.dim, now);
  log(`reference FM: ${Math.round(ref.rows / ref.seconds)} rows/s`);
  const sklearn = options.sklearn ? sklearnSgdRowsPerSecond(options) : null;
  if (sklearn) log(`scikit-learn SGDClassifier: ${"skipped" in sklearn ? `skipped (${sklearn.skipped})` : `${sklearn.rowsPerSecond} rows/s`}`);
  const models: ModelBench[] = [];
  for (const def of defs) {
    const view = visibleTo(def.family, data);
    const shape = { dim: options.dim, personas: 3, customerGate: true };
    const stock = options.stockBatches > 0 ? stockRowsPerSecond(ARCH[def.name]!, view, shape, options.stockBatches, options.stockBatchSize, now) : null;
    const params = { dim: options.dim, epochs: 1, batchSize: options.batchSize, earlyStopping: false };
    let parallelFitSeconds: number | null = null;
    if (threads > 1) {
      t = now();
      def.fit(view, { seed: 1, params: { ...params, threads } }).dispose();
      parallelFitSeconds = (now() - t) / 1000;
    }
    t = now();
    const fitted = def.fit(view, { seed: 1, params: { ...params, threads: 1 } });
    const fitSeconds = (now() - t) / 1000;
    const sample = takeRows(view, Int32Array.from({ length: Math.min(view.size, PREDICT_SAMPLE) }, (_, i) => i));
    t = now();
    const p = fitted.predict(sample);
    const predictSeconds = (now() - t) / 1000;
    const graphSample = takeRows(sample, Int32Array.from({ length: Math.min(sample.size, GRAPH_SAMPLE) }, (_, i) => i));
    t = now();
    fitted.predictGraph(graphSample);
    const graphSeconds = (now() - t) / 1000;
    let loss = 0;
    for (let i = 0; i < p.length; i++) {
      const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]!));
      loss -= data.outcome[i]! > 0 ? Math.log(q) : Math.log(1 - q);
    }
    fitted.dispose();
    const result: ModelBench = {
      model: def.name,
      family: def.family,
      rowsPerSecond: Math.round(data.size / fitSeconds),
      fitSeconds,
      threads,
      parallelRowsPerSecond: parallelFitSeconds === null ? null : Math.round(data.size / parallelFitSeconds),
      parallelFitSeconds,
      stockRowsPerSecond: stock === null ? null : Math.round(stock * 100) / 100,
      predictRowsPerSecond: Math.round(sample.size / predictSeconds),
      graphPredictRowsPerSecond: Math.round(graphSample.size / graphSeconds),
      trainLogLoss: loss / sample.size,
      peakRssMb: peakRssMb(),
    };
    log(`${def.name}: ${result.rowsPerSecond} rows/s on 1 thread, ${result.parallelRowsPerSecond ?? "-"} on ${threads} (stock tfjs ${result.stockRowsPerSecond ?? "skipped"} rows/s)`);
    models.push(result);
  }
  return {
    tfjsBackend: tf.getBackend(),
    data: { rows: data.size, customers: options.customers, items: options.items, contextDims: options.contextDims, levels: options.levels, generateSeconds },
    dim: options.dim,
    reference: { rowsPerSecond: Math.round(ref.rows / ref.seconds), seconds: ref.seconds, trainLogLoss: ref.logLoss },
    threads,
    cores: availableParallelism(),
    loadAverage: { start: loadStart, end: loadavg().map(round2) },
    sklearn,
    models,
    peakRssMb: peakRssMb(),
    note: "wall-clock on a possibly shared machine (see loadAverage): compare models with the reference and scikit-learn measured in the same run; the reference is single-threaded",
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Fitting a learned model:
 *
 *   train rows ─► layout + link ─► encode (Int32 feature matrix, Float32 targets)
 *      │ seeded split (early stopping only): validation part carved from the TRAINING rows
 *      ▼
 *   per context penalty candidate (fm, camf: options.contextL2Scale; one fit otherwise):
 *     tables (same seeded init) ─► tf.Variables (zero copy on CPU)
 *      ▼  per epoch: seeded shuffle; per batch: fused kernel step (forward + backward + sparse Adagrad),
 *         on one thread or data-parallel on several (parallel-training.ts; same weights per thread count)
 *     best epoch's weights (early stopping)
 *   candidate with the lowest validation loss ─► LearnedModel (others' variables disposed)
 */
import type { Rng } from "../../random/rng.js";
import { createRng, permutation, shuffleInPlace } from "../../random/rng.js";
import type { Interactions } from "../../schema/interactions.js";
import type { Shape } from "./architecture.js";
import type { TableSpec } from "./architecture.js";
import { buildKernel, createTables, initialValues, tableSpecs } from "./architecture.js";
import type { EncodedRows } from "./kernel.js";
import type { Architecture, DataLayout } from "./layout.js";
import { encodeRows, layoutOf } from "./layout.js";
import { LearnedModel } from "./learned-model.js";
import { lossKind, makeLink, type LossKind } from "./link.js";
import type { LearnedOptions } from "./options.js";
import type { Kernel } from "./kernel.js";
import type { TrainThreads } from "./parallel-training.js";
import { PARALLEL_MIN_ROWS, shareRows, startParallelFit, trainThreads } from "./parallel-training.js";
import type { SparseTable } from "./sparse-table.js";
import { applyAdagrad } from "./sparse-table.js";
import type { BoundVariables } from "./variables.js";
import { bindVariables } from "./variables.js";

/** What to fit. */
export interface TrainRequest {
  readonly model: string;
  readonly architecture: Architecture;
  readonly options: LearnedOptions;
  readonly shape: Shape;
  readonly seed: number;
  /** Fraction done in [0, 1]. Default: none. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Fits a learned model on `train`.
 * @throws Error when train is empty, when early stopping leaves no validation or training rows,
 *   or when the loss diverges (non-finite), naming the epoch and the learning rate
 */
export function trainLearned(train: Interactions, request: TrainRequest): LearnedModel {
  const { model, architecture: arch, options, shape, seed } = request;
  const n = train.size;
  if (n === 0) throw new Error(`model ${model}: no training rows`);
  const rng = createRng(seed);
  const { trainRows, validRows } = carve(n, options, rng.fork("validation"), model);
  const layout = layoutOf(train);
  const link = makeLink(train.outcomeSpec.type, train.outcome);
  const encoded = encodeRows(arch, layout, train, link);
  const specs = tableSpecs(arch, layout, shape);
  const init = initialValues(specs, rng.fork("init"), options.initScale);
  const hasContext = (arch === "fm" || arch === "camf") && layout.contexts.length > 0;
  // Several context penalties need a validation part to choose on; otherwise the first one.
  const scales = hasContext ? (validRows ? options.contextL2Scale : options.contextL2Scale.slice(0, 1)) : [1];
  const threads = threadCount(options.threads, trainRows.length);
  const rows = threads > 1 ? shareRows(encoded) : encoded;
  const fits: Fit[] = [];
  let chosen = 0;
  for (const [c, scale] of scales.entries()) {
    const onProgress = request.onProgress ? (f: number) => request.onProgress!((c + f) / scales.length) : undefined;
    const fit = fitOnce({ model, arch, options, layout, encoded: rows, loss: lossKind(link.type), specs, init, trainRows: trainRows.slice(), validRows, shuffle: rng.fork("shuffle"), scale: hasContext ? scale : 1, onProgress, shape, threads });
    fits.push(fit);
    if (fit.best < fits[chosen]!.best) chosen = c;
  }
  for (const [c, fit] of fits.entries()) if (c !== chosen) for (const v of Object.values(fit.bound.variables)) v.dispose();
  const fit = fits[chosen]!;
  request.onProgress?.(1);
  const training = {
    options,
    ...(hasContext ? { contextL2Scale: scales[chosen], contextL2Candidates: fits.map((f, c) => ({ scale: scales[c], validationLoss: f.best })) } : {}),
    trainRows: trainRows.length,
    validationRows: validRows?.length ?? 0,
    epochsRun: fit.trainLoss.length,
    bestEpoch: validRows ? fit.bestEpoch + 1 : fit.trainLoss.length,
    trainObjective: fit.trainLoss,
    validationLoss: fit.validationLoss,
    optimizer: "sparse adagrad",
    threads,
    zeroCopyVariables: fit.bound.zeroCopy,
  };
  return new LearnedModel({ model, architecture: arch, layout, link, shape, training }, fit.bound.variables);
}

interface FitInput {
  readonly model: string;
  readonly arch: Architecture;
  readonly options: LearnedOptions;
  readonly layout: DataLayout;
  readonly encoded: EncodedRows;
  readonly loss: LossKind;
  readonly specs: readonly TableSpec[];
  readonly init: readonly Float32Array[];
  readonly trainRows: Int32Array;
  readonly validRows: Int32Array | null;
  /** Shuffles the training rows each epoch (the same sequence for every candidate). */
  readonly shuffle: Rng;
  /** Multiplier of l2 for the context parameters. */
  readonly scale: number;
  readonly shape: Shape;
  /** Threads to train with (1: single-threaded kernel step; more: data-parallel, parallel-training.ts). */
  readonly threads: number;
  readonly onProgress: ((fraction: number) => void) | undefined;
}

interface Fit {
  readonly bound: BoundVariables;
  readonly trainLoss: number[];
  readonly validationLoss: number[];
  /** Best validation loss (Infinity without early stopping). */
  readonly best: number;
  readonly bestEpoch: number;
}

/** The training loop's view of single- or multi-threaded training. */
interface Trainer {
  readonly tables: SparseTable[];
  readonly kernel: Kernel;
  /** Training rows, in the order of the current epoch (shuffled in place). */
  readonly order: Int32Array;
  /** One epoch over `order`; the summed objective. */
  epoch(onBatch: (fraction: number) => void): number;
  stop(): void;
}

function singleThreaded(input: FitInput): Trainer {
  const { options } = input;
  const tables = createTables(input.specs, input.init);
  const kernel = buildKernel(input.arch, input.layout, tables, input.encoded, options.l2, input.loss, options.l2 * input.scale);
  const order = input.trainRows;
  const batches = Math.ceil(order.length / options.batchSize);
  return {
    tables,
    kernel,
    order,
    epoch(onBatch) {
      let objective = 0;
      for (let b = 0; b < batches; b++) {
        const start = b * options.batchSize;
        const end = Math.min(order.length, start + options.batchSize);
        if (kernel.step) {
          objective += kernel.step(order, start, end, options.learningRate);
        } else {
          objective += kernel.accumulate(order, start, end);
          applyAdagrad(kernel.tables, options.learningRate);
        }
        if ((b & 63) === 63) onBatch((b + 1) / batches);
      }
      return objective;
    },
    stop() {},
  };
}

function multiThreaded(input: FitInput, runtime: TrainThreads): Trainer {
  const { options } = input;
  const fit = startParallelFit(runtime, {
    threads: input.threads, arch: input.arch, layout: input.layout, shape: input.shape, l2: options.l2, contextL2: options.l2 * input.scale,
    loss: input.loss, batchSize: options.batchSize, learningRate: options.learningRate, rows: input.encoded, init: input.init, trainRows: input.trainRows,
  });
  return { tables: fit.tables, kernel: fit.kernel, order: fit.order, epoch: () => fit.epoch(fit.order.length), stop: () => fit.stop() };
}

/** One fit from the shared initial values: epochs of shuffled batches, early stopping, best weights. */
function fitOnce(input: FitInput): Fit {
  const { model, options, validRows } = input;
  const runtime = trainThreads();
  const trainer = input.threads > 1 && runtime ? multiThreaded(input, runtime) : singleThreaded(input);
  const { tables, kernel, order } = trainer;
  const shuffle = input.shuffle;
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  let best = Infinity;
  let bestEpoch = -1;
  let snapshot: Float32Array[] | null = null;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(shuffle, order);
      const objective = trainer.epoch((f) => input.onProgress?.((epoch + f) / options.epochs));
      input.onProgress?.((epoch + 1) / options.epochs);
      const mean = objective / order.length;
      if (!Number.isFinite(mean)) {
        throw new Error(`model ${model}: training diverged at epoch ${epoch + 1} (objective ${mean}); lower learningRate (now ${options.learningRate})`);
      }
      trainLoss.push(mean);
      if (validRows) {
        const loss = kernel.loss(validRows, 0, validRows.length) / validRows.length;
        validationLoss.push(loss);
        if (loss < best) {
          best = loss;
          bestEpoch = epoch;
          snapshot = tables.map((t) => t.data.slice());
        } else if (epoch - bestEpoch >= options.patience) break;
      }
    }
  } finally {
    trainer.stop();
  }
  if (snapshot) tables.forEach((t, k) => t.data.set(snapshot![k]!));
  // Bound after training: the variables take a copy of the final tables (shared memory stays with the threads).
  const bound = bindVariables(tables, model);
  return { bound, trainLoss, validationLoss, best, bestEpoch };
}

/**
 * Threads of a fit: `requested`, or with 0 the runtime's cores when there are enough rows to pay
 * for starting helpers (else 1); 1 when no helper threads are installed (browser).
 */
export function threadCount(requested: number, trainRows: number): number {
  const runtime = trainThreads();
  if (!runtime) return 1;
  if (requested > 0) return requested;
  return trainRows >= PARALLEL_MIN_ROWS ? runtime.available : 1;
}

function carve(n: number, options: LearnedOptions, rng: Rng, model: string): { trainRows: Int32Array; validRows: Int32Array | null } {
  if (!options.earlyStopping) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return { trainRows: all, validRows: null };
  }
  const nValid = Math.round(n * options.validationFraction);
  if (nValid < 1 || nValid >= n) {
    throw new Error(`model ${model}: early stopping with validationFraction ${options.validationFraction} on ${n} rows leaves ${nValid} validation rows; need at least 1 and fewer than ${n}`);
  }
  const perm = permutation(rng, n);
  const validRows = perm.slice(0, nValid).sort();
  const trainRows = perm.slice(nValid).sort();
  return { trainRows, validRows };
}


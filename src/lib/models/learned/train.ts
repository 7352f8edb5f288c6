/**
 * Fitting a learned model:
 *
 *   train rows ─► layout + link ─► encode (Int32 feature matrix, Float32 targets)
 *      │ seeded split (early stopping only): validation part carved from the TRAINING rows
 *      ▼
 *   tables (seeded init) ─► tf.Variables (zero copy on CPU)
 *      ▼  per epoch: seeded shuffle; per batch: fused kernel (forward + backward) ─► sparse Adagrad
 *   best epoch's weights (early stopping) ─► LearnedModel (predicts through the tf graph)
 */
import type { Rng } from "../../random/rng.js";
import { createRng, permutation } from "../../random/rng.js";
import type { Interactions } from "../../schema/interactions.js";
import type { Shape } from "./architecture.js";
import { buildKernel, createTables, initialValues, tableSpecs } from "./architecture.js";
import type { Architecture } from "./layout.js";
import { encodeRows, layoutOf } from "./layout.js";
import { LearnedModel } from "./learned-model.js";
import { makeLink } from "./link.js";
import type { LearnedOptions } from "./options.js";
import { applyAdagrad } from "./sparse-table.js";
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
  const tables = createTables(specs, initialValues(specs, rng.fork("init"), options.initScale));
  const bound = bindVariables(tables, model);
  const kernel = buildKernel(arch, layout, tables, encoded, options.l2, link.type === "binary");

  const shuffle = rng.fork("shuffle");
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  let best = Infinity;
  let bestEpoch = -1;
  let snapshot: Float32Array[] | null = null;
  const batches = Math.ceil(trainRows.length / options.batchSize);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(trainRows, shuffle);
    let objective = 0;
    for (let b = 0; b < batches; b++) {
      const start = b * options.batchSize;
      objective += kernel.accumulate(trainRows, start, Math.min(trainRows.length, start + options.batchSize));
      applyAdagrad(kernel.tables, options.learningRate);
      if (request.onProgress && (b & 63) === 63) request.onProgress((epoch + (b + 1) / batches) / options.epochs);
    }
    const mean = objective / trainRows.length;
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
    bound.sync();
  }
  if (snapshot) tables.forEach((t, k) => t.data.set(snapshot![k]!));
  bound.sync();
  request.onProgress?.(1);
  const training = {
    options,
    trainRows: trainRows.length,
    validationRows: validRows?.length ?? 0,
    epochsRun: trainLoss.length,
    bestEpoch: validRows ? bestEpoch + 1 : trainLoss.length,
    trainObjective: trainLoss,
    validationLoss,
    optimizer: "sparse adagrad",
    zeroCopyVariables: bound.zeroCopy,
  };
  return new LearnedModel({ model, architecture: arch, layout, link, shape, training }, bound.variables);
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

function shuffleInPlace(a: Int32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

import type { SparseTable } from "./sparse-table.js";

/**
 * A fused training kernel: forward pass, loss, backward pass and gradient accumulation of one
 * model over a batch of encoded rows, in one typed-array loop (no intermediate tensors). The
 * tf.Variables of the model are its tables' storage, so the update that follows
 * ({@link applyAdagrad}) trains the TensorFlow.js model in place.
 */
export interface Kernel {
  /** The trainable tables, in a fixed order (also the order of the saved weights). */
  readonly tables: readonly SparseTable[];
  /**
   * Adds the gradient of the batch objective Σ_rows [loss(row) + ½·l2·‖params the row touches‖²]
   * over rows order[start..end) to the tables' `grad`, and returns that objective.
   */
  accumulate(order: Int32Array, start: number, end: number): number;
  /**
   * One training step over order[start..end): the same result as {@link Kernel.accumulate}
   * followed by applyAdagrad(tables, learningRate), possibly with some rows updated in place
   * during the pass (fused). Returns the batch objective before the update.
   */
  step?(order: Int32Array, start: number, end: number, learningRate: number): number;
  /**
   * This thread's part of a data-parallel step over the batch order[batchStart..batchEnd): the
   * gradient of rows order[start..end) (a slice of the batch) is added to the tables' `grad`,
   * except that a feature occurring once in the whole batch may be updated in place (no other
   * row of the batch, on any thread, reads it). No Adagrad step for the rest: the threads'
   * gradients are summed by reduceAdagrad. Returns the objective of the slice. Default: none
   * (then {@link Kernel.accumulate} on the slice is the part).
   */
  shard?(order: Int32Array, batchStart: number, batchEnd: number, start: number, end: number, learningRate: number): number;
  /** Σ loss(row) over rows order[start..end), without regularization; no gradients. */
  loss(order: Int32Array, start: number, end: number): number;
}

/** Encoded rows: per-row feature indices (model-specific layout) and training targets. */
export interface EncodedRows {
  readonly size: number;
  /** size × fieldsPerRow table indices, row-major. */
  readonly features: Int32Array;
  /** Linear-only feature indices, size × linearPerRow (empty when the model has none). */
  readonly linear: Int32Array;
  /** Per-row target (see link.ts). */
  readonly target: Float32Array;
}

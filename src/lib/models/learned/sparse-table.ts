/**
 * A parameter table trained with sparse (touched-rows-only), row-wise Adagrad.
 *
 *   kernel: adds the gradient of the rows the batch touches ──► grad (+ touched list)
 *   applyAdagrad, touched rows only: acc_row += mean_k(g_k²); w_k −= lr·g_k/(√acc_row + ε); grad := 0
 *
 * Only the rows a batch touched are read or written, so a step costs O(batch), not O(table),
 * which is what makes 100k-customer tables trainable at full speed. Adagrad has no momentum, so
 * skipping untouched rows is exact, not an approximation (unlike "lazy" Adam). Row-wise
 * accumulators (one per embedding row, as FBGEMM's rowwise Adagrad for recommender embeddings)
 * cost one square root per row instead of one per float; for width-1 tables (biases) it is plain
 * Adagrad.
 */
export interface SparseTable {
  readonly name: string;
  readonly rows: number;
  /** Floats per row. */
  readonly width: number;
  /** Parameters, rows × width, row-major. Rebound to the tf.Variable's buffer when possible. */
  data: Float32Array;
  /** Row-wise Adagrad accumulators, one per row. */
  readonly accum: Float32Array;
  /** Gradient of the current batch, same layout; all zeros between steps. */
  readonly grad: Float32Array;
  /** 1 where the row is in `touched`. */
  readonly mark: Uint8Array;
  /** Rows touched in the current batch, first `touchedCount` entries. */
  readonly touched: Int32Array;
  touchedCount: number;
}

/** Initial Adagrad accumulator (as tf.train.adagrad), which bounds the first steps. */
export const ADAGRAD_INITIAL_ACCUMULATOR = 0.1;

/**
 * A table whose parameters are `init` (copied).
 * @param init rows × width floats
 * @throws RangeError when init has the wrong length
 */
export function createTable(name: string, rows: number, width: number, init: Float32Array): SparseTable {
  if (init.length !== rows * width) throw new RangeError(`table ${name}: ${init.length} initial values, expected ${rows} × ${width}`);
  return {
    name,
    rows,
    width,
    data: init.slice(),
    accum: new Float32Array(rows).fill(ADAGRAD_INITIAL_ACCUMULATOR),
    grad: new Float32Array(rows * width),
    mark: new Uint8Array(rows),
    touched: new Int32Array(rows),
    touchedCount: 0,
  };
}

/** Marks `row` touched in this batch and returns the offset of its first float. */
export function touch(t: SparseTable, row: number): number {
  if (t.mark[row] === 0) {
    t.mark[row] = 1;
    t.touched[t.touchedCount++] = row;
  }
  return row * t.width;
}

/** Applies one Adagrad step to the touched rows of each table and clears their gradients. */
export function applyAdagrad(tables: readonly SparseTable[], learningRate: number): void {
  for (const t of tables) {
    const { data, accum, grad, mark, touched, width } = t;
    for (let j = 0; j < t.touchedCount; j++) {
      const row = touched[j]!;
      mark[row] = 0;
      const begin = row * width, end = begin + width;
      let g2 = 0;
      for (let o = begin; o < end; o++) g2 += grad[o]! * grad[o]!;
      const a = accum[row]! + g2 / width;
      accum[row] = a;
      const step = learningRate / (Math.sqrt(a) + 1e-7);
      for (let o = begin; o < end; o++) {
        data[o] = data[o]! - step * grad[o]!;
        grad[o] = 0;
      }
    }
    t.touchedCount = 0;
  }
}

/**
 * The Adagrad step of a data-parallel batch, done by `thread` of `threads`: every table row that
 * some replica touched and that this thread owns (row mod threads = thread) gets the sum of the
 * replicas' gradients, in replica order (so the result depends only on the thread count), then
 * the row-wise Adagrad update of {@link applyAdagrad}; its grad and mark are cleared in every
 * replica. Threads own disjoint rows, so they run this at the same time without locks.
 * @param replicas replicas[s][k]: table k as thread s sees it (shared data and accum, own grad,
 *   mark, touched, touchedCount)
 * @param scratch at least max(table width) floats
 */
export function reduceAdagrad(replicas: readonly (readonly SparseTable[])[], thread: number, threads: number, learningRate: number, scratch: Float64Array): void {
  const first = replicas[0]!;
  for (let k = 0; k < first.length; k++) {
    const { data, accum, width } = first[k]!;
    for (let s = 0; s < replicas.length; s++) {
      const own = replicas[s]![k]!;
      for (let j = 0; j < own.touchedCount; j++) {
        const row = own.touched[j]!;
        if (row % threads !== thread || own.mark[row] === 0) continue;
        const begin = row * width;
        scratch.fill(0, 0, width);
        for (const replica of replicas) {
          const t = replica[k]!;
          if (t.mark[row] === 0) continue;
          t.mark[row] = 0;
          for (let o = 0; o < width; o++) {
            scratch[o] = scratch[o]! + t.grad[begin + o]!;
            t.grad[begin + o] = 0;
          }
        }
        let g2 = 0;
        for (let o = 0; o < width; o++) g2 += scratch[o]! * scratch[o]!;
        const a = accum[row]! + g2 / width;
        accum[row] = a;
        const step = learningRate / (Math.sqrt(a) + 1e-7);
        for (let o = 0; o < width; o++) data[begin + o] = data[begin + o]! - step * scratch[o]!;
      }
    }
  }
}

/**
 * One Adagrad step of a width-1 row whose whole batch gradient is `grad` (already rounded to
 * float32, as `grad` storage would be), bypassing the grad buffer: the arithmetic of
 * {@link applyAdagrad}. Updates the accumulator and returns the new parameter value.
 */
export function adagradRow(t: SparseTable, row: number, grad: number, learningRate: number): number {
  const a = t.accum[row]! + grad * grad;
  t.accum[row] = a;
  return t.data[row]! - (learningRate / (Math.sqrt(a) + 1e-7)) * grad;
}

/** Clears the gradients of the current batch without updating (after a gradient check). */
export function clearGradients(tables: readonly SparseTable[]): void {
  for (const t of tables) {
    for (let j = 0; j < t.touchedCount; j++) {
      const row = t.touched[j]!;
      t.mark[row] = 0;
      t.grad.fill(0, row * t.width, (row + 1) * t.width);
    }
    t.touchedCount = 0;
  }
}

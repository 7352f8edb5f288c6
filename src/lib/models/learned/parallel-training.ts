/**
 * Data-parallel training on shared memory, deterministic for a given thread count:
 *
 *   per batch order[b..e), T threads (thread 0 = the caller, 1..T−1 = helpers):
 *     phase A  thread t: forward + backward of its slice of the batch into its OWN grad
 *              (features occurring once in the batch: updated in place, nobody else reads them)
 *     barrier
 *     phase B  thread t: for the touched rows it owns (row mod T = t): sum of the T gradients in
 *              thread order, row-wise Adagrad (reduceAdagrad)
 *     barrier
 *
 * No locks and no races: in phase A threads read shared parameters and write only their own
 * gradients (or features no other row reads); in phase B they write disjoint rows. The sums are
 * taken in a fixed order, so the same seed and thread count give the same weights bit for bit.
 * With one thread the caller uses the single-threaded kernel step instead.
 *
 * This module is pure: the threads and the blocking barrier come from a {@link TrainThreads}
 * installed by the runtime (src/node/workers in Node); without one, training is single-threaded.
 */
import type { Shape } from "./architecture.js";
import { buildKernel, tableSpecs } from "./architecture.js";
import type { EncodedRows, Kernel } from "./kernel.js";
import type { Architecture, DataLayout } from "./layout.js";
import type { SparseTable } from "./sparse-table.js";
import type { LossKind } from "./link.js";
import { ADAGRAD_INITIAL_ACCUMULATOR, reduceAdagrad } from "./sparse-table.js";

/** Waits until every thread of the job has called it (a reusable barrier). */
export type Barrier = () => void;

/** Helper threads for data-parallel training, provided by the runtime. */
export interface TrainThreads {
  /** Threads a fit may use by default, the calling thread included (≥ 1): the machine's cores. */
  readonly available: number;
  /**
   * Starts {@link helperLoop}(job, t, barrier) on helper threads t = 1 .. job.threads − 1 (a job
   * naming one helper: on that one, as thread 1) and returns the calling thread's barrier over the
   * job's `sync` state. Helpers return when the
   * caller stops the job ({@link ParallelFit.stop}).
   */
  start(job: ParallelJob | HelperJob): Barrier;
  /** Whether a helper thread has failed (its error is on its stderr), for callers that wait without a barrier. */
  readonly failed?: () => boolean;
}

/**
 * A job for the same helper threads other than training (the profile fit's block updates,
 * src/lib/models/profile/parallel-blocks.ts): `kind` names the helper loop the worker runs.
 */
export interface HelperJob {
  readonly kind: string;
  readonly threads: number;
  readonly sync: Int32Array;
  /**
   * A job of one helper (threads 2) that the caller does not join: the helper to run it on, from 0
   * (default 0), so that a caller can keep helpers 0 .. available − 3 for a parallel job of its own
   * meanwhile.
   */
  readonly helper?: number;
}

let installed: TrainThreads | null = null;

/** Installs the runtime's helper threads (Node: src/node/workers/install-train-threads.ts). */
export function setTrainThreads(threads: TrainThreads | null): void {
  installed = threads;
}

/** The installed helper threads, or null (single-threaded training). */
export function trainThreads(): TrainThreads | null {
  return installed;
}

/**
 * Whether rows made for fitting belong on shared memory (takeRows' `shared`): where helper threads
 * are installed, fits may run on several threads, which then read the columns where they are.
 */
export function fitRowsShared(): boolean {
  return (installed?.available ?? 1) > 1;
}

/** Shared parameters of one table (data and Adagrad accumulators) and each thread's gradient state. */
export interface SharedTable {
  readonly data: Float32Array;
  readonly accum: Float32Array;
  /** Per thread: gradient, touched marks, touched list. */
  readonly replicas: readonly { readonly grad: Float32Array; readonly mark: Uint8Array; readonly touched: Int32Array }[];
}

/** What a data-parallel fit trains. */
export interface ParallelModel {
  readonly threads: number;
  readonly arch: Architecture;
  readonly layout: DataLayout;
  readonly shape: Shape;
  readonly l2: number;
  readonly contextL2: number;
  readonly loss: LossKind;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Encoded rows on shared memory ({@link shareRows}). */
  readonly rows: EncodedRows;
}

/** Everything a helper thread needs, structured-clonable (every typed array on a SharedArrayBuffer). */
export interface ParallelJob extends ParallelModel {
  readonly tables: readonly SharedTable[];
  /** The training rows in this epoch's order (the caller shuffles it between epochs). */
  readonly order: Int32Array;
  /** [command, rows of `order` to train on]. */
  readonly control: Int32Array;
  /** Touched counts after phase A, [thread × table]. */
  readonly counts: Int32Array;
  /** Each thread's objective of the last epoch. */
  readonly objectives: Float64Array;
  /** Barrier state for the runtime's barrier. */
  readonly sync: Int32Array;
}

const EPOCH = 1;
const STOP = 2;

/** Rows below which a fit stays on one thread: starting helpers costs more than it saves. */
export const PARALLEL_MIN_ROWS = 100_000;

function shared<T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(8, bytes)));
}
const f32 = (n: number): Float32Array => shared((b) => new Float32Array(b, 0, n), n * 4);
const i32 = (n: number): Int32Array => shared((b) => new Int32Array(b, 0, n), n * 4);

/** A copy of `rows` on shared memory. */
export function shareRows(rows: EncodedRows): EncodedRows {
  const copy = <A extends Int32Array | Float32Array>(a: A, make: (n: number) => A): A => {
    const out = make(a.length);
    out.set(a);
    return out;
  };
  return { size: rows.size, features: copy(rows.features, i32), linear: copy(rows.linear, i32), target: copy(rows.target, f32) };
}

/** Thread `thread`'s view of the job's tables: shared data and accumulators, its own gradients. */
function threadTables(job: ParallelJob, thread: number): SparseTable[] {
  const specs = tableSpecs(job.arch, job.layout, job.shape);
  return specs.map((s, k) => {
    const t = job.tables[k]!, r = t.replicas[thread]!;
    return { name: s.name, rows: s.rows, width: s.width, data: t.data, accum: t.accum, grad: r.grad, mark: r.mark, touched: r.touched, touchedCount: 0 };
  });
}

/** One thread's state over a job. */
interface ThreadState {
  readonly job: ParallelJob;
  readonly thread: number;
  readonly kernel: Kernel;
  /** replicas[s]: thread s's tables; replicas[thread] are this kernel's tables. */
  readonly replicas: readonly SparseTable[][];
  readonly scratch: Float64Array;
  readonly barrier: Barrier;
}

function threadState(job: ParallelJob, thread: number, barrier: Barrier): ThreadState {
  const replicas = Array.from({ length: job.threads }, (_, s) => threadTables(job, s));
  const kernel = buildKernel(job.arch, job.layout, replicas[thread]!, job.rows, job.l2, job.loss, job.contextL2);
  const width = Math.max(...replicas[0]!.map((t) => t.width));
  return { job, thread, kernel, replicas, scratch: new Float64Array(width), barrier };
}

/** This thread's share of one epoch over order[0..n); returns the objective of its slices. */
function epochPart(st: ThreadState, n: number): number {
  const { job, thread, kernel, replicas, barrier } = st;
  const T = job.threads, K = replicas[0]!.length, own = replicas[thread]!;
  let objective = 0;
  for (let b = 0; b < n; b += job.batchSize) {
    const e = Math.min(n, b + job.batchSize);
    const s0 = b + Math.floor(((e - b) * thread) / T), s1 = b + Math.floor(((e - b) * (thread + 1)) / T);
    objective += kernel.shard ? kernel.shard(job.order, b, e, s0, s1, job.learningRate) : kernel.accumulate(job.order, s0, s1);
    for (let k = 0; k < K; k++) job.counts[thread * K + k] = own[k]!.touchedCount;
    barrier();
    for (let s = 0; s < T; s++) if (s !== thread) for (let k = 0; k < K; k++) replicas[s]![k]!.touchedCount = job.counts[s * K + k]!;
    reduceAdagrad(replicas, thread, T, job.learningRate, st.scratch);
    barrier();
    for (const t of own) t.touchedCount = 0;
  }
  return objective;
}

/** A helper thread's life on a job: one epoch part per EPOCH command until STOP. */
export function helperLoop(job: ParallelJob, thread: number, barrier: Barrier): void {
  const st = threadState(job, thread, barrier);
  for (;;) {
    barrier();
    if (job.control[0] === STOP) return;
    job.objectives[thread] = epochPart(st, job.control[1]!);
    barrier();
  }
}

/** The calling thread's handle on a running data-parallel fit. */
export interface ParallelFit {
  /** Thread 0's tables (shared parameters): read them for validation losses and snapshots. */
  readonly tables: SparseTable[];
  /** Thread 0's kernel (for validation losses between epochs). */
  readonly kernel: Kernel;
  /** The shared training order: shuffle it between epochs. */
  readonly order: Int32Array;
  /** One epoch over the first `rows` entries of `order` on every thread; the objective summed in thread order. */
  epoch(rows: number): number;
  /** Ends the helpers' loops. */
  stop(): void;
}

/** A data-parallel fit: the model, its initial values and its training rows. */
export interface ParallelSetup extends ParallelModel {
  /** Initial values of each table (copied). */
  readonly init: readonly Float32Array[];
  /** Training rows (copied into the shared order). */
  readonly trainRows: Int32Array;
}

/**
 * Starts a data-parallel fit on `runtime`'s helper threads.
 * @throws RangeError when threads < 2 (use the single-threaded path)
 */
export function startParallelFit(runtime: TrainThreads, setup: ParallelSetup): ParallelFit {
  const T = setup.threads;
  if (!(Number.isInteger(T) && T >= 2)) throw new RangeError(`parallel training: threads must be an integer ≥ 2, got ${T}`);
  const specs = tableSpecs(setup.arch, setup.layout, setup.shape);
  const tables: SharedTable[] = specs.map((s, k) => {
    const data = f32(s.rows * s.width);
    data.set(setup.init[k]!);
    const accum = f32(s.rows).fill(ADAGRAD_INITIAL_ACCUMULATOR);
    const replicas = Array.from({ length: T }, () => ({
      grad: f32(s.rows * s.width),
      mark: shared((b) => new Uint8Array(b, 0, s.rows), s.rows),
      touched: i32(s.rows),
    }));
    return { data, accum, replicas };
  });
  const order = i32(setup.trainRows.length);
  order.set(setup.trainRows);
  const { init: _init, trainRows: _rows, ...model } = setup;
  const job: ParallelJob = {
    ...model, tables, order,
    control: i32(2), counts: i32(T * specs.length), objectives: shared((b) => new Float64Array(b, 0, T), T * 8), sync: i32(4),
  };
  const barrier = runtime.start(job);
  const st = threadState(job, 0, barrier);
  let stopped = false;
  return {
    tables: st.replicas[0]!,
    kernel: st.kernel,
    order,
    epoch(rows) {
      job.control[0] = EPOCH;
      job.control[1] = rows;
      barrier();
      job.objectives[0] = epochPart(st, rows);
      barrier();
      let total = 0;
      for (let t = 0; t < T; t++) total += job.objectives[t]!;
      return total;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      job.control[0] = STOP;
      barrier();
    },
  };
}

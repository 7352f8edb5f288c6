import type { Barrier, TrainThreads } from "../learned/parallel-training.js";
import { rowsOfKeyRanges, updateBlockRange, type Block } from "./block-update.js";
import { linearizeRows, recomputeRows, shiftRows, type RowTarget } from "./row-sweeps.js";

/**
 * The profile fit's work on several threads over shared memory:
 *
 *   per block update (customer + customer×context, item + item×context), T threads:
 *     thread t: updateBlockRange over its parent keys [ranges[t], ranges[t + 1]) (balanced by rows),
 *               its keys' γ terms into the block's gamma, its largest step into steps[t]
 *     barrier
 *     caller: the largest of the T steps (the variance sums: blockVarianceSums, on the caller)
 *   per row sweep (row-sweeps.ts: linearization, a step of the intercept or of a grouping, the
 *   rebuild after an extrapolated iterate), T threads:
 *     thread t: rows [rowRanges[t], rowRanges[t + 1])
 *     barrier
 *
 * A parent key owns its rows and its children's keys, so threads write disjoint effects and rows:
 * no locks, no races. Every effect and row gets exactly the single-threaded update, and the sweeps
 * treat each row on its own; every sum over rows or keys is added on the caller in one order, so a
 * fit comes out the same bit for bit on any number of threads.
 *
 * Pure like parallel-training.ts: the threads come from the installed {@link TrainThreads}.
 */

/** What a helper thread gets: every typed array on a SharedArrayBuffer. */
export interface ProfileBlocksJob {
  readonly kind: "profile-blocks";
  readonly threads: number;
  readonly blocks: readonly Block[];
  /** Per block: T + 1 parent-key boundaries. */
  readonly ranges: readonly Int32Array[];
  /** Per block walked in row order: each thread's rows (rowsOfKeyRanges); null for gathered blocks. */
  readonly rangeRows: readonly ({ readonly rows: Int32Array; readonly start: Int32Array } | null)[];
  /** Every grouping's τ² (the caller's, shared). */
  readonly tau2: Float64Array;
  /** Per block: each unknown's γ term (the caller's, shared; see blockVarianceSums). */
  readonly gamma: readonly Float64Array[];
  /** What the block updates and row sweeps read and write. */
  readonly rows: RowTarget;
  /** T + 1 row boundaries of the sweeps. */
  readonly rowRanges: Int32Array;
  /** A grouping's step for a SHIFT (the caller's copy, shared). */
  readonly step: Float64Array;
  /** [command, block or grouping (−1: the intercept), φ (UPDATE) / the intercept's step (SHIFT) / the intercept (RECOMPUTE)]. */
  readonly control: Float64Array;
  /** Per thread: its largest step of the last block update. */
  readonly steps: Float64Array;
  /** Barrier state for the runtime's barrier. */
  readonly sync: Int32Array;
}

const UPDATE = 1;
const STOP = 2;
const LINEARIZE = 3;
const SHIFT = 4;
const RECOMPUTE = 5;

/** The calling thread's handle on the helpers. */
export interface ParallelBlocks {
  /** Updates block `b` on every thread (its γ terms into the block's gamma); returns the largest step. */
  update(b: number, phi: number): number;
  /** linearizeRows over every row. */
  linearize(): void;
  /** shiftRows over every row: grouping g by `step` (its first `size` numbers), or the intercept (g < 0) by `delta`. */
  shift(g: number, step: Float64Array | null, delta: number): void;
  /** recomputeRows over every row. */
  recompute(intercept: number): void;
  /** Ends the helpers' loops. */
  stop(): void;
}

/** A Float64Array of n numbers on shared memory. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(8, n * 8)), 0, n);
}

/** An Int32Array of n numbers on shared memory. */
export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(4, n * 4)), 0, n);
}

/** `a` itself when it already lies on shared memory, else a copy there (see shareArray). */
export function onShared<A extends Int32Array | Uint8Array | Uint16Array | Float64Array>(a: A): A {
  return a.buffer instanceof SharedArrayBuffer ? a : shareArray(a);
}

/** A copy of `a` on shared memory (helper threads read it without a copy of their own). */
export function shareArray<A extends Int32Array | Uint8Array | Uint16Array | Float64Array>(a: A): A {
  const Ctor = a.constructor as new (b: SharedArrayBuffer, offset: number, length: number) => A;
  const out = new Ctor(new SharedArrayBuffer(Math.max(8, a.byteLength)), 0, a.length);
  out.set(a);
  return out;
}

/** Parent-key boundaries splitting a block's rows into `threads` nearly equal shares. */
function keyRanges(block: Block, threads: number): Int32Array {
  const { start } = block;
  const keys = start.length - 1, rows = start[keys]!;
  const out = sharedInt32(threads + 1);
  let u = 0;
  for (let t = 1; t < threads; t++) {
    const target = (rows * t) / threads;
    while (u < keys && start[u]! < target) u++;
    out[t] = u;
  }
  out[threads] = keys;
  return out;
}

/** Boundaries splitting n rows into `threads` nearly equal ranges. */
function rowRanges(n: number, threads: number): Int32Array {
  const out = sharedInt32(threads + 1);
  for (let t = 0; t <= threads; t++) out[t] = Math.floor((n * t) / threads);
  return out;
}

/**
 * Starts `threads` − 1 helpers on `runtime` for the blocks and row sweeps of one fit.
 * @param target vec, y, keys and effects on shared memory (sharedFloat64, onShared)
 * @param tau2 the fit's τ², on shared memory
 * @param gamma per block, its γ terms (blockUnknowns numbers), on shared memory
 */
export function startParallelBlocks(runtime: TrainThreads, threads: number, target: RowTarget, blocks: readonly Block[], tau2: Float64Array, gamma: readonly Float64Array[]): ParallelBlocks {
  const ranges = blocks.map((b) => keyRanges(b, threads));
  const job: ProfileBlocksJob = {
    kind: "profile-blocks",
    threads,
    blocks: blocks.map((b) => ({
      ...b,
      start: onShared(b.start), rows: onShared(b.rows), unknownStart: onShared(b.unknownStart),
      unknownOwner: onShared(b.unknownOwner), unknownKey: onShared(b.unknownKey),
      cellStart: onShared(b.cellStart), cellSlots: onShared(b.cellSlots), cellOfRow: onShared(b.cellOfRow),
      ...(b.keyOfRow ? { keyOfRow: onShared(b.keyOfRow) } : {}),
    })),
    ranges,
    rangeRows: blocks.map((b, i) => (b.keyOfRow ? rowsOfKeyRanges(b.keyOfRow, ranges[i]!, sharedInt32) : null)),
    tau2,
    gamma,
    rows: target,
    rowRanges: rowRanges(target.y.length, threads),
    step: sharedFloat64(Math.max(0, ...target.effects.map((e) => e.length))),
    control: sharedFloat64(3),
    steps: sharedFloat64(threads),
    sync: new Int32Array(new SharedArrayBuffer(16)),
  };
  const barrier = runtime.start(job);
  let stopped = false;
  const run = (command: number, which: number, value: number): void => {
    job.control[0] = command;
    job.control[1] = which;
    job.control[2] = value;
    barrier();
    threadPart(job, 0);
    barrier();
  };
  return {
    update(b, phi) {
      run(UPDATE, b, phi);
      let step = 0;
      for (let t = 0; t < threads; t++) step = Math.max(step, job.steps[t]!);
      return step;
    },
    linearize: () => run(LINEARIZE, 0, 0),
    shift(g, step, delta) {
      if (g >= 0) job.step.set(step!.subarray(0, target.effects[g]!.length));
      run(SHIFT, g, delta);
    },
    recompute: (intercept) => run(RECOMPUTE, 0, intercept),
    stop() {
      if (stopped) return;
      stopped = true;
      job.control[0] = STOP;
      barrier();
    },
  };
}

/** Thread `thread`'s share of the command in job.control. */
function threadPart(job: ProfileBlocksJob, thread: number): void {
  const command = job.control[0]!, which = job.control[1]!, value = job.control[2]!;
  const from = job.rowRanges[thread]!, to = job.rowRanges[thread + 1]!;
  if (command === UPDATE) {
    const r = job.ranges[which]!, own = job.rangeRows[which];
    const rowList = own ? own.rows.subarray(own.start[thread]!, own.start[thread + 1]!) : null;
    job.steps[thread] = updateBlockRange(job.rows, job.blocks[which]!, job.tau2, value, r[thread]!, r[thread + 1]!, job.gamma[which]!, rowList);
  } else if (command === LINEARIZE) linearizeRows(job.rows, from, to);
  else if (command === SHIFT) shiftRows(job.rows, which, job.step, value, from, to);
  else if (command === RECOMPUTE) recomputeRows(job.rows, value, from, to);
  else throw new Error(`profile helper thread: unknown command ${command}`);
}

/** A helper thread's life on a job: its share of each block update and row sweep until STOP. */
export function profileBlocksHelperLoop(job: ProfileBlocksJob, thread: number, barrier: Barrier): void {
  for (;;) {
    barrier();
    if (job.control[0] === STOP) return;
    threadPart(job, thread);
    barrier();
  }
}

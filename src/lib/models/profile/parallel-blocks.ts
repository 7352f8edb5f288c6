import type { Barrier, TrainThreads } from "../learned/parallel-training.js";
import { blockSums, updateBlockRange, type Block, type BlockTarget } from "./block-update.js";

/**
 * The profile fit's block updates on several threads over shared memory:
 *
 *   per block update (customer + customer×context, item + item×context), T threads:
 *     thread t: updateBlockRange over its parent keys [ranges[t], ranges[t + 1]) (balanced by rows),
 *               its largest step and variance sums into sums[t]
 *     barrier
 *     caller: the T partial sums added in thread order
 *
 * A parent key owns its rows and its children's keys, so threads write disjoint effects and rows:
 * no locks, no races. Every effect and row gets exactly the single-threaded update; only the
 * variance sums Σβ², Σγ are added in another order (rounding), so the same thread count gives the
 * same fit bit for bit and another thread count the same fit to rounding.
 *
 * Pure like parallel-training.ts: the threads come from the installed {@link TrainThreads}.
 */

/** What a helper thread gets: every typed array on a SharedArrayBuffer. */
export interface ProfileBlocksJob {
  readonly kind: "profile-blocks";
  readonly threads: number;
  readonly target: BlockTarget;
  readonly blocks: readonly Block[];
  /** Per block: T + 1 parent-key boundaries. */
  readonly ranges: readonly Int32Array[];
  /** Every grouping's τ² (the caller's, shared). */
  readonly tau2: Float64Array;
  /** [command, block, φ]. */
  readonly control: Float64Array;
  /** Per thread, `width` numbers: see blockSums. */
  readonly sums: Float64Array;
  readonly width: number;
  /** Barrier state for the runtime's barrier. */
  readonly sync: Int32Array;
}

const UPDATE = 1;
const STOP = 2;

/** The calling thread's handle on the helpers. */
export interface ParallelBlocks {
  /** Updates block `b` on every thread; `out` gets the summed results (see blockSums). */
  update(b: number, phi: number, out: Float64Array): void;
  /** Ends the helpers' loops. */
  stop(): void;
}

/** A Float64Array of n numbers on shared memory. */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(8, n * 8)), 0, n);
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
  const out = new Int32Array(new SharedArrayBuffer(4 * (threads + 1)));
  let u = 0;
  for (let t = 1; t < threads; t++) {
    const target = (rows * t) / threads;
    while (u < keys && start[u]! < target) u++;
    out[t] = u;
  }
  out[threads] = keys;
  return out;
}

/**
 * Starts `threads` − 1 helpers on `runtime` for the blocks of one fit.
 * @param target vec and effects on shared memory (sharedFloat64)
 * @param tau2 the fit's τ², on shared memory
 */
export function startParallelBlocks(runtime: TrainThreads, threads: number, target: BlockTarget, blocks: readonly Block[], tau2: Float64Array): ParallelBlocks {
  const width = Math.max(...blocks.map((b) => blockSums(1 + b.children.length)));
  const job: ProfileBlocksJob = {
    kind: "profile-blocks",
    threads,
    target: { vec: target.vec, stride: target.stride, logit: target.logit, effects: target.effects },
    blocks: blocks.map((b) => ({
      ...b,
      start: shareArray(b.start), rows: shareArray(b.rows), unknownStart: shareArray(b.unknownStart),
      unknownOwner: shareArray(b.unknownOwner), unknownKey: shareArray(b.unknownKey), slots: shareArray(b.slots),
      ...(b.keyOfRow ? { keyOfRow: shareArray(b.keyOfRow) } : {}),
    })),
    ranges: blocks.map((b) => keyRanges(b, threads)),
    tau2,
    control: sharedFloat64(3),
    sums: sharedFloat64(threads * width),
    width,
    sync: new Int32Array(new SharedArrayBuffer(16)),
  };
  const barrier = runtime.start(job);
  let stopped = false;
  return {
    update(b, phi, out) {
      job.control[0] = UPDATE;
      job.control[1] = b;
      job.control[2] = phi;
      barrier();
      blockPart(job, 0);
      barrier();
      const n = blockSums(1 + job.blocks[b]!.children.length);
      out.fill(0, 0, n);
      for (let t = 0; t < threads; t++) {
        const at = t * width;
        out[0] = Math.max(out[0]!, job.sums[at]!);
        for (let j = 1; j < n; j++) out[j]! += job.sums[at + j]!;
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      job.control[0] = STOP;
      barrier();
    },
  };
}

function blockPart(job: ProfileBlocksJob, thread: number): void {
  const b = job.control[1]!;
  const r = job.ranges[b]!;
  updateBlockRange(job.target, job.blocks[b]!, job.tau2, job.control[2]!, r[thread]!, r[thread + 1]!, job.sums.subarray(thread * job.width, (thread + 1) * job.width));
}

/** A helper thread's life on a job: its share of each block update until STOP. */
export function profileBlocksHelperLoop(job: ProfileBlocksJob, thread: number, barrier: Barrier): void {
  for (;;) {
    barrier();
    if (job.control[0] === STOP) return;
    blockPart(job, thread);
    barrier();
  }
}

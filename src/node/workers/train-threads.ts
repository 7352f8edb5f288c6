/**
 * Node's helper threads for data-parallel training ({@link TrainThreads}): a small pool of
 * worker_threads, started on the first parallel fit and kept (unref'd, so they never hold the
 * process open) for the next fits of the same process.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Barrier, HelperJob, ParallelJob, TrainThreads } from "../../lib/models/learned/parallel-training.js";
import { makeBarrier } from "./barrier.js";

const pool: Worker[] = [];
/** Set by a worker that failed: its thread number, or −1 when its module did not load. */
const failed = new Int32Array(new SharedArrayBuffer(4));

function helper(k: number): Worker {
  while (pool.length <= k) {
    const worker = new Worker(new URL("./tsx-worker.mjs", import.meta.url), {
      workerData: { entry: new URL("./train-worker.ts", import.meta.url).href, failed },
    });
    worker.unref();
    pool.push(worker);
  }
  return pool[k]!;
}

/** Helper threads for training; `available` = the machine's cores. */
export function nodeTrainThreads(available = availableParallelism()): TrainThreads {
  return {
    available,
    start(job: ParallelJob | HelperJob): Barrier {
      if (Atomics.load(failed, 0) !== 0) throw new Error("training: a helper thread failed earlier in this process");
      if ("helper" in job && job.helper !== undefined) helper(job.helper).postMessage({ job, thread: 1 });
      else for (let t = 1; t < job.threads; t++) helper(t - 1).postMessage({ job, thread: t });
      return makeBarrier(job.sync, job.threads, failed);
    },
    failed: () => Atomics.load(failed, 0) !== 0,
  };
}

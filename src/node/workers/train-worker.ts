/**
 * A training helper thread: runs helperLoop for each job the pool posts (one at a time; the
 * calling thread is blocked in the job's barriers meanwhile). A failure is flagged in shared
 * memory, because the blocked calling thread cannot receive messages.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ParallelJob } from "../../lib/models/learned/parallel-training.js";
import { helperLoop } from "../../lib/models/learned/parallel-training.js";
import { makeBarrier } from "./barrier.js";

const failed = (workerData as { failed: Int32Array }).failed;

parentPort!.on("message", (message: { job: ParallelJob; thread: number }) => {
  const { job, thread } = message;
  try {
    helperLoop(job, thread, makeBarrier(job.sync, job.threads, failed));
  } catch (error) {
    process.stderr.write(`training helper thread ${thread}: ${(error as Error).stack ?? String(error)}\n`);
    Atomics.store(failed, 0, thread);
    Atomics.notify(job.sync, 1);
  }
});

/**
 * A training helper thread: runs helperLoop (learned models), profileBlocksHelperLoop (the profile
 * fit's block updates, a job of kind "profile-blocks"), clvFitsHelper (the CLV fits, kind
 * "clv-fits"), profileFitHelper (a whole profile fit, kind "profile-fit") or compareCellsHelper
 * (evaluation cells' bootstraps, kind "compare-cells"; these three wait for no one) for each job
 * the pool posts (one at a time; the calling thread is blocked in the job's barriers meanwhile). A failure is flagged in shared
 * memory, because the blocked calling thread cannot receive messages.
 *
 * After each job the thread collects its garbage. A job's arrays lie on SharedArrayBuffers, which
 * stay allocated while any thread's heap still holds them; this thread allocates almost nothing of
 * its own, so its heap would not be collected for a long time, and every finished job kept its
 * memory (a two-thread profile fit of 2.29M rows kept about 250 MB after it returned).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import type { HelperJob, ParallelJob } from "../../lib/models/learned/parallel-training.js";
import { helperLoop } from "../../lib/models/learned/parallel-training.js";
import { profileBlocksHelperLoop, type ProfileBlocksJob } from "../../lib/models/profile/parallel-blocks.js";
import { profileFitHelper, type ProfileFitJob } from "../../lib/models/profile/profile-fit-thread.js";
import { clvFitsHelper, type ClvFitsJob } from "../../lib/value/clv-fit-thread.js";
import { compareCellsHelper, type CompareCellsJob } from "../../lib/evaluation/cell-bootstrap-thread.js";
import { makeBarrier } from "./barrier.js";

const failed = (workerData as { failed: Int32Array }).failed;

// V8's gc(), in a context of its own (the flag exposes it to contexts made after it is set)
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

parentPort!.on("message", (message: { job: ParallelJob | HelperJob; thread: number }) => {
  runJob(message);
  // once the handler has returned, nothing here holds the job any more
  setImmediate(collectGarbage);
});

function runJob(message: { job: ParallelJob | HelperJob; thread: number }): void {
  const { job, thread } = message;
  try {
    if ("kind" in job && job.kind === "clv-fits") return clvFitsHelper(job as ClvFitsJob);
    if ("kind" in job && job.kind === "profile-fit") return profileFitHelper(job as ProfileFitJob);
    if ("kind" in job && job.kind === "compare-cells") return compareCellsHelper(job as CompareCellsJob);
    const barrier = makeBarrier(job.sync, job.threads, failed);
    if ("kind" in job && job.kind === "profile-blocks") profileBlocksHelperLoop(job as ProfileBlocksJob, thread, barrier);
    else helperLoop(job as ParallelJob, thread, barrier);
  } catch (error) {
    process.stderr.write(`training helper thread ${thread}: ${(error as Error).stack ?? String(error)}\n`);
    Atomics.store(failed, 0, thread);
    Atomics.notify(job.sync, 1);
  }
}

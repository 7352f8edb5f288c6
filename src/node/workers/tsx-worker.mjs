// Entry of TypeScript worker threads: registers tsx in this thread (the CLI does the same in the
// main thread), then loads the worker module named in workerData.entry. A load failure is flagged
// in workerData.failed, since the thread that waits for this worker may be blocked.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
try {
  await import(workerData.entry);
} catch (error) {
  process.stderr.write(`worker ${workerData.entry}: ${error?.stack ?? String(error)}\n`);
  Atomics.store(workerData.failed, 0, -1);
}

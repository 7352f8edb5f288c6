/**
 * A sweep cell's thread: runs one experiment per message (runParsedExperiment, quietly) and posts
 * back its run folder, run record and metrics record, or the error's message. Its fits run on this
 * one thread (the cells beside it have the other cores), so a cell's numbers are those of a
 * single-threaded fit: the same on every machine, whatever its cores.
 */
import { parentPort } from "node:worker_threads";
import { runParsedExperiment, type RunOptions, type RunResult } from "../run/run-experiment.js";
import type { ExperimentConfig } from "../../lib/config/experiment-config.js";
import { loadTf } from "../tf-backend.js";
import { installTrainThreads } from "./install-train-threads.js";

/** What the sweep posts: one cell. */
export interface CellJob {
  readonly config: ExperimentConfig;
  readonly configPath: string;
  readonly raw: unknown;
  readonly options: RunOptions;
}

/** What the thread posts back. */
export type CellOutcome = { readonly ok: true; readonly result: RunResult } | { readonly ok: false; readonly message: string };

// TensorFlow.js first (it installs helper threads for every core), then one thread for this cell's fits
const ready = loadTf().then(() => installTrainThreads(1));

parentPort!.on("message", (job: CellJob) => {
  void (async () => {
    let outcome: CellOutcome;
    try {
      await ready;
      outcome = { ok: true, result: await runParsedExperiment(job.config, job.configPath, job.raw, job.options) };
    } catch (error) {
      outcome = { ok: false, message: (error as Error).message };
    }
    parentPort!.postMessage(outcome);
  })();
});

/**
 * Sweep cells on worker_threads: one thread per lane, each running one cell at a time
 * (sweep-cell-worker.ts). A thread that dies (its module failed to load, or it crashed) fails the
 * cell it had, with the reason, and is replaced for the next cell.
 */
import { Worker } from "node:worker_threads";
import type { RunResult } from "../run/run-experiment.js";
import type { CellJob, CellOutcome } from "./sweep-cell-worker.js";

/** The lanes' threads. */
export interface CellThreads {
  /** Runs `job` on lane `lane`'s thread; rejects with the cell's error. */
  run(lane: number, job: CellJob): Promise<RunResult>;
  /** Ends every thread. */
  close(): Promise<void>;
}

/** Starts threads lazily, one per lane used. */
export function startCellThreads(): CellThreads {
  const threads = new Map<number, Worker>();
  const spawn = (lane: number): Worker => {
    const worker = new Worker(new URL("./tsx-worker.mjs", import.meta.url), {
      workerData: { entry: new URL("./sweep-cell-worker.ts", import.meta.url).href, failed: new Int32Array(new SharedArrayBuffer(4)) },
    });
    threads.set(lane, worker);
    return worker;
  };
  return {
    run(lane, job) {
      const worker = threads.get(lane) ?? spawn(lane);
      return new Promise<RunResult>((resolve, reject) => {
        const done = (): void => {
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
        };
        const onMessage = (outcome: CellOutcome): void => {
          done();
          if (outcome.ok) resolve(outcome.result);
          else reject(new Error(outcome.message));
        };
        const onError = (error: Error): void => {
          done();
          threads.delete(lane);
          reject(new Error(`the sweep cell's thread failed: ${error.message}`, { cause: error }));
        };
        const onExit = (code: number): void => {
          done();
          threads.delete(lane);
          reject(new Error(`the sweep cell's thread ended (exit code ${code}) before the cell finished; see the message above`));
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        worker.postMessage(job);
      });
    },
    async close() {
      await Promise.all([...threads.values()].map((w) => w.terminate()));
      threads.clear();
    },
  };
}

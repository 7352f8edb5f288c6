/**
 * The CLV fits (BG/NBD, Pareto/NBD, Gamma-Gamma) on a training helper thread, while the calling
 * thread computes the measures that do not need them (context cells, journeys, targeting):
 *
 *   caller: summary columns → shared memory → job "clv-fits" to helper 1 → … other work …
 *           → waits for the done flag → the fits, read back from shared memory (helper-answer.ts)
 *   helper: fitClvParams on the shared columns → JSON of the fits (or of its error) → done flag
 *
 * The fits are pure functions of the columns, so they come out bit for bit as on the calling
 * thread (the answer's JSON reads every double back exactly).
 * The helper does not wait for the caller: a caller that never collects (it threw meanwhile) leaves
 * the helper free for the next job, which starts when this one's fits end.
 * Pure like parallel-training.ts: the threads come from the installed {@link TrainThreads}.
 */
import type { TrainThreads } from "../models/learned/parallel-training.js";
import type { ValueUnit } from "./purchase-log.js";
import { answerChannel, readAnswer, writeAnswer, type AnswerChannel } from "../models/helper-answer.js";
import { shareArray } from "../models/profile/parallel-blocks.js";
import { fitClvHere, fitClvParams, type ClvFitter, type ClvFitData, type ClvParams } from "./clv-fit.js";

/** What the helper thread gets: every typed array on a SharedArrayBuffer. */
export interface ClvFitsJob extends AnswerChannel {
  readonly kind: "clv-fits";
  readonly threads: 2;
  readonly data: ClvFitData;
  readonly unit: ValueUnit;
  readonly sync: Int32Array;
}

/** Fewest summary customers for which the fits go to a helper thread (below, a thread's start costs more than it saves). */
export const CLV_THREAD_MIN_CUSTOMERS = 10_000;

/**
 * The fitter of startClvFit on `runtime`'s helper threads, or null (fit in place) without helpers,
 * on one core, or below CLV_THREAD_MIN_CUSTOMERS customers.
 */
export function clvFitterOn(runtime: TrainThreads | null): ClvFitter {
  if (!runtime || runtime.available < 2) return null;
  return (data, unit) => {
    if (data.frequency.length < CLV_THREAD_MIN_CUSTOMERS) return fitClvHere(data, unit);
    const job: ClvFitsJob = {
      kind: "clv-fits", threads: 2, unit,
      data: { frequency: shareArray(data.frequency), recency: shareArray(data.recency), T: shareArray(data.T), monetary: shareArray(data.monetary) },
      ...answerChannel(),
      sync: new Int32Array(new SharedArrayBuffer(16)),
    };
    runtime.start(job);
    let params: ClvParams | null = null;
    return () => (params ??= readAnswer<ClvParams>(job, "clv fits", runtime.failed));
  };
}

/** The helper thread's side of a "clv-fits" job: fit, write the answer, raise the done flag, return. */
export function clvFitsHelper(job: ClvFitsJob): void {
  writeAnswer(job, "clv fits", () => fitClvParams(job.data, job.unit));
}

/**
 * A profile model's effects fitted on one helper thread while the calling thread does other work (fits
 * another model: the value stage's null refits, src/node/value/run-value.ts):
 *
 *   caller: each grouping's keys and the outcomes → shared memory → job "profile-fit" to one helper
 *           → … other work … → waits for the done flag → the effects from shared memory, the rest
 *           from the answer (helper-answer.ts)
 *   helper: fitEffectsOnKeys on the shared columns, on this thread alone → effects into shared memory,
 *           JSON of the rest (or of its error) → done flag
 *
 * A fit is the same bit for bit on any number of threads (parallel-blocks.ts), so a fit made here is
 * the fit the calling thread would have made.
 * Pure like parallel-training.ts: the threads come from the installed {@link TrainThreads}.
 */
import type { Interactions } from "../../schema/interactions.js";
import type { OutcomeSpec } from "../../schema/outcome.js";
import { answerChannel, readAnswer, writeAnswer, type AnswerChannel } from "../helper-answer.js";
import type { TrainThreads } from "../learned/parallel-training.js";
import { fitEffectsOnKeys, type AdditiveFit, type AdditiveOptions, type EffectsEstimate, type Grouping, type GroupingShape } from "./additive-effects.js";
import { onShared, sharedFloat64, sharedInt32 } from "./parallel-blocks.js";

/** What the helper thread gets: every typed array on a SharedArrayBuffer. */
export interface ProfileFitJob extends AnswerChannel {
  readonly kind: "profile-fit";
  readonly threads: 2;
  /** The helper that runs it (TrainThreads' pool index). */
  readonly helper: number;
  readonly sync: Int32Array;
  readonly groupings: readonly GroupingShape[];
  /** Per grouping: the key of each row. */
  readonly keys: readonly Int32Array[];
  readonly outcome: Float64Array;
  readonly outcomeSpec: OutcomeSpec;
  /** The fit's options (threads: the helper's own thread only). */
  readonly options: AdditiveOptions;
  /** Per grouping: its effects, written by the helper. */
  readonly effects: readonly Float64Array[];
}

/**
 * Starts fitAdditiveEffects(train, groupings, options) on helper `helper` of `runtime` (on that
 * thread alone) and returns what waits for it and gives the fit.
 * @throws (the returned function) the fit's error, or Error when the helper thread failed
 */
export function startEffectsFit(runtime: TrainThreads, helper: number, train: Interactions, groupings: readonly Grouping[], options: AdditiveOptions): () => AdditiveFit {
  const job: ProfileFitJob = {
    kind: "profile-fit", threads: 2, helper,
    sync: new Int32Array(new SharedArrayBuffer(16)),
    ...answerChannel(),
    groupings: groupings.map(({ name, size, nestedIn, fixed }) => ({ name, size, ...(nestedIn !== undefined ? { nestedIn } : {}), ...(fixed !== undefined ? { fixed } : {}) })),
    keys: groupings.map((g) => onShared(g.keys(train, sharedInt32))),
    outcome: onShared(train.outcome),
    outcomeSpec: train.outcomeSpec,
    options: { ...options, threads: 1 },
    effects: groupings.map((g) => sharedFloat64(g.size)),
  };
  runtime.start(job);
  let fit: AdditiveFit | null = null;
  return () => {
    if (!fit) {
      const rest = readAnswer<Omit<EffectsEstimate, "effects">>(job, "profile fit", runtime.failed);
      fit = { ...rest, effects: job.effects, groupings };
    }
    return fit;
  };
}

/** The helper thread's side of a "profile-fit" job: fit, write the effects and the answer, raise the done flag, return. */
export function profileFitHelper(job: ProfileFitJob): void {
  writeAnswer(job, "profile fit", () => {
    const { effects, ...rest } = fitEffectsOnKeys(job.keys, job.outcome, job.outcomeSpec, job.groupings, job.options);
    effects.forEach((e, g) => job.effects[g]!.set(e));
    return rest;
  });
}

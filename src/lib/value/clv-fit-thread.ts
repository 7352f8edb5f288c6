/**
 * The CLV fits (BG/NBD, Pareto/NBD, Gamma-Gamma) on a training helper thread, while the calling
 * thread computes the measures that do not need them (context cells, permutations, value by
 * context, breadth):
 *
 *   caller: summary columns → shared memory → job "clv-fits" to helper 1 → … other work …
 *           → waits for the done flag → the fits, read back from shared memory
 *   helper: fitClvParams on the shared columns → JSON of the fits (or of its error) → done flag
 *
 * The fits are pure functions of the columns, so they come out bit for bit as on the calling
 * thread (JSON writes every double so that it reads back exactly; non-finite numbers are tagged).
 * The helper does not wait for the caller: a caller that never collects (it threw meanwhile) leaves
 * the helper free for the next job, which starts when this one's fits end.
 * Pure like parallel-training.ts: the threads come from the installed {@link TrainThreads}.
 */
import type { TrainThreads } from "../models/learned/parallel-training.js";
import type { ValueUnit } from "./purchase-log.js";
import { shareArray } from "../models/profile/parallel-blocks.js";
import { fitClvHere, fitClvParams, type ClvFitter, type ClvFitData, type ClvParams } from "./clv-fit.js";

/** What the helper thread gets: every typed array on a SharedArrayBuffer. */
export interface ClvFitsJob {
  readonly kind: "clv-fits";
  readonly threads: 2;
  readonly data: ClvFitData;
  readonly unit: ValueUnit;
  /** [done (0, then 1), byte length of the answer]. */
  readonly done: Int32Array;
  /** The answer: UTF-8 JSON of { params } or { error: { name, message } }. */
  readonly answer: Uint8Array;
  readonly sync: Int32Array;
}

/** Fewest summary customers for which the fits go to a helper thread (below, a thread's start costs more than it saves). */
export const CLV_THREAD_MIN_CUSTOMERS = 10_000;

const ANSWER_BYTES = 1 << 16;

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
      done: new Int32Array(new SharedArrayBuffer(8)),
      answer: new Uint8Array(new SharedArrayBuffer(ANSWER_BYTES)),
      sync: new Int32Array(new SharedArrayBuffer(16)),
    };
    runtime.start(job);
    let read: { params?: ClvParams; error?: { name: string; message: string } } | null = null;
    return () => {
      if (!read) {
        while (Atomics.load(job.done, 0) === 0) {
          if (runtime.failed?.()) throw new Error("clv fits: the helper thread failed (see its error above)");
          Atomics.wait(job.done, 0, 0, 1000);
        }
        read = JSON.parse(new TextDecoder().decode(job.answer.slice(0, job.done[1]!)), revive) as NonNullable<typeof read>;
      }
      if (read.error) throw read.error.name === "RangeError" ? new RangeError(read.error.message) : new Error(read.error.message);
      return read.params!;
    };
  };
}

/** The helper thread's side of a "clv-fits" job: fit, write the answer, raise the done flag, return. */
export function clvFitsHelper(job: ClvFitsJob): void {
  let text: string;
  try {
    text = JSON.stringify({ params: fitClvParams(job.data, job.unit) }, tag);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    text = JSON.stringify({ error: { name: e.name, message: e.message } });
  }
  let bytes = new TextEncoder().encode(text);
  if (bytes.length > job.answer.length) bytes = new TextEncoder().encode(JSON.stringify({ error: { name: "Error", message: `clv fits: the answer (${bytes.length} bytes) does not fit the ${job.answer.length}-byte buffer` } }));
  job.answer.set(bytes);
  job.done[1] = bytes.length;
  Atomics.store(job.done, 0, 1);
  Atomics.notify(job.done, 0);
}

/** JSON keeps finite doubles exactly; ±Infinity and NaN travel as tagged strings. */
function tag(_key: string, v: unknown): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? { nonFinite: String(v) } : v;
}

function revive(_key: string, v: unknown): unknown {
  return v !== null && typeof v === "object" && "nonFinite" in v && Object.keys(v).length === 1 ? Number((v as { nonFinite: string }).nonFinite) : v;
}

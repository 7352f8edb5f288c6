/**
 * The evaluation cells' bootstraps on two threads: the calling thread and one helper thread work
 * through one queue of cells, each claiming the next cell when it is free (cells differ in size, so
 * a fixed split would leave one thread waiting):
 *
 *   caller: columns, cells' rows → shared memory → job "compare-cells" to helper 0
 *           → claims and bootstraps cells itself → waits for the done flag → the helper's cells:
 *             resampled differences from shared memory, the rest from the answer (helper-answer.ts)
 *   helper: claims and bootstraps cells (queuedCell: bootstraps, then the scored models' metrics)
 *           → differences into shared memory, JSON of the rest (or of its error) → done flag
 *
 * A cell is a pure function of the columns and its rows (the same seed in every cell), and the
 * answer's JSON reads every double back exactly, so the comparison is the same bit for bit whichever
 * thread took which cell. Without helper threads the queue is a plain counter on this thread.
 * Pure like parallel-training.ts: the threads come from the installed {@link TrainThreads}.
 */
import type { MetricName } from "./metric-names.js";
import { answerChannel, readAnswer, writeAnswer, type AnswerChannel } from "../models/helper-answer.js";
import type { TrainThreads } from "../models/learned/parallel-training.js";
import { shareArray, sharedFloat64 } from "../models/profile/parallel-blocks.js";
import { BootstrapDistribution } from "../stats/bootstrap-inference.js";
import { UndefinedMetricError, type PairedBootstrapResult } from "../stats/paired-bootstrap.js";
import { queuedCell, type CellBootstrapOptions, type CellScoring, type CellTarget, type CompareColumns } from "./cell-bootstrap.js";

/** What the helper thread gets: every typed array on a SharedArrayBuffer. */
export interface CompareCellsJob extends AnswerChannel {
  readonly kind: "compare-cells";
  readonly threads: 2;
  readonly helper: number;
  readonly sync: Int32Array;
  readonly columns: CompareColumns;
  /** The cells' rows one after another: cell k is rows[start[k] .. start[k + 1]). */
  readonly rows: Int32Array;
  readonly start: Int32Array;
  readonly targets: readonly CellTarget[];
  readonly options: CellBootstrapOptions;
  /** The models (indices into columns.models) and metrics scored on each cell beside the bootstraps. */
  readonly score: CellScoring;
  /** [next cell to claim, cells finished]: both threads take cells with Atomics.add. */
  readonly queue: Int32Array;
  /** The helper's resampled differences: cell k, target t at ((k · targets) + t) · resamples. */
  readonly sorted: Float64Array;
}

/** One cell's bootstraps, and the model metrics on the cell computed for them and for scoring. */
export interface CellOutcome {
  /** Per target: its result, or the error saying the metric is undefined on the cell. */
  readonly results: readonly (PairedBootstrapResult | UndefinedMetricError)[];
  /** [model index, metric, value] of every estimate the cell computed. */
  readonly estimates: readonly (readonly [number, MetricName, number | null])[];
}

/** The queue of cells both threads work through. */
export interface CellQueue {
  /** The next cell for the calling thread, or −1 when none is left. */
  claim(): number;
  /** Marks one of the calling thread's cells done; returns the cells done by both threads. */
  done(): number;
  /** Waits for the helper and returns the outcomes of the cells it took (none without a helper). */
  collect(): Map<number, CellOutcome>;
}

/** Fewest test rows from which the cells go to two threads (below, a thread's start costs more than it saves). */
export const CELL_THREADS_MIN_ROWS = 100_000;

/**
 * Starts the queue of `cells` (rows of each), with a helper thread from `runtime` where there is
 * one to spare, and at least `minRows` test rows and two cells.
 * @throws (collect) the helper's error, or Error when the helper thread failed
 */
export function startCellQueue(
  runtime: TrainThreads | null,
  columns: CompareColumns,
  cells: readonly Int32Array[],
  targets: readonly CellTarget[],
  options: CellBootstrapOptions,
  score: CellScoring,
  minRows = CELL_THREADS_MIN_ROWS,
): CellQueue {
  if (!runtime || runtime.available < 2 || cells.length < 2 || columns.outcome.length < minRows) {
    let next = 0, finished = 0;
    return { claim: () => (next < cells.length ? next++ : -1), done: () => ++finished, collect: () => new Map() };
  }
  const start = new Int32Array(new SharedArrayBuffer(4 * (cells.length + 1)));
  cells.forEach((c, k) => (start[k + 1] = start[k]! + c.length));
  const rows = new Int32Array(new SharedArrayBuffer(Math.max(8, 4 * start[cells.length]!)));
  cells.forEach((c, k) => rows.set(c, start[k]!));
  const job: CompareCellsJob = {
    kind: "compare-cells", threads: 2, helper: 0,
    sync: new Int32Array(new SharedArrayBuffer(16)),
    // per cell: each target's result (about 250 bytes of JSON, 400 with BCa's fallback note) and each
    // model's metrics (about 40 bytes each)
    ...answerChannel(4096 + cells.length * (targets.length * 768 + columns.models.length * (8 + score.metrics.length) * 64)),
    columns: {
      outcome: shareArray(columns.outcome),
      customer: shareArray(columns.customer),
      models: columns.models.map((p) => shareArray(p)),
      ties: columns.ties.map((t) => (t ? { tie: shareArray(t.tie), ties: t.ties } : null)),
    },
    rows, start, targets, options, score,
    queue: new Int32Array(new SharedArrayBuffer(8)),
    sorted: sharedFloat64(cells.length * targets.length * options.resamples),
  };
  runtime.start(job);
  const { queue } = job;
  return {
    claim: () => {
      const k = Atomics.add(queue, 0, 1);
      return k < cells.length ? k : -1;
    },
    done: () => Atomics.add(queue, 1, 1) + 1,
    collect: () => {
      const answer = readAnswer<EncodedCell[]>(job, "evaluation cells", runtime.failed);
      return new Map(answer.map((cell) => [cell.cell, decodeCell(cell, job)]));
    },
  };
}

/** The helper thread's side of a "compare-cells" job: bootstrap cells until none is left, write the answer, return. */
export function compareCellsHelper(job: CompareCellsJob): void {
  writeAnswer(job, "evaluation cells", () => {
    const out: EncodedCell[] = [];
    const cells = job.start.length - 1;
    for (let k = Atomics.add(job.queue, 0, 1); k < cells; k = Atomics.add(job.queue, 0, 1)) {
      const rows = job.rows.subarray(job.start[k]!, job.start[k + 1]!);
      // each (model, metric) once: a compared model's metrics serve its bootstraps and its scoring
      const known = new Map<string, number | null>();
      const estimates: [number, MetricName, number | null][] = [];
      const results = queuedCell(job.columns, rows, job.targets, job.options, job.score, (metric, model, compute) => {
        const key = `${model} ${metric}`;
        if (!known.has(key)) {
          const value = compute();
          known.set(key, value);
          estimates.push([model, metric, value]);
        }
        return known.get(key)!;
      });
      out.push({ cell: k, estimates, results: results.map((r, t) => encodeResult(r, job, k, t)) });
      Atomics.add(job.queue, 1, 1);
    }
    return out;
  });
}

type EncodedResult =
  | { readonly error: string }
  | (Omit<PairedBootstrapResult, "distribution"> & { readonly bca: { readonly z0: number; readonly acc: number } | null });

interface EncodedCell {
  readonly cell: number;
  readonly estimates: CellOutcome["estimates"];
  readonly results: readonly EncodedResult[];
}

function slot(job: CompareCellsJob, cell: number, target: number, length: number): Float64Array {
  const at = (cell * job.targets.length + target) * job.options.resamples;
  return job.sorted.subarray(at, at + length);
}

function encodeResult(r: PairedBootstrapResult | UndefinedMetricError, job: CompareCellsJob, cell: number, target: number): EncodedResult {
  if (r instanceof UndefinedMetricError) return { error: r.message };
  const { distribution, ...rest } = r;
  slot(job, cell, target, distribution.sorted.length).set(distribution.sorted);
  return { ...rest, bca: distribution.bca };
}

function decodeCell(cell: EncodedCell, job: CompareCellsJob): CellOutcome {
  return {
    estimates: cell.estimates,
    results: cell.results.map((r, t) => {
      if ("error" in r) return new UndefinedMetricError(r.error);
      const { bca, ...rest } = r;
      const sorted = slot(job, cell.cell, t, rest.resamples).slice();
      return { ...rest, distribution: new BootstrapDistribution(sorted, rest.estimate, rest.method, rest.fallback ?? null, bca) };
    }),
  };
}

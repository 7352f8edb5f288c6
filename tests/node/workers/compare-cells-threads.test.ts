import { afterAll, describe, expect, it } from "vitest";
import { compareModelPairs, scoreModels, type ScoredModel } from "../../../src/lib/evaluation/evaluate.js";
import { TestSetMemo } from "../../../src/lib/evaluation/test-set-memo.js";
import { metricsFor } from "../../../src/lib/evaluation/metric-names.js";
import type { CompareCellsJob } from "../../../src/lib/evaluation/cell-bootstrap-thread.js";
import { setTrainThreads, type HelperJob, type ParallelJob, type TrainThreads } from "../../../src/lib/models/learned/parallel-training.js";
import { createRng } from "../../../src/lib/random/rng.js";
import { nodeTrainThreads } from "../../../src/node/workers/train-threads.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

// The evaluation cells' bootstraps shared with a helper thread (cell-bootstrap-thread.ts): the same
// comparisons bit for bit as on the calling thread alone, whichever thread took which cell, and the
// model metrics the helper computed serve scoreModels as its own would.

const rng = createRng(21);
const n = 6000;
const customer = Array.from({ length: n }, (_, i) => `c${(i * 7919) % 400}`);
const dims = { place: ["home", "work", "away", "road"], mood: ["calm", "rushed", "bored"] };
const contexts = Object.fromEntries(Object.entries(dims).map(([d, levels]) => [d, Array.from({ length: n }, () => levels[rng.int(levels.length)]!)]));
const outcome = Array.from({ length: n }, (_, i) => (rng.next() < (contexts.place![i] === "work" ? 0.6 : 0.3) ? 1 : 0));
const test = makeInteractions({ customer, item: Array.from({ length: n }, () => "x"), outcome, contexts });
const model = (name: string, family: "irm" | "crm", noise: number): ScoredModel => ({
  name, family,
  predictions: Float64Array.from(outcome, (y, i) => Math.min(0.95, Math.max(0.05, 0.3 + 0.3 * y * (contexts.place![i] === "work" ? 1 : 0.5) + noise * (rng.next() - 0.5)))),
});
const irm = model("irm", "irm", 0.4), crm = model("crm", "crm", 0.6), other = model("other", "crm", 0.8);
// scored but in no pair (as the oracle and global-mean of a run)
const outside = model("outside", "crm", 0.1);
const all = [irm, crm, other, outside];
// a segment column with one small cell (sign flips, kept on the calling thread) and two large ones
const segments = [{ name: "history", levels: ["few", "some", "many"], codes: Int32Array.from(customer, (c) => { const k = Number(c.slice(1)); return k < 30 ? 0 : k < 200 ? 1 : 2; }) }];
const options = { metrics: ["logLoss", "auc", "brier"] as const, resamples: 150, level: 0.95, seed: 3, segments, minCustomers: 10 };
const pairs = [[irm, crm], [irm, other]] as const;

/** The Node pool, keeping the "compare-cells" jobs it starts. */
function recorded(): { runtime: TrainThreads; jobs: CompareCellsJob[] } {
  const inner = nodeTrainThreads(2);
  const jobs: CompareCellsJob[] = [];
  return {
    runtime: { available: inner.available, failed: inner.failed, start: (job: ParallelJob | HelperJob) => ("kind" in job && job.kind === "compare-cells" && jobs.push(job as CompareCellsJob), inner.start(job)) },
    jobs,
  };
}

/** Cells the helper answered for. */
function helperCells(job: CompareCellsJob): number {
  return (JSON.parse(new TextDecoder().decode(job.answer.slice(0, job.done[1]!))) as { value: unknown[] }).value.length;
}

afterAll(() => setTrainThreads(null));

describe("evaluation cells on a helper thread", () => {
  it("gives the comparisons of the calling thread alone, bit for bit, and scoreModels the same metrics", () => {
    setTrainThreads(null);
    const alone = compareModelPairs(test, pairs, { ...options, metrics: [...options.metrics] });
    const { runtime, jobs } = recorded();
    setTrainThreads(runtime);
    // twice: the first call starts the helper thread, which may join late; the second finds it ready
    for (let round = 0; round < 2; round++) {
      const memo = new TestSetMemo(test);
      const fractions: number[] = [];
      const alsoScore = { models: all.map((m) => m.predictions), metrics: metricsFor("binary") };
      const shared = compareModelPairs(test, pairs, { ...options, metrics: [...options.metrics], memo, alsoScore, cellThreadsFrom: 0, onProgress: (f) => fractions.push(f) });
      expect(shared).toEqual(alone);
      expect(fractions.at(-1)).toBe(1);
      expect(scoreModels(test, all, { segments, memo })).toEqual(scoreModels(test, all, { segments }));
    }
    expect(jobs.length).toBe(2);
    // 7 context cells and 2 large segment cells are queued (the small one takes sign flips here)
    expect(jobs[1]!.start.length - 1).toBe(9);
    expect(helperCells(jobs[1]!)).toBeGreaterThan(0);
  });

  it("throws a scored model's invalid prediction as on the calling thread alone, whichever thread met it", () => {
    const broken = { ...outside, predictions: outside.predictions.map((p, i) => (i === n - 1 ? NaN : p)) };
    const alsoScore = { models: [...all, broken].map((m) => m.predictions), metrics: metricsFor("binary") };
    const run = () => compareModelPairs(test, pairs, { ...options, metrics: [...options.metrics], alsoScore, cellThreadsFrom: 0 });
    setTrainThreads(null);
    expect(run).toThrow(RangeError);
    const message = (() => { try { run(); } catch (e) { return (e as Error).message; } })();
    // found on all test rows first, so the row named is the test row
    expect(message).toMatch(new RegExp(`scores\\[${n - 1}\\] must be a finite number`));
    setTrainThreads(recorded().runtime);
    expect(run).toThrow(message);
    expect(run).toThrow(RangeError);
  });

  it("keeps every cell on the calling thread below cellThreadsFrom test rows", () => {
    const { runtime, jobs } = recorded();
    setTrainThreads(runtime);
    compareModelPairs(test, pairs, { ...options, metrics: [...options.metrics], cellThreadsFrom: n + 1 });
    expect(jobs.length).toBe(0);
  });
});

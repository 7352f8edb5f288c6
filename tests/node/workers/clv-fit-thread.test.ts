import { describe, expect, it } from "vitest";
import type { HelperJob, ParallelJob, TrainThreads } from "../../../src/lib/models/learned/parallel-training.js";
import { fitClvParams, type ClvFitData } from "../../../src/lib/value/clv-fit.js";
import { CLV_THREAD_MIN_CUSTOMERS, clvFitterOn } from "../../../src/lib/value/clv-fit-thread.js";
import { createRng } from "../../../src/lib/random/rng.js";
import { nodeTrainThreads } from "../../../src/node/workers/train-threads.js";

// The CLV fits on a helper thread (clv-fit-thread.ts) while the caller works: the same fits bit
// for bit as on the calling thread, and the helper's errors come back with their class and message.

/** x, t_x, T, m_x of n customers. */
function summary(n: number, seed: number): ClvFitData {
  const rng = createRng(seed);
  const frequency = new Float64Array(n), recency = new Float64Array(n), T = new Float64Array(n), monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // whole weeks and four cohorts, so that the fits' compression keeps them quick
    T[i] = [20, 30, 40, 52][rng.int(4)]!;
    frequency[i] = rng.next() < 0.4 ? 0 : 1 + rng.int(5);
    recency[i] = frequency[i]! > 0 ? Math.max(frequency[i]!, T[i]! - rng.int(T[i]!)) : 0;
    monetary[i] = frequency[i]! > 0 ? 5 + 40 * rng.next() : 0;
  }
  return { frequency, recency, T, monetary };
}

/** The Node pool, counting the "clv-fits" jobs it starts. */
function counted(): { runtime: TrainThreads; jobs: () => number } {
  const inner = nodeTrainThreads(2);
  let jobs = 0;
  return {
    runtime: { available: inner.available, start: (job: ParallelJob | HelperJob) => ((jobs += "kind" in job && job.kind === "clv-fits" ? 1 : 0), inner.start(job)) },
    jobs: () => jobs,
  };
}

describe("CLV fits on a helper thread", () => {
  it("fit on the helper, exactly as on the calling thread", () => {
    const data = summary(CLV_THREAD_MIN_CUSTOMERS + 500, 4);
    const { runtime, jobs } = counted();
    const wait = clvFitterOn(runtime)!(data, "currency");
    expect(jobs()).toBe(1);
    const here = fitClvParams(data, "currency");
    expect(wait()).toEqual(here);
    expect(wait().gammaGamma).not.toBeNull();
  });

  it("stay on the calling thread below the threshold, on one core, or without helpers", () => {
    const { runtime, jobs } = counted();
    const small = summary(300, 5);
    expect(clvFitterOn(runtime)!(small, "purchases")()).toEqual(fitClvParams(small, "purchases"));
    expect(jobs()).toBe(0);
    expect(clvFitterOn(null)).toBeNull();
    expect(clvFitterOn({ ...runtime, available: 1 })).toBeNull();
  });

  it("bring the helper's error back with its class and message", () => {
    const data = summary(CLV_THREAD_MIN_CUSTOMERS, 6);
    data.frequency[17] = -1;
    let inPlace: unknown;
    try {
      fitClvParams(data, "currency");
    } catch (error) {
      inPlace = error;
    }
    expect(inPlace).toBeInstanceOf(RangeError);
    const { runtime, jobs } = counted();
    const wait = clvFitterOn(runtime)!(data, "currency");
    expect(jobs()).toBe(1);
    expect(() => wait()).toThrow(RangeError);
    expect(() => wait()).toThrow((inPlace as Error).message);
  });
});

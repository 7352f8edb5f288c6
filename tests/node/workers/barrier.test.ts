import { describe, expect, it } from "vitest";
import { HelperThreadError, makeBarrier } from "../../../src/node/workers/barrier.js";
import { nodeTrainThreads } from "../../../src/node/workers/train-threads.js";
import type { ParallelJob } from "../../../src/lib/models/learned/parallel-training.js";

const shared = (n: number) => new Int32Array(new SharedArrayBuffer(4 * n));

describe("barrier", () => {
  it("lets a single party through at once, any number of times", () => {
    const state = shared(2);
    const barrier = makeBarrier(state, 1, shared(1));
    for (let k = 0; k < 3; k++) barrier();
    expect(Array.from(state)).toEqual([0, 3]);
  });

  it("throws instead of waiting forever when a helper thread failed", () => {
    const failed = shared(1);
    Atomics.store(failed, 0, 1);
    expect(() => makeBarrier(shared(2), 2, failed, 10)()).toThrowError(HelperThreadError);
  });

  it("a helper that throws on its job makes the calling thread's barrier throw, and later jobs are refused", () => {
    const runtime = nodeTrainThreads(2);
    // no tables: the helper fails building its view of the job
    const job = { threads: 2, arch: "fm", layout: { customers: 1, items: 1, contexts: [] }, shape: { dim: 1, personas: 0, customerGate: false }, tables: [], sync: shared(4) } as unknown as ParallelJob;
    const barrier = runtime.start(job);
    expect(() => barrier()).toThrowError(/helper thread 1 failed/);
    expect(() => runtime.start(job)).toThrowError(/a helper thread failed earlier/);
  });
});

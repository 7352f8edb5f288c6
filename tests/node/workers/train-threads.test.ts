import { beforeAll, describe, expect, it } from "vitest";
import { loadTf } from "../../../src/node/tf-backend.js";
import { installTrainThreads } from "../../../src/node/workers/install-train-threads.js";
import { makeBenchData } from "../../../src/node/bench/bench-data.js";
import { LEARNED_MODELS } from "../../../src/lib/models/learned/definitions.js";
import type { LearnedModel } from "../../../src/lib/models/learned/learned-model.js";
import { setTrainThreads } from "../../../src/lib/models/learned/parallel-training.js";
import { threadCount } from "../../../src/lib/models/learned/train.js";

// Data-parallel training on worker_threads: reproducible for a given thread count, and as good
// as one thread (the same objective up to the order of float sums).

const data = makeBenchData({ rows: 12_000, customers: 1_500, items: 150, seed: 3 });

function weights(m: LearnedModel): Record<string, number[]> {
  return Object.fromEntries(Object.entries(m.variables).map(([k, v]) => [k, Array.from(v.dataSync())]));
}

function fit(name: string, threads: number) {
  const def = LEARNED_MODELS.find((d) => d.name === name)!;
  const m = def.fit(data, { seed: 5, params: { dim: 8, epochs: 3, batchSize: 256, threads } });
  const out = { weights: weights(m), training: m.describe() };
  m.dispose();
  return out;
}

describe("data-parallel training", () => {
  beforeAll(async () => {
    await loadTf();
    installTrainThreads(2);
  });

  for (const name of ["mf", "fm", "camf", "multi-persona"]) {
    it(`${name}: the same seed and thread count give identical weights; 2 threads fit like 1`, () => {
      const a = fit(name, 2), b = fit(name, 2), one = fit(name, 1);
      expect(a.training.threads).toBe(2);
      expect(one.training.threads).toBe(1);
      expect(b.weights).toEqual(a.weights);
      // the parallel path really ran: gradients summed in another order move the weights a little
      expect(a.weights).not.toEqual(one.weights);
      const objA = a.training.trainObjective as number[], objOne = one.training.trainObjective as number[];
      expect(objA).toHaveLength(objOne.length);
      for (const [e, o] of objOne.entries()) expect(Math.abs(objA[e]! - o)).toBeLessThan(1e-4 * Math.abs(o));
      expect(a.training.bestEpoch).toBe(one.training.bestEpoch);
    });
  }

  it("threads 0 means every core from 100,000 training rows, one below; 1 without helper threads", () => {
    expect(threadCount(0, 99_999)).toBe(1);
    expect(threadCount(0, 100_000)).toBe(2);
    expect(threadCount(3, 10)).toBe(3);
    setTrainThreads(null);
    expect(threadCount(0, 1_000_000)).toBe(1);
    expect(threadCount(2, 1_000_000)).toBe(1);
    installTrainThreads(2);
  });
});

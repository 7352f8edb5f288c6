import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeBenchData } from "../../../src/node/bench/bench-data.js";
import { referenceFmEpoch } from "../../../src/node/bench/reference-fm.js";
import { runBench } from "../../../src/node/bench/run-bench.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const SMALL = { rows: 4000, customers: 200, items: 40, contextDims: 2, levels: 3, seed: 1 };

describe("run-bench", () => {
  it("generates the same benchmark data for the same seed, and other data for another seed", () => {
    const a = makeBenchData(SMALL), b = makeBenchData(SMALL), c = makeBenchData({ ...SMALL, seed: 2 });
    expect(b.customer).toEqual(a.customer);
    expect(b.outcome).toEqual(a.outcome);
    expect(b.contexts[1]!.codes).toEqual(a.contexts[1]!.codes);
    expect(c.outcome).not.toEqual(a.outcome);
    const positives = a.outcome.reduce((s, y) => s + y, 0) / a.size;
    expect(positives).toBeGreaterThan(0.2);
    expect(positives).toBeLessThan(0.8);
  });

  it("rejects bad sizes with the name and the value", () => {
    expect(() => makeBenchData({ rows: 0 })).toThrowError(/bench data: rows must be a positive integer, got 0/);
  });

  it("the reference FM learns the signal in one epoch", () => {
    const data = makeBenchData({ ...SMALL, rows: 40_000 });
    const ref = referenceFmEpoch(data, 8, () => performance.now());
    const p = data.outcome.reduce((s, y) => s + y, 0) / data.size;
    const constant = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    expect(ref.logLoss).toBeLessThan(constant - 0.01);
  });

  it("reports every requested model with positive throughputs and the reference", async () => {
    const report = await runBench({ ...SMALL, dim: 4, batchSize: 256, models: ["mf", "multi-persona"], stockBatches: 1, stockBatchSize: 16, threads: 2 });
    expect(report.models.map((m) => m.model)).toEqual(["mf", "multi-persona"]);
    expect(report.threads).toBe(2);
    expect(report.loadAverage.start).toHaveLength(3);
    expect(report.sklearn).toBeNull();
    for (const m of report.models) {
      expect(m.rowsPerSecond).toBeGreaterThan(0);
      expect(m.parallelRowsPerSecond).toBeGreaterThan(0);
      expect(m.stockRowsPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(m.trainLogLoss)).toBe(true);
    }
    expect(report.reference.rowsPerSecond).toBeGreaterThan(0);
    expect(report.data).toMatchObject({ rows: 4000, customers: 200, items: 40 });
  });

  it("names an unknown model", async () => {
    await expect(runBench({ ...SMALL, dim: 4, batchSize: 256, models: ["svd"], stockBatches: 0, stockBatchSize: 16 })).rejects.toThrowError(/bench: unknown model "svd"; models are mf, fm, camf, multi-persona/);
  });
});

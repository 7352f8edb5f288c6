import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parquetPopulation } from "../../../src/node/bench/parquet-population.js";
import { runPipelineBench } from "../../../src/node/bench/pipeline-bench.js";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";
import { generatePopulation } from "../../../src/lib/synthetic/generate-population.js";
import type { SyntheticOptions } from "../../../src/lib/synthetic/synthetic-options.js";
import { createRng } from "../../../src/lib/random/rng.js";

const root = mkdtempSync(join(tmpdir(), "irmlab-parquet-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pipeline bench from Parquet", () => {
  it("the Parquet round trip, read through the descriptor ingest, gives the generated interactions, row for row", async () => {
    const options = { customers: 60, contextStrength: 1, seed: 4 } as unknown as SyntheticOptions;
    const made = await parquetPopulation(options, root);
    expect(made.seconds).toBeGreaterThan(0);
    const again = await parquetPopulation(options, root);
    expect(again.seconds).toBe(0);
    const { data: read, report } = await readDataset(join(made.folder, "dataset.yaml"));
    expect(report.format).toBe("parquet");
    expect(report.rowsRejected).toBe(0);
    const truth = generatePopulation(options, createRng(4)).interactions;
    expect(read.size).toBe(truth.size);
    const ids = (d: typeof read, col: "customer" | "item") => Array.from(d[col], (c) => (col === "customer" ? d.customerIds : d.itemIds)[c]);
    expect(ids(read, "customer")).toEqual(ids(truth, "customer"));
    expect(ids(read, "item")).toEqual(ids(truth, "item"));
    expect(read.outcome).toEqual(truth.outcome);
    expect(read.timestamp).toEqual(truth.timestamp);
    expect(read.value).toEqual(truth.value);
    expect(read.truth).toEqual(truth.truth);
    for (const [j, c] of truth.contexts.entries()) {
      expect(read.contexts[j]!.name).toBe(c.name);
      expect(Array.from(read.contexts[j]!.codes, (k) => read.contexts[j]!.levels[k])).toEqual(Array.from(c.codes, (k) => c.levels[k]));
    }
  });

  it("times ingest, split, every fit, evaluate and value (its refits, the targeting null's refits, the measures)", async () => {
    const report = await runPipelineBench({ customers: 300, seed: 4, resamples: 50, fromParquet: true, parquetRoot: root, models: ["popularity", "context-profile", "customer-profile", "mf"] });
    const stages = report.stages.map((s) => s.stage);
    expect(stages.filter((s) => s !== "generate+parquet (once)")[0]).toBe("ingest (parquet)");
    for (const s of ["split", "fit:mf", "fit:context-profile", "evaluate", "value: calibration fits + 5 null refits", "value: measures"]) expect(stages).toContain(s);
    // the peak RSS after each stage never falls, and the report's peak is the last one
    const peaks = report.stages.filter((s) => s.peakRssMb !== undefined).map((s) => s.peakRssMb!);
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThanOrEqual(peaks[i - 1]!);
    expect(report.peakRssMb).toBeGreaterThanOrEqual(peaks.at(-1)!);
    expect(report.source).toMatch(/bench-parquet-c300-s4\/interactions\.parquet$/);
    expect(report.rows).toBeGreaterThan(0);
    expect(report.trainRows + report.testRows).toBeLessThanOrEqual(report.rows);
    // CPU seconds per stage: every stage that did work used some, and the total covers the stages
    for (const s of report.stages) expect(s.cpuSeconds).toBeGreaterThanOrEqual(0);
    expect(report.stages.find((s) => s.stage === "evaluate")!.cpuSeconds).toBeGreaterThan(0);
    const summed = report.stages.filter((s) => s.stage !== "generate+parquet (once)").reduce((a, s) => a + s.cpuSeconds, 0);
    expect(report.totalCpuSeconds).toBeGreaterThanOrEqual(summed * 0.99);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { fitSideBySide, type FitJob } from "../../../src/lib/models/fit-side-by-side.js";
import type { HelperJob, ParallelJob } from "../../../src/lib/models/learned/parallel-training.js";
import { setTrainThreads } from "../../../src/lib/models/learned/parallel-training.js";
import type { ModelDefinition } from "../../../src/lib/models/model.js";
import { getModel } from "../../../src/lib/models/registry.js";
import { takeRows } from "../../../src/lib/schema/interactions.js";
import { nodeTrainThreads } from "../../../src/node/workers/train-threads.js";
import { SCENARIOS, simulateComponents } from "../../fixtures/variance/simulate-components.js";

// fitSideBySide pairs profile-model jobs in order (skipping other models), puts the later one of each
// pair on a helper thread, and returns every model in the jobs' order, as fitted one after another.

/** A model that is not a profile model (it must run here, alone): predicts its row count's parity. */
const constant: ModelDefinition = {
  name: "constant", family: "crm", description: "test", outcomeTypes: ["binary", "rating", "amount"],
  fit: (train) => ({ predict: (rows) => new Float64Array(rows.size).fill(0.25 + (train.size % 2) / 2), describe: () => ({}) }),
};

describe("fitSideBySide", () => {
  let helperFits = 0;
  beforeAll(() => {
    const inner = nodeTrainThreads(2);
    setTrainThreads({ ...inner, start: (job: ParallelJob | HelperJob) => ((helperFits += "kind" in job && job.kind === "profile-fit" ? 1 : 0), inner.start(job)) });
  });

  it("pairs profile fits in order, leaves other models alone, and returns the models of fits one after another", async () => {
    const data = simulateComponents(SCENARIOS.find((s) => s.name === "binary-cc0.6")!);
    const half = (from: number) => takeRows(data, Int32Array.from({ length: Math.floor(data.size / 2) }, (_, i) => from + i));
    const cp = getModel("context-profile");
    let made = 0;
    const job = (definition: ModelDefinition, from: number): FitJob => ({ definition, rows: () => (made++, half(from)), options: { seed: 1 } });
    const jobs = [job(cp, 0), job(constant, 1), job(cp, 7), job(getModel("customer-profile"), 3), job(cp, 11)];
    helperFits = 0;
    const apart = await fitSideBySide(jobs, Infinity);
    expect(helperFits).toBe(0);
    made = 0;
    const paired = await fitSideBySide(jobs, 0);
    // (job 0, job 2) and (job 3, job 4) pair; job 1 is not a profile model; each job's rows made once
    expect(helperFits).toBe(2);
    expect(made).toBe(jobs.length);
    expect(paired.map((m) => m.definition.name)).toEqual(jobs.map((j) => j.definition.name));
    paired.forEach((m, j) => {
      expect(Array.from(m.predict(data))).toEqual(Array.from(apart[j]!.predict(data)));
      expect(m.fitted.describe()).toEqual(apart[j]!.fitted.describe());
    });
    expect(Array.from(paired[2]!.predict(data))).not.toEqual(Array.from(paired[0]!.predict(data)));
    // above maxRows rows, no pair: one fit at a time
    helperFits = 0;
    const rows = Math.floor(data.size / 2);
    await fitSideBySide(jobs, 0, rows - 1);
    expect(helperFits).toBe(0);
    await fitSideBySide(jobs, 0, rows);
    expect(helperFits).toBe(2);
  });

  it("passes a fit's error on", async () => {
    const broken: ModelDefinition = { ...constant, name: "broken", fit: () => { throw new Error("broken fit"); } };
    const data = simulateComponents(SCENARIOS[0]!);
    await expect(fitSideBySide([{ definition: getModel("popularity"), rows: () => data, options: { seed: 1 } }, { definition: broken, rows: () => data, options: { seed: 1 } }], 0)).rejects.toThrow("broken fit");
    // in a pair: the fit here and the one on the helper thread
    const pop = (params: Record<string, unknown>): FitJob => ({ definition: getModel("popularity"), rows: () => data, options: { seed: 1, params } });
    await expect(fitSideBySide([pop({ passes: 0 }), pop({})], 0)).rejects.toThrow(/passes must be a positive integer/);
    await expect(fitSideBySide([pop({}), pop({ tolerance: -1 })], 0)).rejects.toThrow(/tolerance must be a positive number/);
    // the helper is free again afterwards
    expect((await fitSideBySide([pop({}), pop({})], 0)).length).toBe(2);
  });
});

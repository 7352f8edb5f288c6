import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRuns } from "../../../src/node/run/compare-runs.js";
import { runExperiment } from "../../../src/node/run/run-experiment.js";
import { parseCsvLine } from "../../../src/node/run/predictions-csv.js";

const dir = mkdtempSync(join(tmpdir(), "irmlab-cmp-"));
const config = (name: string, seed: number): string => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}
seed: ${seed}
dataset: { synthetic: { customers: 150, items: 20, seed: 2 } }
split: { kind: random, testFraction: 0.3 }
models: [popularity, customer-profile, context-profile]
compare: { irm: context-profile, crm: customer-profile }
bootstrap: { resamples: 100 }
segments: false
`);
  return path;
};
const opts = { out: join(dir, "runs"), models: join(dir, "models"), quiet: true };

describe("compareRuns", () => {
  it("compares two runs on the same split from their predictions, as the run's own comparison does", async () => {
    const a = await runExperiment(config("a", 1), opts);
    const b = await runExperiment(config("b", 1), opts);
    const r = await compareRuns(a.dir, b.dir, { modelB: "customer-profile", resamples: 100, seed: 1 });
    expect([r.modelA, r.modelB, r.rows]).toEqual(["context-profile", "customer-profile", a.run.split.testRows]);
    const own = a.metrics.comparisons.find((c) => c.metric === "logLoss")!;
    const cmp = r.comparisons.find((c) => c.metric === "logLoss")!;
    // predictions.csv keeps full precision: the same estimate as the run's own comparison
    expect(cmp.overall.estimate).toBeCloseTo(own.overall.estimate, 12);
    expect(r.values.find((v) => v.metric === "logLoss")).toEqual({ metric: "logLoss", a: a.metrics.models[2]!.overall.metrics.logLoss, b: b.metrics.models[1]!.overall.metrics.logLoss });
  }, 60_000);

  it("by default resamples with run A's seed, so a run compared with itself reproduces its own interval", async () => {
    const a = await runExperiment(config("self", 1), opts);
    const own = a.metrics.comparisons.find((c) => c.metric === "logLoss" && c.crm === "customer-profile")!;
    const r = await compareRuns(a.dir, a.dir, { modelA: "context-profile", modelB: "customer-profile", resamples: own.overall.resamples });
    const cmp = r.comparisons.find((c) => c.metric === "logLoss")!;
    expect(cmp.overall.lower).toBeCloseTo(own.overall.lower, 12);
    expect(cmp.overall.upper).toBeCloseTo(own.overall.upper, 12);
  }, 60_000);

  it("refuses runs on different splits, naming both hashes", async () => {
    const a = await runExperiment(config("c", 1), opts);
    const b = await runExperiment(config("d", 2), opts);
    await expect(compareRuns(a.dir, b.dir)).rejects.toThrowError(/were scored on different splits \(split hash [0-9a-f]{12}… vs [0-9a-f]{12}…\)/);
  }, 60_000);

  it("names the models of a run when asked for one it lacks", async () => {
    const a = await runExperiment(config("e", 1), opts);
    await expect(compareRuns(a.dir, a.dir, { modelA: "mf" })).rejects.toThrowError(/model "mf" is not in run .*; its models are popularity, customer-profile, context-profile, global-mean/);
  }, 60_000);
});

describe("parseCsvLine", () => {
  it("splits quoted and plain cells", () => {
    expect(parseCsvLine('1,"a,b","say ""hi""",,x')).toEqual(["1", "a,b", 'say "hi"', "", "x"]);
    expect(() => parseCsvLine('1,"open')).toThrowError(/unterminated quote/);
  });
});

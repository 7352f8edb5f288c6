import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../../src/node/run/run-experiment.js";
import type { RunRecord } from "../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../src/lib/records/metrics-record.js";
import { inferenceContradictions } from "../../../src/lib/evaluation/cell-inference.js";

const dir = mkdtempSync(join(tmpdir(), "irmlab-exp-"));
const config = (name: string, extra = ""): string => {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `name: ${name}
seed: 5
dataset: { synthetic: { customers: 150, items: 20, seed: 2 } }
models: [popularity, customer-profile, context-profile, oracle]
compare: { irm: context-profile, crm: customer-profile }
bootstrap: { resamples: 100, level: 0.95 }
${extra}`,
  );
  return path;
};
const opts = { out: join(dir, "runs"), models: join(dir, "models"), quiet: true };

describe("runExperiment", () => {
  it("writes byte-identical metrics.json for the same config and seed", async () => {
    const path = config("det", "ranking: { ks: [5] }\n");
    const a = await runExperiment(path, opts);
    const b = await runExperiment(path, opts);
    expect(a.dir).not.toBe(b.dir);
    expect(readFileSync(join(b.dir, "metrics.json"), "utf8")).toBe(readFileSync(join(a.dir, "metrics.json"), "utf8"));
    expect(readFileSync(join(b.dir, "predictions.csv"), "utf8")).toBe(readFileSync(join(a.dir, "predictions.csv"), "utf8"));
    const c = await runExperiment(path, { ...opts, seed: 6 });
    expect(readFileSync(join(c.dir, "metrics.json"), "utf8")).not.toBe(readFileSync(join(a.dir, "metrics.json"), "utf8"));
  }, 60_000);

  it("records segments, calibration, Holm and full-catalogue ranking (oracle not ranked)", async () => {
    const { dir: runDir } = await runExperiment(config("full", "ranking: { ks: [5, 10] }\n"), opts);
    const m = JSON.parse(readFileSync(join(runDir, "metrics.json"), "utf8")) as MetricsRecord;
    const ctx = m.models.find((x) => x.model === "context-profile")!;
    expect(ctx.bySegment!.map((c) => c.dimension)).toContain("history");
    expect(ctx.calibration!.bins.reduce((s, b) => s + b.count, 0)).toBe(ctx.overall.rows);
    const head = m.comparisons[0]!;
    expect([head.irm, head.crm]).toEqual(["context-profile", "customer-profile"]);
    expect(head.byContext.some((c) => c.difference?.pHolm !== undefined)).toBe(true);
    expect(m.ranking!.ks).toEqual([5, 10]);
    expect(m.ranking!.items).toBe(20);
    expect(m.ranking!.models.map((x) => x.model)).toEqual(["popularity", "customer-profile", "context-profile"]);
    expect(m.ranking!.notRanked.map((x) => x.model)).toEqual(["oracle", "global-mean"]);
    expect(m.ranking!.comparisons.filter((c) => c.metric === "hitRate").every((c) => c.mcnemar !== undefined)).toBe(true);
    expect(m.multipleTesting).toEqual({ method: "holm", alpha: 0.05, family: "all context and segment cells of one comparison (one model pair, one metric)" });
    // every cell of the run: interval and p-value agree (raw and Holm-adjusted), ranking included
    expect(inferenceContradictions([...m.comparisons, ...m.ranking!.comparisons])).toEqual([]);
    expect(m.ranking!.candidates).toBe("all");
    expect(m.inference).toEqual({ minCustomers: 20, pValues: "bootstrap-inverted", signFlipBelow: 50, exactSignFlipUpTo: 20, equivalence: { margin: 0.01, scale: "relative" } });
    const headline = m.comparisons.find((c) => c.irm === head.irm && c.crm === head.crm && c.metric === m.headlineMetric)!;
    expect(m.headline!.verdict).toBe(headline.overall.verdict);
    expect(m.headline!.margin).toBeCloseTo(0.01 * m.models.find((x) => x.model === "customer-profile")!.overall.metrics.logLoss!, 12);
    expect(m.verdict.startsWith({ "irm-better": "IRM better: ", "crm-better": "CRM better: ", equivalent: "Equivalent within", inconclusive: "Inconclusive: " }[m.headline!.verdict])).toBe(true);
  }, 60_000);

  it("runs k-fold: every row scored once, per-fold metrics and a Nadeau–Bengio test per comparison", async () => {
    const { dir: runDir } = await runExperiment(config("kf", "split: { kind: kfold, k: 3 }\nsegments: false\n"), opts);
    const run = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8")) as RunRecord;
    const m = JSON.parse(readFileSync(join(runDir, "metrics.json"), "utf8")) as MetricsRecord;
    expect(run.split.folds).toBe(3);
    expect(run.split.seenPairShare).toBeGreaterThanOrEqual(0);
    expect(run.split.question).toMatch(/of test rows re-rate a \(customer, item\) pair seen in training/);
    expect(run.split.testRows).toBe(run.dataset.rows);
    const lines = readFileSync(join(runDir, "predictions.csv"), "utf8").trim().split("\n");
    const ids = lines.slice(1).map((l) => Number(l.split(",")[0]));
    expect(new Set(ids).size).toBe(run.dataset.rows);
    // rows are numbered from 1, like the reject report
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(run.dataset.rows);
    expect(m.models[0]!.perFold).toHaveLength(3);
    const cv = m.comparisons[0]!.crossValidation!;
    expect(cv.perFold).toHaveLength(3);
    expect(cv.mean).toBeCloseTo((cv.perFold[0]! + cv.perFold[1]! + cv.perFold[2]!) / 3, 14);
    // the run's verdict is the one over folds, with its own TOST
    expect(cv.verdict).toBeDefined();
    const headCv = m.comparisons.find((c) => c.metric === m.headlineMetric)!.crossValidation!;
    expect([m.headline!.verdict, m.headline!.lower, m.headline!.pTost]).toEqual([headCv.verdict, headCv.lower, headCv.pTost]);
    expect(m.models[0]!.bySegment).toBeUndefined();
  }, 60_000);

  it("fails without leaving a complete-looking run folder", async () => {
    const runs = join(dir, "failing");
    await expect(runExperiment(config("bad", "split: { kind: unseen-context, dimension: weather }\n"), { ...opts, out: runs })).rejects.toThrowError(
      /context dimension "weather" not found; dimensions are companion, intent, situation/,
    );
    expect(existsSync(runs) ? readdirSync(runs).filter((n) => !n.startsWith(".")) : []).toEqual([]);
  }, 60_000);

  it("writes value.json (CLV fire list, value by context, targeting) when the config asks for relationship value", async () => {
    const { dir: runDir } = await runExperiment(config("val", "segments: false\nvalue: { firePercentile: 0.25, resamples: 60 }\n"), opts);
    const value = JSON.parse(readFileSync(join(runDir, "value.json"), "utf8")) as { kind: string; firePolicy: { percentile: number; fired: number; customers: number }; targeting: unknown; measures: { measure: string }[] };
    expect(value.kind).toBe("irmlab-value/2");
    expect(value.firePolicy.percentile).toBe(0.25);
    expect(value.firePolicy.fired).toBe(Math.floor(0.25 * value.firePolicy.customers));
    expect(value.measures.length).toBeGreaterThan(0);
    expect(JSON.stringify(value)).not.toMatch(/"c0\d{5}"/); // aggregates only: no synthetic customer ids
    const plain = await runExperiment(config("noval", "segments: false\n"), opts);
    expect(existsSync(join(plain.dir, "value.json"))).toBe(false);
  }, 120_000);

  it("runs the default protocol when given a dataset descriptor instead of a config", async () => {
    const lines = ["user,item,rating,companion"];
    for (let u = 0; u < 40; u++) for (let i = 0; i < 12; i++) lines.push(`u${u},i${i},${1 + ((u * 7 + i * 3) % 5)},${["alone", "family"][(u + i) % 2]}`);
    writeFileSync(join(dir, "tiny.csv"), `${lines.join("\n")}\n`);
    const descriptor = join(dir, "tiny.yaml");
    writeFileSync(descriptor, "name: tiny\nsource: tiny.csv\nformat: csv\ncolumns: { customer: user, item: item, outcome: rating }\noutcome: { type: rating, min: 1, max: 5 }\ncontext: { companion: companion }\n");
    const { run, metrics } = await runExperiment(descriptor, opts);
    expect(run.config).toMatchObject({ name: "tiny", compare: { irm: "context-profile", crm: "customer-profile" } });
    expect(run.dataset).toMatchObject({ name: "tiny", rows: 480, outcomeType: "rating" });
    expect(metrics.models.map((m) => m.model)).toEqual(["popularity", "customer-profile", "context-profile", "mf", "camf", "global-mean"]);
  }, 120_000);

  it("runs a count outcome: a fractional count is rejected, predictions are non-negative, Poisson deviance is reported and compared", async () => {
    const lines = ["user,app,launches,when"];
    for (let u = 0; u < 40; u++) for (let i = 0; i < 12; i++) lines.push(`u${u},a${i},${(u % 5) * (i % 4) + (u + i) % 3},${["day", "night"][(u + i) % 2]}`);
    lines.push("u0,a0,2.5,day");
    writeFileSync(join(dir, "usage.csv"), `${lines.join("\n")}\n`);
    const descriptor = join(dir, "usage.yaml");
    writeFileSync(descriptor, "name: usage\nsource: usage.csv\nformat: csv\ncolumns: { customer: user, item: app, outcome: launches }\noutcome: { type: count }\ncontext: { when: when }\n");
    const { dir: runDir, run, metrics } = await runExperiment(descriptor, opts);
    expect(run.dataset).toMatchObject({ rows: 480, outcomeType: "count" });
    expect(run.dataset.ingest).toMatchObject({ rowsRead: 481, rowsRejected: 1 });
    expect(metrics.headlineMetric).toBe("rmse");
    for (const m of metrics.models) expect(m.overall.metrics.poissonDeviance, m.model).toBeGreaterThan(0);
    expect(metrics.comparisons.some((c) => c.metric === "poissonDeviance")).toBe(true);
    const rows = readFileSync(join(runDir, "predictions.csv"), "utf8").trim().split("\n").slice(1);
    const predictions = rows.flatMap((l) => l.split(",").slice(-6).map(Number));
    expect(predictions.every((p) => p > 0)).toBe(true);
  }, 120_000);
});

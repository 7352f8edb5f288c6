/**
 * One experiment run, from a config file to a complete run folder.
 *
 *   config.yaml → validate → load data → split (seeded) → fit each model on train
 *     → predict test → metrics per model (overall, per context) → paired comparisons (bootstrap
 *     over customers) → verdict → run folder written atomically (temp folder, then rename)
 */
import { readFile } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseExperimentConfig, type ExperimentConfig } from "../../lib/config/experiment-config.js";
import { takeRows, type Interactions } from "../../lib/schema/interactions.js";
import { holdoutSplit } from "../../lib/split/holdout.js";
import { fitModel, type TrainedModel } from "../../lib/models/model.js";
import { getModel } from "../../lib/models/registry.js";
import { compareModels, scoreModels, type ScoredModel } from "../../lib/evaluation/evaluate.js";
import { headlineMetric, metricsFor } from "../../lib/evaluation/metric-names.js";
import { verdictSentence } from "../../lib/evaluation/verdict.js";
import type { Comparison, MetricsRecord, RunRecord } from "../../lib/run/run-record.js";
import { startProgress } from "../progress.js";
import { hashParts } from "../hash.js";
import { createRunFolder } from "../runs/run-store.js";
import { loadExperimentData } from "./load-data.js";
import { codeVersion } from "./code-version.js";
import { LearnedModel } from "../../lib/models/learned/learned-model.js";
import { saveModelFolder } from "../models/save-model.js";

export interface RunOptions {
  /** Folder that receives the run folder. Default "data/runs". */
  readonly out?: string;
  /** Folder that receives saved learned models as <models>/<run-id>/<model>/. Default "models". */
  readonly models?: string;
  /** No progress output. Default false. */
  readonly quiet?: boolean;
  /** Override the config's seed. Default: the config's. */
  readonly seed?: number;
}

export interface RunResult {
  readonly dir: string;
  readonly run: RunRecord;
  readonly metrics: MetricsRecord;
}

/** Runs the experiment described by the YAML file at `configPath`. */
export async function runExperiment(configPath: string, options: RunOptions = {}): Promise<RunResult> {
  const raw = parseYaml(await readFile(configPath, "utf8")) as unknown;
  const parsed = parseExperimentConfig(raw, configPath);
  const config: ExperimentConfig = options.seed === undefined ? parsed : { ...parsed, seed: options.seed };
  return runParsedExperiment(config, configPath, raw, options);
}

export async function runParsedExperiment(config: ExperimentConfig, configPath: string, raw: unknown, options: RunOptions = {}): Promise<RunResult> {
  const quiet = options.quiet ?? false;
  const log = (line: string): void => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  const timings: Record<string, number> = {};
  const started = new Date();
  const t0 = performance.now();
  const time = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const result = await work();
    timings[stage] = round3((performance.now() - s) / 1000);
    return result;
  };

  const runId = `${compactTime(started)}-${config.name}-${hashParts(JSON.stringify(config)).slice(0, 8)}`;
  const { loadTf } = await import("../tf-backend.js");
  const tfjsBackend = (await loadTf()).backend;
  const modelsFolder = await createRunFolder(options.models ?? "models", runId);
  const { data, summary } = await time("load", () => loadExperimentData(config.dataset, configPath));
  log(`dataset ${summary.name}: ${data.size} rows, ${summary.customers} customers, ${summary.items} items, contexts: ${summary.contexts.map((c) => c.name).join(", ") || "none"}`);
  const definitions = config.models.map((m) => getModel(m.name));
  const split = await time("split", () => holdoutSplit(data, { kind: config.split.kind, testFraction: config.split.testFraction, seed: config.seed }));
  const train = takeRows(data, split.train);
  const test = takeRows(data, split.test);

  const splitHash = hashParts(summary.hash, split.kind, split.test);
  const scored: ScoredModel[] = [];
  const learned: { definition: TrainedModel["definition"]; model: LearnedModel; params: Record<string, unknown> }[] = [];
  const fittedDescriptions: RunRecord["models"][number][] = [];
  for (const [i, definition] of definitions.entries()) {
    const progress = startProgress(`fit ${definition.name}`, { quiet });
    const trained: TrainedModel = await time(`fit:${definition.name}`, () =>
      fitModel(definition, train, { seed: config.seed, params: config.models[i]!.params, onProgress: progress.update }),
    );
    progress.done();
    const predictions = await time(`predict:${definition.name}`, () => trained.predict(test));
    scored.push({ name: definition.name, family: definition.family, predictions });
    if (trained.fitted instanceof LearnedModel) learned.push({ definition, model: trained.fitted, params: { ...config.models[i]!.params } });
    fittedDescriptions.push({ name: definition.name, family: definition.family, description: definition.description, fitted: trained.fitted.describe() });
  }

  const metrics = await time("evaluate", () => evaluate(config, test, scored, quiet));
  const code = await codeVersion();
  timings.total = round3((performance.now() - t0) / 1000);
  const run: RunRecord = {
    runId,
    status: "complete",
    startedAt: started.toISOString(),
    config: config as unknown as Record<string, unknown>,
    configPath,
    seed: config.seed,
    code: code.code,
    lockfileHash: code.lockfileHash,
    environment: { node: process.version, platform: process.platform, tfjsBackend },
    dataset: summary,
    split: {
      kind: split.kind,
      seed: config.seed,
      hash: splitHash,
      trainRows: split.train.length,
      testRows: split.test.length,
      testCustomers: new Set(test.customer).size,
      description: split.description,
    },
    models: fittedDescriptions,
    artifactsDir: learned.length > 0 ? relative(process.cwd(), modelsFolder.finalDir) : null,
    timings,
  };
  const folder = await createRunFolder(options.out ?? "data/runs", runId);
  try {
    for (const { definition, model, params } of learned) {
      const testMetrics = metrics.models.find((m) => m.model === definition.name)!.overall.metrics;
      await saveModelFolder(join(modelsFolder.tempDir, definition.name), model, {
        model: definition.name,
        family: definition.family,
        description: definition.description,
        runId,
        seed: config.seed,
        params,
        inputs: {
          customers: data.customerIds.length,
          items: data.itemIds.length,
          itemIds: data.itemIds,
          contexts: definition.family === "crm" ? [] : summary.contexts,
          outcome: { ...data.outcomeSpec, max: Number.isFinite(data.outcomeSpec.max) ? data.outcomeSpec.max : Number.MAX_VALUE },
        },
        training: { datasetHash: summary.hash, splitHash, rows: split.train.length },
        testMetrics: testMetrics as Record<string, number | null>,
        tfjsBackend,
        fitted: model.describe(),
      });
      model.dispose();
    }
    if (learned.length > 0) await modelsFolder.commit();
    else await modelsFolder.abort();
    await writePredictions(join(folder.tempDir, "predictions.csv"), data, split.test, test, scored);
    await writeJson(join(folder.tempDir, "metrics.json"), metrics);
    await writeJson(join(folder.tempDir, "config.json"), raw);
    await writeJson(join(folder.tempDir, "run.json"), run);
    const dir = await folder.commit();
    log(`verdict: ${metrics.verdict}`);
    return { dir, run, metrics };
  } catch (error) {
    await folder.abort();
    await modelsFolder.abort();
    throw error;
  }
}

function evaluate(config: ExperimentConfig, test: Interactions, scored: ScoredModel[], quiet: boolean): MetricsRecord {
  const type = test.outcomeSpec.type;
  const applicable = metricsFor(type);
  const metrics = (config.metrics ?? applicable).filter((m) => applicable.includes(m));
  const byName = new Map(scored.map((s) => [s.name, s]));
  const headline = { irm: byName.get(config.compare.irm)!, crm: byName.get(config.compare.crm)! };
  const pairs: [ScoredModel, ScoredModel][] = [[headline.irm, headline.crm]];
  for (const a of scored) {
    for (const b of scored) {
      if (a.family === "irm" && b.family === "crm" && !(a === headline.irm && b === headline.crm)) pairs.push([a, b]);
    }
  }
  const progress = startProgress("compare (paired bootstrap over customers)", { quiet });
  const comparisons: Comparison[] = [];
  pairs.forEach(([irm, crm], i) => {
    comparisons.push(...compareModels(test, irm, crm, { metrics, resamples: config.bootstrap.resamples, level: config.bootstrap.level, seed: config.seed }));
    progress.update((i + 1) / pairs.length);
  });
  progress.done();
  const headlineName = metrics.includes(headlineMetric(type)) ? headlineMetric(type) : metrics[0]!;
  const headlineComparison = comparisons.find((c) => c.irm === headline.irm.name && c.crm === headline.crm.name && c.metric === headlineName)!;
  return {
    outcomeType: type,
    headlineMetric: headlineName,
    models: scoreModels(test, scored),
    comparisons,
    verdict: verdictSentence(headlineComparison),
  };
}

async function writeJson(path: string, value: unknown): Promise<void> {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** One CSV line per test row; streamed, so millions of rows never sit in one string. */
async function writePredictions(path: string, data: Interactions, rows: Int32Array, test: Interactions, scored: ScoredModel[]): Promise<void> {
  const out = createWriteStream(path);
  const header = ["row", "customer", "item", ...test.contexts.map((c) => c.name), "outcome", ...scored.map((s) => s.name)];
  const write = (line: string): Promise<void> | void => {
    if (!out.write(line)) return new Promise((r) => out.once("drain", () => r()));
  };
  await write(`${header.map(csvCell).join(",")}\n`);
  for (let i = 0; i < test.size; i++) {
    const cells = [
      String(rows[i]),
      csvCell(data.customerIds[test.customer[i]!]!),
      csvCell(data.itemIds[test.item[i]!]!),
      ...test.contexts.map((c) => csvCell(c.levels[c.codes[i]!]!)),
      String(test.outcome[i]),
      ...scored.map((s) => String(s.predictions[i])),
    ];
    await write(`${cells.join(",")}\n`);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function compactTime(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

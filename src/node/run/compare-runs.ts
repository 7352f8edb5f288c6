/**
 * `irmlab compare`: a paired comparison of one model of run A with one model of run B on the
 * same test rows.
 *
 *   run.json of both → same split hash? (else refuse) → predictions.csv of both → same rows?
 *     → compareModels (customer bootstrap, DeLong for AUC, per context with Holm)
 */
import { join } from "node:path";
import { compareModels } from "../../lib/evaluation/evaluate.js";
import { isPairedMetric, metricsFor } from "../../lib/evaluation/metric-names.js";
import type { Comparison } from "../../lib/records/metrics-record.js";
import type { Interactions } from "../../lib/schema/interactions.js";
import { readRun } from "./run-store.js";
import { readPredictions } from "./predictions-csv.js";

export interface CompareRunsOptions {
  /** Model of run A. Default: run A's compared IRM model. */
  readonly modelA?: string;
  /** Model of run B. Default: run B's compared IRM model (or CRM model when B is A). */
  readonly modelB?: string;
  /** Bootstrap resamples. Default 1000. */
  readonly resamples?: number;
  /** Bootstrap seed. Default: run A's seed (so a run compared with itself reproduces its own interval). */
  readonly seed?: number;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

export interface RunsComparison {
  readonly runA: string;
  readonly runB: string;
  readonly modelA: string;
  readonly modelB: string;
  readonly splitHash: string;
  readonly rows: number;
  readonly customers: number;
  /** One per metric: estimate = metric(A) − metric(B); `irm` holds A's label, `crm` B's. */
  readonly comparisons: Comparison[];
  /** The two models' metric values, overall. */
  readonly values: { readonly metric: string; readonly a: number | null; readonly b: number | null }[];
}

/**
 * Compares two runs.
 * @throws Error when the split hashes differ (the message gives both), a model is not in its run
 *   (the message lists the run's models), or the prediction files disagree on rows or outcomes
 */
export async function compareRuns(dirA: string, dirB: string, options: CompareRunsOptions = {}): Promise<RunsComparison> {
  const [a, b] = await Promise.all([readRun(dirA), readRun(dirB)]);
  if (a.run.split.hash !== b.run.split.hash) {
    throw new Error(
      `compare: runs ${a.run.runId} and ${b.run.runId} were scored on different splits (split hash ${a.run.split.hash.slice(0, 12)}… vs ${b.run.split.hash.slice(0, 12)}…); a paired comparison needs identical test rows — rerun one with the other's dataset, split and seed`,
    );
  }
  const compareOf = (r: typeof a): { irm?: string; crm?: string } => ((r.run.config as { compare?: { irm?: string; crm?: string } }).compare ?? {});
  const modelA = options.modelA ?? compareOf(a).irm ?? a.run.models[0]!.name;
  const modelB = options.modelB ?? (dirA === dirB ? compareOf(b).crm : compareOf(b).irm) ?? b.run.models[0]!.name;
  const [pa, pb] = await Promise.all([readPredictions(join(dirA, "predictions.csv")), readPredictions(join(dirB, "predictions.csv"))]);
  const predA = pa.models.get(modelA);
  const predB = pb.models.get(modelB);
  if (!predA) throw new Error(`compare: model "${modelA}" is not in run ${a.run.runId}; its models are ${[...pa.models.keys()].join(", ")}`);
  if (!predB) throw new Error(`compare: model "${modelB}" is not in run ${b.run.runId}; its models are ${[...pb.models.keys()].join(", ")}`);
  if (pa.rows.length !== pb.rows.length || pa.rows.some((r, i) => r !== pb.rows[i] || pa.outcome[i] !== pb.outcome[i])) {
    throw new Error(`compare: predictions.csv of ${a.run.runId} and ${b.run.runId} list different test rows or outcomes although the split hashes match`);
  }
  const type = a.run.dataset.outcomeType;
  const test: Interactions = {
    size: pa.rows.length,
    customerIds: pa.customerIds,
    customer: pa.customer,
    itemIds: [],
    item: new Int32Array(pa.rows.length),
    timestamp: null,
    outcome: pa.outcome,
    outcomeSpec: { type, min: type === "binary" ? 0 : -Infinity, max: type === "binary" ? 1 : Infinity },
    value: null,
    contexts: pa.contexts,
    truth: null,
  };
  const labelA = `A:${modelA}`, labelB = `B:${modelB}`;
  const metrics = metricsFor(type).filter(isPairedMetric);
  const comparisons = compareModels(test, { name: labelA, family: "irm", predictions: predA }, { name: labelB, family: "crm", predictions: predB }, {
    metrics,
    resamples: options.resamples ?? 1000,
    level: options.level ?? 0.95,
    seed: options.seed ?? a.run.seed,
  });
  const overall = (run: typeof a, model: string, metric: string): number | null =>
    (run.metrics.models.find((m) => m.model === model)?.overall.metrics as Record<string, number | null> | undefined)?.[metric] ?? null;
  return {
    runA: a.run.runId,
    runB: b.run.runId,
    modelA,
    modelB,
    splitHash: a.run.split.hash,
    rows: test.size,
    customers: pa.customerIds.length,
    comparisons,
    values: metrics.map((m) => ({ metric: m, a: overall(a, modelA, m), b: overall(b, modelB, m) })),
  };
}

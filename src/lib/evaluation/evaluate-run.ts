import { concatFloat64 } from "../columns/concat.js";
import type { ExperimentConfig } from "../config/experiment-config.js";
import { DEFAULT_MIN_CUSTOMERS } from "./cell-inference.js";
import { compareModelPairs, DEFAULT_EQUIVALENCE, equivalenceMargin, scoreModels, type EquivalenceRule, type ScoredModel } from "./evaluate.js";
import { headlineMetric, isPairedMetric, metricsFor, type MetricName } from "./metric-names.js";
import type { RankingResult } from "./ranking.js";
import { compareRankings, concatRankings, summarizeRanking } from "./ranking-comparison.js";
import { DEFAULT_SMALL_CELL, type SmallCellRule } from "./small-cell.js";
import { decide, overallDifference, verdictOf, verdictSentence } from "./verdict.js";
import { computeMetric } from "../metrics/compute-metric.js";
import { baselineCheck } from "../models/baseline/baseline-check.js";
import { headlineContradictions } from "../selection/headline-consistency.js";
import type { ModelFamily } from "../models/model.js";
import { TestSetMemo } from "./test-set-memo.js";
import { takeRows, type ContextColumn, type Interactions } from "../schema/interactions.js";
import { studentTCdf } from "../stats/distributions.js";
import { nadeauBengio } from "../stats/nadeau-bengio.js";
import type { Comparison, CrossValidationTest, HeadlineVerdict, MetricsRecord, ModelMetrics, RankingRecord } from "../records/metrics-record.js";
import { pooledTestRows, type ProtocolFolds } from "../split/protocol-folds.js";

/**
 * From per-fold predictions to the metrics record of a run.
 *
 *   folds' test rows, pooled in fold order → predictions and segment columns pooled the same way
 *     → scoreModels (overall, per context, per segment, calibration) + per-fold metrics (k-fold)
 *     → compareModels for the headline pair and every other IRM × CRM pair (bootstrap/DeLong,
 *       TOST at the equivalence margin, Holm) + Nadeau–Bengio over folds (k-fold, with its TOST)
 *     → ranking: per-fold results joined, summarized, compared (bootstrap, McNemar, Holm)
 *     → four-way verdict of the headline comparison (sentence + numbers)
 */
export interface EvaluatedModel {
  readonly name: string;
  readonly family: ModelFamily;
  /** Predictions per fold, aligned with that fold's test rows. */
  readonly predictions: readonly Float64Array[];
  /** Ranking result per fold, or null when the model was not ranked. */
  readonly ranking: readonly RankingResult[] | null;
  /** Profile models: the variance components estimated on fold 1, copied to metrics.json. */
  readonly varianceComponents?: ModelMetrics["varianceComponents"];
}

export interface RunEvaluationInput {
  readonly data: Interactions;
  readonly folds: ProtocolFolds;
  readonly models: readonly EvaluatedModel[];
  /** Segment columns per fold (aligned with the fold's test rows), or null for no segment breakdown. */
  readonly segments: readonly (readonly ContextColumn[])[] | null;
  readonly segmentsNote: string | null;
  /** Models not ranked and why. */
  readonly notRanked: readonly { readonly model: string; readonly reason: string }[];
  readonly config: ExperimentConfig;
  /** Called with the fraction of comparisons done. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Scores and compares every model of a run.
 * @throws Error when the headline models are missing, or as compareModels (no CI overall)
 */
export function evaluateRun(input: RunEvaluationInput): MetricsRecord {
  const { data, folds, config } = input;
  const pooled = pooledTestRows(folds);
  const test = takeRows(data, pooled);
  const type = data.outcomeSpec.type;
  const applicable = metricsFor(type);
  const metrics = (config.metrics ?? applicable).filter((m) => applicable.includes(m));
  const segments = input.segments ? mergeColumns(input.segments) : undefined;
  const scored: ScoredModel[] = input.models.map((m) => ({ name: m.name, family: m.family, predictions: concatFloat64(m.predictions) }));
  const byName = new Map(scored.map((s) => [s.name, s]));
  const irm = byName.get(config.compare.irm), crm = byName.get(config.compare.crm);
  if (!irm || !crm) throw new Error(`evaluateRun: the compared models ${config.compare.irm} and ${config.compare.crm} must both be among the run's models`);
  const pairs: [ScoredModel, ScoredModel][] = [[irm, crm]];
  for (const a of scored) for (const b of scored) if (a.family === "irm" && b.family === "crm" && !(a === irm && b === crm)) pairs.push([a, b]);

  const offsets = foldOffsets(folds);
  const perFold = (predictions: Float64Array, metric: MetricName): (number | null)[] =>
    folds.folds.map((_, f) => computeMetric(metric, test.outcome.subarray(offsets[f]!, offsets[f + 1]!), predictions.subarray(offsets[f]!, offsets[f + 1]!)));
  const kfold = folds.folds.length > 1;
  const comparisons: Comparison[] = [];
  const minCustomers = config.inference?.minCustomers ?? DEFAULT_MIN_CUSTOMERS;
  const equivalence = config.equivalence ?? DEFAULT_EQUIVALENCE;
  const smallCell: SmallCellRule = {
    signFlipBelow: config.inference?.signFlipBelow ?? DEFAULT_SMALL_CELL.signFlipBelow,
    exactUpTo: config.inference?.exactSignFlipUpTo ?? DEFAULT_SMALL_CELL.exactUpTo,
  };
  const bs = { resamples: config.bootstrap.resamples, level: config.bootstrap.level, seed: config.seed, method: config.bootstrap.method ?? "percentile", minCustomers, equivalence, smallCell };
  const onCells = (f: number): void => input.onProgress?.((f * pairs.length) / (pairs.length + 1));
  // the comparisons first: every model's metrics on the cells the bootstrap covers are computed
  // there, beside the bootstraps that gather the same columns (on both threads), and scoreModels
  // reads them off the memo
  const memo = new TestSetMemo(test);
  const alsoScore = { models: scored.map((m) => m.predictions), metrics: applicable };
  const compared = compareModelPairs(test, pairs, { metrics, ...bs, ...(segments ? { segments } : {}), memo, alsoScore, onProgress: onCells });
  const components = new Map(input.models.map((m) => [m.name, m.varianceComponents]));
  const models = scoreModels(test, scored, { ...(segments ? { segments } : {}), memo }).map((scoredModel) => {
    const vc = components.get(scoredModel.model);
    const m = vc ? { ...scoredModel, varianceComponents: vc } : scoredModel;
    if (!kfold) return m;
    const p = byName.get(m.model)!.predictions;
    const values = metrics.map((metric) => perFold(p, metric));
    return { ...m, perFold: folds.folds.map((_, f) => Object.fromEntries(metrics.map((metric, j) => [metric, values[j]![f]!]))) };
  });

  pairs.forEach(([a, b], i) => {
    for (const c of compared[i]!) {
      const margin = c.overall.margin ?? equivalenceMargin(equivalence, computeMetric(c.metric, test.outcome, b.predictions));
      const cv = kfold ? crossValidation(perFold(a.predictions, c.metric), perFold(b.predictions, c.metric), folds, { level: config.bootstrap.level, margin, higherIsBetter: c.higherIsBetter }) : null;
      comparisons.push(cv ? { ...c, crossValidation: cv } : c);
    }
  });

  const ranking = rankingRecord(input, pairs, bs);
  input.onProgress?.(1);
  const headlineName = metrics.includes(headlineMetric(type)) ? headlineMetric(type) : metrics.find(isPairedMetric)!;
  const headline = comparisons.find((c) => c.irm === irm.name && c.crm === crm.name && c.metric === headlineName)!;
  const baseline = baselineCheck(models, headlineName);
  return {
    outcomeType: type,
    headlineMetric: headlineName,
    models,
    comparisons,
    verdict: verdictSentence(headline),
    ...(ranking ? { ranking } : {}),
    ...(input.segmentsNote ? { segmentsNote: input.segmentsNote } : {}),
    multipleTesting: { method: "holm", alpha: round6(1 - config.bootstrap.level), family: "all context and segment cells of one comparison (one model pair, one metric)" },
    headline: headlineVerdict(headline),
    inference: { minCustomers, pValues: "bootstrap-inverted", signFlipBelow: smallCell.signFlipBelow, exactSignFlipUpTo: smallCell.exactUpTo, equivalence: { margin: equivalence.margin, scale: equivalence.scale } },
    ...(baseline ? { baseline: { model: baseline.baseline, metric: baseline.metric, value: baseline.value, beatenBy: baseline.beatenBy } } : {}),
    warnings: [...(baseline?.warning ? [baseline.warning] : []), ...headlineContradictions(comparisons, headline)],
  };
}

/** The numbers behind the run's verdict: the headline comparison overall (k-fold: over folds). */
function headlineVerdict(c: Comparison): HeadlineVerdict {
  const d = overallDifference(c);
  return {
    irm: c.irm,
    crm: c.crm,
    metric: c.metric,
    higherIsBetter: c.higherIsBetter,
    verdict: verdictOf(d, c.higherIsBetter),
    estimate: d.estimate,
    lower: d.lower,
    upper: d.upper,
    level: d.level,
    pValue: d.pValue ?? null,
    margin: d.margin ?? 0,
    pTost: d.pTost ?? null,
  };
}

function rankingRecord(
  input: RunEvaluationInput,
  pairs: [ScoredModel, ScoredModel][],
  bs: { resamples: number; level: number; seed: number; method: "percentile" | "bca"; minCustomers: number; equivalence: EquivalenceRule; smallCell: SmallCellRule },
): RankingRecord | null {
  const ranked = input.models.filter((m) => m.ranking !== null);
  if (!input.config.ranking || ranked.length === 0) return null;
  const joined = new Map(ranked.map((m) => [m.name, concatRankings(m.ranking!)]));
  const first = joined.values().next().value as RankingResult;
  const comparisons = pairs
    .filter(([a, b]) => joined.has(a.name) && joined.has(b.name))
    .flatMap(([a, b]) => compareRankings(a.name, b.name, joined.get(a.name)!, joined.get(b.name)!, bs));
  return {
    ks: first.atK.map((k) => k.k),
    threshold: first.threshold,
    queries: first.queries.customer.length,
    customers: new Set(first.queries.customer).size,
    skippedQueries: first.skippedQueries,
    items: first.items,
    candidates: first.candidates,
    notRanked: input.notRanked,
    models: ranked.map((m) => summarizeRanking(m.name, m.family, joined.get(m.name)!)),
    comparisons,
  };
}

/**
 * Nadeau–Bengio over per-fold differences, with the TOST of the same t statistic at the margin
 * and the four-way verdict; null when a fold's metric is undefined.
 */
function crossValidation(a: (number | null)[], b: (number | null)[], folds: ProtocolFolds, rule: { level: number; margin: number; higherIsBetter: boolean }): CrossValidationTest | null {
  const { level, margin, higherIsBetter } = rule;
  if (a.some((v) => v === null) || b.some((v) => v === null)) return null;
  const diffs = a.map((v, f) => v! - b[f]!);
  const nTrain = folds.folds.reduce((s, f) => s + f.train.length, 0) / folds.folds.length;
  const nTest = folds.folds.reduce((s, f) => s + f.test.length, 0) / folds.folds.length;
  const mean = diffs.reduce((s, v) => s + v, 0) / diffs.length;
  const base = { perFold: diffs, trainRows: Math.round(nTrain), testRows: Math.round(nTest), level, margin };
  const alpha = 1 - level;
  if (diffs.every((v) => v === diffs[0])) {
    return { ...base, mean, lower: mean, upper: mean, t: 0, df: diffs.length - 1, pValue: null, pTost: null, verdict: decide(mean, mean, null, alpha, higherIsBetter) };
  }
  const r = nadeauBengio(diffs, nTrain, nTest, level);
  // TOST: the two one-sided t-tests of mean > −margin and mean < margin with the corrected SE
  const pTost = margin > 0 ? Math.max(1 - studentTCdf((r.mean + margin) / r.se, r.df), studentTCdf((r.mean - margin) / r.se, r.df)) : 1;
  return { ...base, mean: r.mean, lower: r.lower, upper: r.upper, t: r.t, df: r.df, pValue: r.pValue, pTost, verdict: decide(r.lower, r.upper, pTost, alpha, higherIsBetter) };
}

function foldOffsets(folds: ProtocolFolds): number[] {
  const out = [0];
  for (const f of folds.folds) out.push(out[out.length - 1]! + f.test.length);
  return out;
}

/**
 * Joins per-fold columns of the same dimensions into one, re-coding levels by name (folds may
 * produce different level lists, e.g. RFM segments); levels keep first-seen order.
 */
export function mergeColumns(perFold: readonly (readonly ContextColumn[])[]): ContextColumn[] {
  const [first] = perFold;
  if (!first) return [];
  if (perFold.length === 1) return [...first];
  return first.map((col, d) => {
    const levels: string[] = [];
    const index = new Map<string, number>();
    const n = perFold.reduce((s, f) => s + f[d]!.codes.length, 0);
    const codes = new Int32Array(n);
    let o = 0;
    for (const f of perFold) {
      const c = f[d]!;
      const map = c.levels.map((l) => {
        if (!index.has(l)) {
          index.set(l, levels.length);
          levels.push(l);
        }
        return index.get(l)!;
      });
      for (let i = 0; i < c.codes.length; i++) codes[o++] = map[c.codes[i]!]!;
    }
    return { name: col.name, levels, codes };
  });
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

import type { MetricName } from "../evaluation/metric-names.js";
import type { Verdict } from "../evaluation/verdict.js";
import type { ModelFamily } from "../models/model.js";
import type { VarianceComponent } from "../models/profile/additive-effects.js";
import { OUTCOME_TYPES, type OutcomeType } from "../schema/outcome.js";
import { checkRecord } from "./check-record.js";

/*
 * metrics.json of a run (see run-record.ts for the run folder): every model's test metrics overall,
 * per context value and per segment, and the paired IRM − CRM comparisons with their verdicts.
 */

/** A metric value with the number of rows and customers it was computed on. */
export interface CellMetrics {
  readonly rows: number;
  readonly customers: number;
  /** null when the metric is undefined on the cell (e.g. AUC with one class). */
  readonly metrics: Readonly<Partial<Record<MetricName, number | null>>>;
}

export interface ContextCell extends CellMetrics {
  readonly dimension: string;
  readonly level: string;
}

export interface ModelMetrics {
  readonly model: string;
  readonly family: ModelFamily;
  readonly overall: CellMetrics;
  readonly byContext: readonly ContextCell[];
  /** The same per customer segment (dimension "history" or "rfm"), segments from training data only. */
  readonly bySegment?: readonly ContextCell[];
  /** Binary outcomes: ECE and the reliability-diagram bins (10 equal-width bins) on all test rows. */
  readonly calibration?: CalibrationSummary;
  /** Metric per fold (k-fold runs), fold 1 first. */
  readonly perFold?: readonly Readonly<Partial<Record<MetricName, number | null>>>[];
  /** Profile models: every estimated variance component (grouping, SD, at the floor or not), fitted on fold 1's training rows. */
  readonly varianceComponents?: readonly VarianceComponent[];
}

/** Reliability-diagram data: non-empty bins in ascending order. */
export interface CalibrationSummary {
  readonly ece: number;
  readonly bins: readonly { readonly lower: number; readonly upper: number; readonly count: number; readonly meanPredicted: number; readonly observedRate: number }[];
}

/** A paired difference `a − b` of one metric with its bootstrap CI (resampling customers). */
export interface PairedDifference {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  readonly resamples: number;
  readonly rows: number;
  readonly customers: number;
  /**
   * Two-sided p-value of "no difference", from the same resampling as the CI: the smallest α at
   * which the (percentile or BCa) interval excludes 0, so p < 1 − level exactly when the CI
   * excludes 0; 0 when every resample lay on one side (p < 1/resamples). Older runs: a normal
   * approximation. Absent in the oldest runs.
   */
  readonly pValue?: number;
  /**
   * Test behind pValue: "bootstrap" (inverted customer bootstrap), "sign-flip exact" or
   * "sign-flip Monte Carlo" (customer sign-flip permutation, cells with few customers; the interval
   * inverts the same test), "nadeau-bengio" (k-fold).
   */
  readonly test?: string;
  /** Holm-adjusted pValue within the comparison's family of context and segment cells. */
  readonly pHolm?: number;
  /**
   * Interval method used: "bca" only when asked for and possible; "sign-flip" when the interval
   * inverts the sign-flip test (cells with few customers). Absent in older runs.
   */
  readonly interval?: "percentile" | "bca" | "sign-flip";
  /** Set when BCa was asked for but fell back to percentile, with the reason. */
  readonly intervalNote?: string;
  /** Practical-equivalence margin δ in metric units: |difference| < δ does not matter. Absent in older runs. */
  readonly margin?: number;
  /** TOST p-value of "|difference| ≥ margin" (two one-sided bootstrap tests). */
  readonly pTost?: number;
  /** Holm-adjusted pTost within the comparison's family of cells (context and segment cells only). */
  readonly pTostHolm?: number;
  /**
   * Context and segment cells: the interval at the Holm-consistent level 1 − α·pValue/pHolm, which
   * excludes 0 exactly when pHolm < α, so it can be drawn next to the cell's claim.
   */
  readonly adjusted?: { readonly lower: number; readonly upper: number; readonly level: number };
  /** The four-way verdict of this difference (see evaluation/verdict.ts). Absent in older runs. */
  readonly verdict?: Verdict;
}

/** A cell (context value or segment) of a comparison. */
export type ComparisonCell = Omit<ContextCell, "metrics"> & {
  readonly difference: PairedDifference | null;
  /** Why difference is null (e.g. "fewer than 20 customers: no CI, p-value or claim"). */
  readonly note?: string;
};

export interface Comparison {
  /** The multi-context (IRM) model. */
  readonly irm: string;
  /** The single-profile (CRM) model. */
  readonly crm: string;
  readonly metric: MetricName;
  readonly higherIsBetter: boolean;
  /** metric(irm) − metric(crm) overall. */
  readonly overall: PairedDifference;
  /** The same per context value; difference null where the cell is too small to resample. */
  readonly byContext: readonly ComparisonCell[];
  /** The same per customer segment (history length, RFM). */
  readonly bySegment?: readonly ComparisonCell[];
  /** AUC only: DeLong's test on all test rows (rows treated as independent; the bootstrap CI is the customer-level one). */
  readonly delong?: { readonly estimate: number; readonly lower: number; readonly upper: number; readonly z: number; readonly pValue: number };
  /** k-fold runs: the difference per fold and the Nadeau–Bengio corrected resampled t-test over folds. */
  readonly crossValidation?: CrossValidationTest;
}

/** Nadeau–Bengio test over the folds of a k-fold run. */
export interface CrossValidationTest {
  readonly perFold: readonly number[];
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly t: number;
  readonly df: number;
  /** null when every fold gave the same difference (t undefined). */
  readonly pValue: number | null;
  readonly trainRows: number;
  readonly testRows: number;
  /** Equivalence margin (metric units) and the TOST p-value of the t-test over folds. Absent in older runs. */
  readonly margin?: number;
  readonly pTost?: number | null;
  /** The four-way verdict from the interval over folds. Absent in older runs. */
  readonly verdict?: Verdict;
}

/** Full-catalogue ranking metrics of one model: means over queries, overall and per context value. */
export interface RankingModelMetrics {
  readonly model: string;
  readonly family: ModelFamily;
  /** Mean reciprocal rank without cut-off. */
  readonly mrr: number;
  readonly atK: readonly { readonly k: number; readonly hitRate: number; readonly ndcg: number; readonly mrr: number }[];
  readonly byContext: readonly { readonly dimension: string; readonly level: string; readonly queries: number; readonly customers: number; readonly atK: readonly { readonly k: number; readonly hitRate: number; readonly ndcg: number; readonly mrr: number }[] }[];
}

/** Ranking metric names as stored in comparisons. */
export type RankingMetricName = "hitRate" | "ndcg" | "mrr";

/** Paired ranking comparison irm − crm of one metric at one K over the same queries. */
export interface RankingComparison {
  readonly irm: string;
  readonly crm: string;
  readonly metric: RankingMetricName;
  readonly k: number;
  /** Mean per-query difference with a customer bootstrap CI and p-value. */
  readonly overall: PairedDifference;
  /** hitRate only: McNemar on paired per-query hits (b: irm hit, crm missed; c: the reverse). */
  readonly mcnemar?: { readonly b: number; readonly c: number; readonly method: string; readonly statistic: number; readonly pValue: number };
  readonly byContext: readonly ComparisonCell[];
}

/** Everything the ranking protocol measured. */
export interface RankingRecord {
  readonly ks: readonly number[];
  /** Outcome at or above which a test item is relevant. */
  readonly threshold: number;
  readonly queries: number;
  readonly customers: number;
  readonly skippedQueries: number;
  /** Catalogue size. */
  readonly items: number;
  /** Candidate rule (evaluation/ranking.ts RankingCandidates); absent in older runs (which used test labels). */
  readonly candidates?: string;
  /** Models that were not ranked and why (the oracle has no truth for unseen candidate rows). */
  readonly notRanked: readonly { readonly model: string; readonly reason: string }[];
  readonly models: readonly RankingModelMetrics[];
  readonly comparisons: readonly RankingComparison[];
}

export interface MetricsRecord {
  readonly outcomeType: OutcomeType;
  readonly headlineMetric: MetricName;
  readonly models: readonly ModelMetrics[];
  readonly comparisons: readonly Comparison[];
  /** Plain-words verdict of the headline comparison. */
  readonly verdict: string;
  /** Full-catalogue ranking per (customer, context); absent when the config asks for none. */
  readonly ranking?: RankingRecord;
  /** What the segment breakdowns rest on (e.g. "no timestamps: recency left out"). */
  readonly segmentsNote?: string;
  /** Family-wise error control used for per-context and per-segment claims. */
  readonly multipleTesting?: { readonly method: "holm"; readonly alpha: number; readonly family: string };
  /** The headline comparison's four-way verdict with its numbers. Absent in older runs. */
  readonly headline?: HeadlineVerdict;
  /** The inference rules of the run. Absent in older runs. */
  readonly inference?: InferenceSettings;
  /**
   * The global-mean baseline on the headline metric: its value and the models that beat it
   * (oracle excluded). Absent in older runs and runs without the baseline.
   */
  readonly baseline?: { readonly model: string; readonly metric: MetricName; readonly value: number | null; readonly beatenBy: readonly string[] };
  /** Warnings about the whole run (e.g. no model beats the global-mean baseline). Absent in older runs. */
  readonly warnings?: readonly string[];
}

/** The verdict a run is summarised by: the headline comparison overall (k-fold: over folds). */
export interface HeadlineVerdict {
  readonly irm: string;
  readonly crm: string;
  readonly metric: MetricName;
  readonly higherIsBetter: boolean;
  readonly verdict: Verdict;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  readonly pValue: number | null;
  readonly margin: number;
  readonly pTost: number | null;
}

/** How a run turns resamples into claims. */
export interface InferenceSettings {
  /** Cells with fewer customers get metrics but no CI, p-value or claim. */
  readonly minCustomers: number;
  /** "bootstrap-inverted": p is the smallest α at which the run's interval excludes 0. */
  readonly pValues: "bootstrap-inverted";
  /**
   * Cells with fewer customers used a customer sign-flip permutation and its inverted interval
   * (still: p < α ⇔ the interval excludes 0); each difference's `test` says which. Absent in older runs.
   */
  readonly signFlipBelow?: number;
  /** Up to this many customers the sign flips were all 2^customers ("sign-flip exact"). */
  readonly exactSignFlipUpTo?: number;
  /** The equivalence margin rule: a share of the CRM model's overall metric, or absolute metric units. */
  readonly equivalence: { readonly margin: number; readonly scale: "relative" | "absolute" };
}

/**
 * metrics.json checked: an object with the keys every reader relies on.
 * @throws ConfigError naming the file, key and value
 */
export function parseMetricsRecord(value: unknown, file: string): MetricsRecord {
  return checkRecord(value, file, { "outcomeType?": Object.keys(OUTCOME_TYPES), "headlineMetric?": "string", "models?": "list", "comparisons?": "list", "verdict?": "string" }) as unknown as MetricsRecord;
}

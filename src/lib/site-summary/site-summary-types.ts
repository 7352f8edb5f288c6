import type { MetricName } from "../evaluation/metric-names.js";
import type { Verdict } from "../evaluation/verdict.js";
import type { ModelFamily } from "../models/model.js";
import type { OutcomeType } from "../schema/outcome.js";

/**
 * The one JSON document the published site reads (src/data/summary.json): aggregates of one run,
 * small cells suppressed, no customer or item identifiers. Built by {@link buildSiteSummary}.
 */
export interface SiteSummary {
  /** Bumped when the shape changes; pages check it. */
  readonly schemaVersion: 1;
  readonly run: {
    readonly runId: string;
    /** ISO 8601 time the run started. */
    readonly startedAt: string;
    /** The UTC calendar date of startedAt, YYYY-MM-DD. */
    readonly date: string;
    readonly seed: number;
    readonly codeVersion: string;
    readonly commit: string | null;
  };
  readonly dataset: {
    readonly name: string;
    readonly source: string;
    readonly citation: string | null;
    readonly synthetic: boolean;
    readonly rows: number;
    readonly customers: number;
    readonly items: number;
    readonly outcomeType: OutcomeType;
    readonly contexts: readonly { readonly name: string; readonly levels: readonly string[] }[];
  };
  readonly split: {
    readonly kind: string;
    readonly description: string;
    readonly trainRows: number;
    readonly testRows: number;
    readonly testCustomers: number;
    /** Which question the split answers (share of test rows whose customer–item pair was seen in training); null for older runs. */
    readonly question: string | null;
  };
  /** Cells with fewer customers than this are suppressed. */
  readonly minCellCustomers: number;
  /** Metrics present in the run, in report order. */
  readonly metrics: readonly SiteMetric[];
  readonly headlineMetric: MetricName;
  readonly models: readonly SiteModel[];
  /** Per model × context value, flat (one row per model, dimension and level). */
  readonly cells: readonly SiteModelCell[];
  readonly comparisons: readonly SiteComparison[];
  /** Customer segments (history length, RFM) from training data: per-model cells, suppressed like contexts. */
  readonly segments: SiteSegments;
  /** Full-catalogue ranking metrics (HR/NDCG/MRR@K) and their paired comparisons; null when the run ranked nothing. */
  readonly ranking: SiteRanking | null;
  /** The verdict of the headline comparison; null when the run has no comparison. */
  readonly verdict: SiteVerdict | null;
  /** The verdict string the run recorded, for reference. */
  readonly runVerdict: string;
}

export interface SiteMetric {
  readonly name: MetricName;
  /** Display label, e.g. "log-loss". */
  readonly label: string;
  readonly higherIsBetter: boolean;
}

/**
 * Metric values of a cell. Suppressed cells (fewer than minCellCustomers customers) carry no
 * counts and no values: rows, customers and every metric are null.
 */
export interface SiteCell {
  readonly rows: number | null;
  readonly customers: number | null;
  readonly suppressed: boolean;
  readonly metrics: Readonly<Partial<Record<MetricName, number | null>>>;
}

export interface SiteModel {
  readonly name: string;
  readonly family: ModelFamily;
  /** Display label of the family, e.g. "multi-context (IRM)". */
  readonly familyLabel: string;
  readonly description: string;
  readonly overall: SiteCell;
}

export interface SiteModelCell extends SiteCell {
  readonly model: string;
  readonly family: ModelFamily;
  readonly dimension: string;
  readonly level: string;
}

/**
 * A paired difference metric(irm) − metric(crm) on one cell. estimate/lower/upper/verdict are null
 * when the cell is suppressed or the run could not resample it (then suppressed is false).
 */
export interface SiteDifference {
  readonly rows: number | null;
  readonly customers: number | null;
  readonly suppressed: boolean;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** The four-way verdict of the cell (from the CI and, for cells, the Holm-adjusted values). */
  readonly verdict: Verdict | null;
  /**
   * Context and segment cells: the Holm-consistent interval (excludes 0 exactly when the Holm-adjusted
   * claim holds) and its level; absent for the overall row and for runs that did not record it.
   */
  readonly adjusted?: { readonly lower: number; readonly upper: number; readonly level: number };
  /** Equivalence margin (metric units) and TOST p-value, when the run recorded them. */
  readonly margin?: number;
  readonly pTost?: number;
  /** Two-sided p-value of "no difference" (customer bootstrap; McNemar for ranking hits); only when the run recorded one. */
  readonly pValue?: number;
  /** Holm-adjusted p-value within the comparison's family of context and segment cells; only when recorded. */
  readonly pHolm?: number;
}

/**
 * Customer segments of the run: dimension "history" (training interactions) and "rfm"
 * (recency/frequency/monetary tertiles), levels in first-seen order; empty for runs without them.
 */
export interface SiteSegments {
  readonly dimensions: readonly { readonly name: string; readonly levels: readonly string[] }[];
  /** Per model × segment, flat, like {@link SiteSummary.cells}. */
  readonly cells: readonly SiteModelCell[];
  /** What the segments rest on (components left out and why); null when the run gave none. */
  readonly note: string | null;
  /** Family-wise error control of per-context and per-segment claims, e.g. "Holm, α = 0.05"; null when none. */
  readonly multipleTesting: string | null;
}

/** Ranking metric values of one model at one K. */
export interface SiteRankingValue {
  readonly model: string;
  readonly family: ModelFamily;
  readonly k: number;
  readonly hitRate: number;
  readonly ndcg: number;
  readonly mrr: number;
}

/** A paired ranking comparison irm − crm of one metric at one K, with McNemar for the hit rate. */
export interface SiteRankingComparison {
  readonly irm: string;
  readonly crm: string;
  /** "hitRate" | "ndcg" | "mrr". */
  readonly metric: string;
  readonly k: number;
  readonly overall: SiteDifference;
  /** McNemar's test on paired hits (hit rate only): b = IRM hit and CRM missed, c = the reverse. */
  readonly mcnemar: { readonly b: number; readonly c: number; readonly pValue: number } | null;
}

/** The run's full-catalogue ranking protocol, aggregates only. */
export interface SiteRanking {
  readonly ks: readonly number[];
  readonly queries: number;
  readonly customers: number;
  readonly items: number;
  /** The candidate rule ("all", "exclude-train-positives"); null for runs made before it was recorded. */
  readonly candidates: string | null;
  readonly values: readonly SiteRankingValue[];
  readonly comparisons: readonly SiteRankingComparison[];
  /** Models that were not ranked, with the reason. */
  readonly notRanked: readonly { readonly model: string; readonly reason: string }[];
}

export interface SiteContextDifference extends SiteDifference {
  readonly dimension: string;
  readonly level: string;
}

export interface SiteComparison {
  readonly irm: string;
  readonly crm: string;
  readonly metric: MetricName;
  readonly label: string;
  readonly higherIsBetter: boolean;
  /** Confidence level of every CI, e.g. 0.95. */
  readonly level: number;
  readonly resamples: number;
  /** metric(irm) and metric(crm) overall (null when suppressed or undefined). */
  readonly irmValue: number | null;
  readonly crmValue: number | null;
  readonly overall: SiteDifference;
  readonly byContext: readonly SiteContextDifference[];
  /** The same per customer segment (history, rfm); empty for runs without segments. */
  readonly bySegment: readonly SiteContextDifference[];
}

/** The headline comparison in words and numbers. */
export interface SiteVerdict {
  readonly verdict: Verdict | null;
  /** One plain sentence: who predicts better, or "no detectable difference". */
  readonly headline: string;
  /** The numbers behind it: values, difference, CI, relative change. */
  readonly detail: string;
  readonly metric: MetricName;
  readonly irm: string;
  readonly crm: string;
  /** Warnings the run recorded that qualify the verdict (e.g. no model beats the global-mean baseline). Absent: none. */
  readonly warnings?: readonly string[];
}

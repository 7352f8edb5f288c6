import type { MetricName } from "../evaluation/metric-names.js";
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

/** Which model a difference favours: only when its CI excludes 0, else "none". */
export type Winner = "irm" | "crm" | "none";

/**
 * A paired difference metric(irm) − metric(crm) on one cell. estimate/lower/upper/winner are null
 * when the cell is suppressed or the run could not resample it (then suppressed is false).
 */
export interface SiteDifference {
  readonly rows: number | null;
  readonly customers: number | null;
  readonly suppressed: boolean;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly winner: Winner | null;
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
}

/** The headline comparison in words and numbers. */
export interface SiteVerdict {
  readonly winner: Winner | null;
  /** One plain sentence: who predicts better, or "no detectable difference". */
  readonly headline: string;
  /** The numbers behind it: values, difference, CI, relative change. */
  readonly detail: string;
  readonly metric: MetricName;
  readonly irm: string;
  readonly crm: string;
}

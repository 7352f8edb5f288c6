/**
 * Rows of the analyst's explorer table (data/datasets/<dataset>/cells.arrow, built by
 * explorer-table.ts in the loader) and the way back from rows to a comparison, for the page. No
 * arquero here: the page loads arquero's browser bundle itself.
 */
import type { MetricName } from "../../evaluation/metric-names.js";
import type { SiteComparison, SiteContextDifference, SiteDifference } from "../site-summary-types.js";

/** What a row breaks the difference down by: the whole test set, a context value or a customer segment. */
export type ExplorerKind = "overall" | "context" | "segment";

/** One row of the explorer table (nullable numbers are null where the cell is suppressed or not estimated). */
export interface ExplorerRow extends Pick<SiteDifference, "rows" | "customers" | "suppressed" | "estimate" | "lower" | "upper" | "verdict"> {
  readonly irm: string;
  readonly crm: string;
  readonly metric: MetricName;
  /** Display label of the metric, e.g. "log-loss". */
  readonly label: string;
  readonly higherIsBetter: boolean;
  /** Confidence level of the comparison's intervals, e.g. 0.95. */
  readonly ciLevel: number;
  readonly resamples: number;
  readonly kind: ExplorerKind;
  /** "overall" for the overall row. */
  readonly dimension: string;
  /** "all test rows" for the overall row; pooled levels read "other (N levels)". */
  readonly level: string;
  /** The Holm-consistent interval of a cell and its level (null overall and in runs without it). */
  readonly adjLower: number | null;
  readonly adjUpper: number | null;
  readonly adjLevel: number | null;
  readonly margin: number | null;
  readonly pTost: number | null;
  readonly pValue: number | null;
  readonly pHolm: number | null;
  /** metric(irm) and metric(crm) on the cell. */
  readonly irmValue: number | null;
  readonly crmValue: number | null;
}

/** Column order of the published table. */
export const EXPLORER_COLUMNS = [
  "irm", "crm", "metric", "label", "higherIsBetter", "ciLevel", "resamples", "kind", "dimension", "level", "rows", "customers", "suppressed",
  "estimate", "lower", "upper", "verdict", "adjLower", "adjUpper", "adjLevel", "margin", "pTost", "pValue", "pHolm", "irmValue", "crmValue",
] as const satisfies readonly (keyof ExplorerRow)[];

/** The overall row's kind, dimension and level. */
export const OVERALL = { kind: "overall", dimension: "overall", level: "all test rows" } as const;

/** The difference columns of a published row (explorer and ranking tables): optional fields as null. */
export type DifferenceColumns = Pick<ExplorerRow, "rows" | "customers" | "suppressed" | "estimate" | "lower" | "upper" | "verdict" | "adjLower" | "adjUpper" | "adjLevel" | "margin" | "pTost" | "pValue" | "pHolm">;

/** A difference as flat columns (Arrow has no optional fields: absent ones become null). */
export function differenceColumns(d: SiteDifference): DifferenceColumns {
  return {
    rows: d.rows, customers: d.customers, suppressed: d.suppressed, estimate: d.estimate, lower: d.lower, upper: d.upper, verdict: d.verdict,
    adjLower: d.adjusted?.lower ?? null, adjUpper: d.adjusted?.upper ?? null, adjLevel: d.adjusted?.level ?? null,
    margin: d.margin ?? null, pTost: d.pTost ?? null, pValue: d.pValue ?? null, pHolm: d.pHolm ?? null,
  };
}

/** The difference back from its columns ({@link differenceColumns}'s inverse: null optional fields are left out). */
export function differenceOf(r: DifferenceColumns): SiteDifference {
  return {
    rows: r.rows, customers: r.customers, suppressed: r.suppressed, estimate: r.estimate, lower: r.lower, upper: r.upper, verdict: r.verdict,
    ...(r.adjLower === null || r.adjUpper === null || r.adjLevel === null ? {} : { adjusted: { lower: r.adjLower, upper: r.adjUpper, level: r.adjLevel } }),
    ...(r.margin === null ? {} : { margin: r.margin }),
    ...(r.pTost === null ? {} : { pTost: r.pTost }),
    ...(r.pValue === null ? {} : { pValue: r.pValue }),
    ...(r.pHolm === null ? {} : { pHolm: r.pHolm }),
  };
}

/**
 * The comparison of one model pair and metric from its explorer rows (as the page filtered them):
 * the overall row and the cells, in table order. Null when there is no overall row.
 * @param rows explorer rows of one pair and metric
 */
export function explorerComparison(rows: readonly ExplorerRow[]): SiteComparison | null {
  const overall = rows.find((r) => r.kind === "overall");
  if (!overall) return null;
  const cells = (kind: ExplorerKind): SiteContextDifference[] => rows.filter((r) => r.kind === kind).map((r) => ({ dimension: r.dimension, level: r.level, ...differenceOf(r) }));
  return {
    irm: overall.irm, crm: overall.crm, metric: overall.metric, label: overall.label, higherIsBetter: overall.higherIsBetter,
    level: overall.ciLevel, resamples: overall.resamples, irmValue: overall.irmValue, crmValue: overall.crmValue,
    overall: differenceOf(overall), byContext: cells("context"), bySegment: cells("segment"),
  };
}

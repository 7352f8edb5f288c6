/**
 * The comparison page's header (data/datasets/<dataset>/comparison.json): the few fields the page reads
 * beside its three Arrow tables (cells.arrow, models.arrow, ranking.arrow), so that it never downloads
 * the whole site summary. Aggregates only, like the summary it comes from.
 */
import type { SiteSummary } from "../site-summary-types.js";
import type { ModelTablesSource } from "./model-cells.js";
import { rankingProtocol, type RankingProtocol } from "./ranking-rows.js";

/** The comparison page's header. */
export interface ComparisonPage extends Omit<ModelTablesSource, "models" | "cells" | "segments"> {
  readonly schemaVersion: 1;
  readonly headlineMetric: SiteSummary["headlineMetric"];
  /** Confidence level of the comparisons' intervals (e.g. 0.95); null without a comparison. */
  readonly level: number | null;
  readonly segments: Pick<SiteSummary["segments"], "dimensions" | "note" | "multipleTesting">;
  /** The ranking protocol (its rows are ranking.arrow); null when the run ranked nothing. */
  readonly ranking: RankingProtocol | null;
}

/**
 * The comparison page's header of a site summary.
 * @param summary the dataset's site summary
 */
export function comparisonPage(summary: SiteSummary): ComparisonPage {
  return {
    schemaVersion: 1,
    minCellCustomers: summary.minCellCustomers,
    metrics: summary.metrics,
    headlineMetric: summary.headlineMetric,
    level: summary.comparisons[0]?.level ?? null,
    split: { testRows: summary.split.testRows },
    dataset: { contexts: summary.dataset.contexts },
    segments: { dimensions: summary.segments.dimensions, note: summary.segments.note, multipleTesting: summary.segments.multipleTesting },
    ranking: summary.ranking ? rankingProtocol(summary.ranking) : null,
  };
}

/**
 * The comparison page's ranking tables as one table (data/datasets/<dataset>/ranking.arrow): a "value"
 * row per model and K (hit rate, NDCG, MRR) and a "comparison" row per paired ranking comparison
 * (difference columns as in the explorer table, McNemar's counts and p), and the way back to the
 * summary's ranking, which the display tables (ranking-table.ts) read. No arquero here.
 */
import type { ModelFamily } from "../../models/model.js";
import type { SiteRanking } from "../site-summary-types.js";
import { differenceColumns, differenceOf, type DifferenceColumns } from "./explorer-rows.js";

/** One row of ranking.arrow; the columns of the other part are null. */
export interface RankingRow extends DifferenceColumns {
  /** "none": the one placeholder row of a run that ranked nothing (an Arrow table needs a typed column). */
  readonly part: "value" | "comparison" | "none";
  readonly k: number;
  /** value rows: the ranked model and its family. */
  readonly model: string | null;
  readonly family: ModelFamily | null;
  readonly hitRate: number | null;
  readonly ndcg: number | null;
  readonly mrr: number | null;
  /** comparison rows: the pair and the ranking metric ("hitRate", "ndcg", "mrr"). */
  readonly irm: string | null;
  readonly crm: string | null;
  readonly metric: string | null;
  /** McNemar's test on paired hits (hit rate only): b = IRM hit and CRM missed, c = the reverse. */
  readonly mcnemarB: number | null;
  readonly mcnemarC: number | null;
  readonly mcnemarP: number | null;
}

/** The ranking's protocol without its rows: what the page's header (comparison.json) carries. */
export type RankingProtocol = Omit<SiteRanking, "values" | "comparisons">;

const NO_DIFFERENCE: DifferenceColumns = differenceColumns({ rows: null, customers: null, suppressed: false, estimate: null, lower: null, upper: null, verdict: null });
const NO_VALUE = { model: null, family: null, hitRate: null, ndcg: null, mrr: null } as const;
const NO_COMPARISON = { irm: null, crm: null, metric: null, mcnemarB: null, mcnemarC: null, mcnemarP: null } as const;

/**
 * The rows of ranking.arrow: values first (model, then K, as the summary lists them), then comparisons.
 * @param ranking the site summary's ranking
 */
export function rankingRows(ranking: SiteRanking): RankingRow[] {
  return [
    ...ranking.values.map((v) => ({ part: "value" as const, k: v.k, ...NO_DIFFERENCE, ...NO_COMPARISON, model: v.model, family: v.family, hitRate: v.hitRate, ndcg: v.ndcg, mrr: v.mrr })),
    ...ranking.comparisons.map((c) => ({
      part: "comparison" as const, k: c.k, ...NO_VALUE, ...differenceColumns(c.overall), irm: c.irm, crm: c.crm, metric: c.metric,
      mcnemarB: c.mcnemar?.b ?? null, mcnemarC: c.mcnemar?.c ?? null, mcnemarP: c.mcnemar?.pValue ?? null,
    })),
  ];
}

/**
 * The rows ranking.arrow publishes: {@link rankingRows} without the columns that are null in every row
 * (Arrow cannot encode a column of nulls alone: its type is unknown), or one placeholder row
 * `{ part: "none" }` when there is nothing ranked. {@link rankingFromRows} reads both back.
 * @param ranking the site summary's ranking, or null when the run ranked nothing
 */
export function publishedRankingRows(ranking: SiteRanking | null): Partial<RankingRow>[] {
  const rows = ranking ? rankingRows(ranking) : [];
  if (rows.length === 0) return [{ part: "none" }];
  const kept = (Object.keys(rows[0]!) as (keyof RankingRow)[]).filter((key) => rows.some((r) => r[key] !== null));
  return rows.map((r) => Object.fromEntries(kept.map((key) => [key, r[key]])) as Partial<RankingRow>);
}

/** The ranking protocol of a summary's ranking (what stays in the page header). */
export function rankingProtocol(ranking: SiteRanking): RankingProtocol {
  const { values: _values, comparisons: _comparisons, ...protocol } = ranking;
  return protocol;
}

/**
 * The summary's ranking back from its protocol and rows ({@link rankingRows}'s inverse).
 * @param protocol the page header's ranking protocol
 * @param rows rows of ranking.arrow (columns left out read as null)
 */
export function rankingFromRows(protocol: RankingProtocol, published: readonly Partial<RankingRow>[]): SiteRanking {
  const rows: RankingRow[] = published.map((r) => ({ part: "none", k: 0, ...NO_DIFFERENCE, ...NO_VALUE, ...NO_COMPARISON, ...r }));
  return {
    ...protocol,
    values: rows.filter((r) => r.part === "value").map((r) => ({ model: r.model!, family: r.family!, k: r.k, hitRate: r.hitRate!, ndcg: r.ndcg!, mrr: r.mrr! })),
    comparisons: rows.filter((r) => r.part === "comparison").map((r) => ({
      irm: r.irm!, crm: r.crm!, metric: r.metric!, k: r.k, overall: differenceOf(r),
      mcnemar: r.mcnemarB === null || r.mcnemarC === null || r.mcnemarP === null ? null : { b: r.mcnemarB, c: r.mcnemarC, pValue: r.mcnemarP },
    })),
  };
}

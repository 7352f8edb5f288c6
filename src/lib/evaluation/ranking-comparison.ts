import type { ModelFamily } from "../models/model.js";
import type { RankingComparison, RankingMetricName, RankingModelMetrics } from "../records/metrics-record.js";
import { mcnemar } from "../stats/mcnemar.js";
import { DEFAULT_MIN_CUSTOMERS, inferredDifference, tooFewCustomersNote, withHolm, type CellWithDistribution, type InferredDifference } from "./cell-inference.js";
import { contextCells, DEFAULT_EQUIVALENCE, equivalenceMargin, type EquivalenceRule } from "./evaluate.js";
import { pairedMeanBootstrap } from "./paired-mean-bootstrap.js";
import type { RankingResult } from "./ranking.js";
import { DEFAULT_SMALL_CELL, signFlipMean, type SmallCellRule } from "./small-cell.js";

/**
 * Ranking results (rankingMetrics) into run-record form, and paired comparisons of two models'
 * rankings over the same queries.
 *
 *   RankingResult per model (per fold → concatRankings)
 *     → summarizeRanking: means per K overall and per context value of the query
 *     → compareRankings:  per K and metric (HR, NDCG, MRR): mean per-query difference with a
 *                         customer bootstrap CI (sign flips in cells with few customers), p and
 *                         TOST p off the same resamples (margin: a
 *                         share of the CRM model's mean); McNemar on paired hits for HR (reported,
 *                         not the basis of the verdict); per context value, Holm-adjusted
 */
export const RANKING_METRICS: readonly RankingMetricName[] = ["hitRate", "ndcg", "mrr"];

/** Joins per-fold ranking results of one model into one (queries of fold 1 first). */
export function concatRankings(parts: readonly RankingResult[]): RankingResult {
  const [first] = parts;
  if (!first) throw new RangeError("concatRankings: no ranking results to join");
  if (parts.length === 1) return first;
  const cat = <T extends Int32Array | Float64Array>(xs: T[]): T => {
    const out = new (xs[0]!.constructor as { new (n: number): T })(xs.reduce((s, x) => s + x.length, 0));
    let o = 0;
    for (const x of xs) {
      out.set(x, o);
      o += x.length;
    }
    return out;
  };
  const mean = (a: Float64Array): number => a.reduce((x, y) => x + y, 0) / a.length;
  const atK = first.atK.map((k, i) => {
    const hitRate = cat(parts.map((p) => p.atK[i]!.perQuery.hitRate));
    const ndcg = cat(parts.map((p) => p.atK[i]!.perQuery.ndcg));
    const mrr = cat(parts.map((p) => p.atK[i]!.perQuery.mrr));
    return { k: k.k, hitRate: mean(hitRate), ndcg: mean(ndcg), mrr: mean(mrr), perQuery: { hitRate, ndcg, mrr } };
  });
  const mrrPerQuery = cat(parts.map((p) => p.mrrPerQuery));
  return {
    queries: {
      customer: cat(parts.map((p) => p.queries.customer)),
      contexts: first.queries.contexts.map((c, d) => ({ name: c.name, levels: c.levels, codes: cat(parts.map((p) => p.queries.contexts[d]!.codes)) })),
      relevant: cat(parts.map((p) => p.queries.relevant)),
      candidates: cat(parts.map((p) => p.queries.candidates)),
      firstRank: cat(parts.map((p) => p.queries.firstRank)),
    },
    atK,
    mrr: mean(mrrPerQuery),
    mrrPerQuery,
    skippedQueries: parts.reduce((s, p) => s + p.skippedQueries, 0),
    threshold: first.threshold,
    candidates: first.candidates,
    items: first.items,
  };
}

/** Means per K overall and per context value of the query. */
export function summarizeRanking(model: string, family: ModelFamily, r: RankingResult): RankingModelMetrics {
  const n = r.queries.customer.length;
  const meanOver = (values: Float64Array, rows: Int32Array): number => {
    let s = 0;
    for (const i of rows) s += values[i]!;
    return s / rows.length;
  };
  return {
    model,
    family,
    mrr: r.mrr,
    atK: r.atK.map((k) => ({ k: k.k, hitRate: k.hitRate, ndcg: k.ndcg, mrr: k.mrr })),
    byContext: contextCells({ size: n, contexts: r.queries.contexts }).map((cell) => ({
      dimension: cell.dimension,
      level: cell.level,
      queries: cell.rows.length,
      customers: new Set(Array.from(cell.rows, (i) => r.queries.customer[i]!)).size,
      atK: r.atK.map((k) => ({ k: k.k, hitRate: meanOver(k.perQuery.hitRate, cell.rows), ndcg: meanOver(k.perQuery.ndcg, cell.rows), mrr: meanOver(k.perQuery.mrr, cell.rows) })),
    })),
  };
}

/** Options of {@link compareRankings}. */
export interface RankingCompareOptions {
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  /** Interval method. Default "percentile". */
  readonly method?: "percentile" | "bca";
  /** Cells with fewer customers get no CI, p-value or claim. Default 20. */
  readonly minCustomers?: number;
  /** Equivalence margin rule, relative to the CRM model's mean metric. Default 1% of it. */
  readonly equivalence?: EquivalenceRule;
  /** Cells with fewer customers get sign flips instead of the bootstrap. Default { signFlipBelow: 50, exactUpTo: 20 }. */
  readonly smallCell?: SmallCellRule;
}

/**
 * Paired comparisons irm − crm of HR@K, NDCG@K and MRR@K over the same queries.
 * @throws RangeError when the two results do not rank the same queries (different customers per query)
 */
export function compareRankings(irm: string, crm: string, a: RankingResult, b: RankingResult, options: RankingCompareOptions): RankingComparison[] {
  const qa = a.queries, qb = b.queries;
  const n = qa.customer.length;
  if (qb.customer.length !== n || qa.customer.some((c, i) => c !== qb.customer[i])) {
    throw new RangeError(`compareRankings: ${irm} and ${crm} ranked different queries (${n} vs ${qb.customer.length}); both must be ranked on the same split`);
  }
  const minCustomers = options.minCustomers ?? DEFAULT_MIN_CUSTOMERS;
  const equivalence = options.equivalence ?? DEFAULT_EQUIVALENCE;
  const smallCell = options.smallCell ?? DEFAULT_SMALL_CELL;
  const small = tooFewCustomersNote(minCustomers);
  const cells = contextCells({ size: n, contexts: qa.contexts });
  const out: RankingComparison[] = [];
  a.atK.forEach((ka, i) => {
    const kb = b.atK[i]!;
    for (const metric of RANKING_METRICS) {
      const va = ka.perQuery[metric], vb = kb.perQuery[metric];
      // every ranking metric is higher-is-better; the margin is a share of the CRM model's mean
      const rule = { level: options.level, margin: equivalenceMargin(equivalence, kb[metric]), higherIsBetter: true };
      const diff = (rows: Int32Array | null): InferredDifference | null => {
        const pick = (x: Float64Array): Float64Array => (rows ? Float64Array.from(rows, (r) => x[r]!) : x);
        const cluster = rows ? Int32Array.from(rows, (r) => qa.customer[r]!) : qa.customer;
        const customers = new Set(cluster).size;
        if (customers < minCustomers) return null;
        const r = customers < smallCell.signFlipBelow
          ? signFlipMean(cluster, pick(va), pick(vb), { resamples: options.resamples, seed: options.seed, exactUpTo: smallCell.exactUpTo })
          : pairedMeanBootstrap({ cluster, a: pick(va), b: pick(vb), resamples: options.resamples, seed: options.seed, method: options.method ?? "percentile" });
        return { difference: inferredDifference(r, r.distribution, rule), distribution: r.distribution };
      };
      const overall = diff(null);
      if (!overall) throw new RangeError(`compareRankings: fewer than ${minCustomers} customers have ranking queries (inference.minCustomers); no confidence interval`);
      const byContext = cells.map((cell): CellWithDistribution => {
        const customers = new Set(Array.from(cell.rows, (r) => qa.customer[r]!)).size;
        const d = diff(cell.rows);
        return {
          cell: { dimension: cell.dimension, level: cell.level, rows: cell.rows.length, customers, difference: d?.difference ?? null, ...(d ? {} : { note: small }) },
          distribution: d?.distribution ?? null,
        };
      });
      const mc = metric === "hitRate" ? mcnemar(va, vb) : null;
      out.push({
        irm,
        crm,
        metric,
        k: ka.k,
        overall: overall.difference,
        ...(mc ? { mcnemar: { b: mc.b, c: mc.c, method: mc.method, statistic: mc.statistic, pValue: mc.pValue } } : {}),
        byContext: withHolm([byContext], rule)[0]!,
      });
    }
  });
  return out;
}

import type { RankingRecord } from "../records/metrics-record.js";
import { siteDifference } from "./site-cells.js";
import type { SiteRanking } from "./site-summary-types.js";

/**
 * The ranking protocol of a run for publication: every model's HR/NDCG/MRR at each K (means over
 * all queries, which always cover the whole test set) and the paired comparisons, whose overall
 * difference is withheld when it rests on fewer customers than the threshold. Per-context ranking
 * cells are left out (the site shows ranking overall only).
 * @param ranking metrics.json's ranking record
 * @param small whether a customer count is below the suppression threshold
 */
export function siteRanking(ranking: RankingRecord, small: (customers: number) => boolean): SiteRanking {
  return {
    ks: [...ranking.ks],
    queries: ranking.queries,
    customers: ranking.customers,
    items: ranking.items,
    candidates: ranking.candidates ?? null,
    // Means over every query: withheld, like any cell, when the queries come from too few customers.
    values: small(ranking.customers) ? [] : ranking.models.flatMap((m) => m.atK.map((a) => ({ model: m.model, family: m.family, k: a.k, hitRate: a.hitRate, ndcg: a.ndcg, mrr: a.mrr }))),
    comparisons: ranking.comparisons.map((c) => {
      const overall = siteDifference(c.overall, c.overall, true, small);
      return {
        irm: c.irm,
        crm: c.crm,
        metric: c.metric,
        k: c.k,
        overall,
        mcnemar: c.mcnemar && !overall.suppressed ? { b: c.mcnemar.b, c: c.mcnemar.c, pValue: c.mcnemar.pValue } : null,
      };
    }),
    notRanked: ranking.notRanked.map((n) => ({ model: n.model, reason: n.reason })),
  };
}

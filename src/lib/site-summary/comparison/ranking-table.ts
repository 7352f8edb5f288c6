import type { SiteRanking } from "../site-summary-types.js";
import { formatInterval, formatPointEstimate, intervalOf } from "../../format/format-interval.js";
import { formatNumber, formatP } from "../../format/format-number.js";
import type { DisplayTable } from "../tables.js";

const CANDIDATE_RULES: Readonly<Record<string, string>> = {
  all: "every item is a candidate, repeat choices included",
  "exclude-train-positives": "a customer's earlier positives are neither candidates nor relevant",
};

const RANKING_LABELS: Readonly<Record<string, string>> = { hitRate: "hit rate", ndcg: "NDCG", mrr: "MRR" };

/**
 * Every ranked model's hit rate, NDCG and MRR at each K: one row per model, columns per K.
 * @param ranking the site summary's ranking
 */
export function rankingMetricsTable(ranking: SiteRanking): DisplayTable {
  const models = [...new Set(ranking.values.map((v) => v.model))];
  const at = new Map(ranking.values.map((v) => [`${v.model}\u0000${v.k}`, v]));
  return {
    caption:
      `Full-catalogue ranking over ${ranking.items.toLocaleString("en-US")} items (${CANDIDATE_RULES[ranking.candidates ?? ""] ?? "every item is a candidate"}); means over ` +
      `${ranking.queries.toLocaleString("en-US")} test queries of ${ranking.customers.toLocaleString("en-US")} customers (higher is better).`,
    columns: ["model", ...ranking.ks.flatMap((k) => [`hit rate@${k}`, `NDCG@${k}`, `MRR@${k}`])],
    rows: models.map((model) => ({
      cells: [model, ...ranking.ks.flatMap((k) => {
        const v = at.get(`${model}\u0000${k}`);
        return v ? [formatNumber(v.hitRate), formatNumber(v.ndcg), formatNumber(v.mrr)] : ["—", "—", "—"];
      })],
      suppressed: [false, ...ranking.ks.flatMap(() => [false, false, false])],
    })),
  };
}

/**
 * The paired ranking comparisons IRM − CRM: difference, CI, bootstrap p and, for the hit rate,
 * McNemar's test on paired hits.
 * @param ranking the site summary's ranking
 */
export function rankingComparisonTable(ranking: SiteRanking): DisplayTable {
  return {
    caption: "Ranking difference IRM − CRM over the same queries (bootstrap over customers); for the hit rate also McNemar's test on queries where exactly one model hit.",
    columns: ["metric", "models", "difference", "confidence interval", "p (bootstrap)", "McNemar: IRM-only hits / CRM-only hits, p"],
    rows: ranking.comparisons.map((c) => {
      const o = c.overall;
      const hidden = o.suppressed;
      return {
        cells: [
          `${RANKING_LABELS[c.metric] ?? c.metric}@${c.k}`,
          `${c.irm} − ${c.crm}`,
          hidden ? "suppressed" : formatPointEstimate(intervalOf(o.estimate, o.lower, o.upper), { signed: true }),
          hidden ? "suppressed" : formatInterval(intervalOf(o.estimate, o.lower, o.upper), { signed: true }),
          hidden ? "suppressed" : formatP(o.pValue),
          c.mcnemar ? `${c.mcnemar.b} / ${c.mcnemar.c}, p ${formatP(c.mcnemar.pValue)}` : "—",
        ],
        suppressed: [false, false, hidden, hidden, hidden, false],
      };
    }),
  };
}

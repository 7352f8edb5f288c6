import { describe, expect, it } from "vitest";
import { rankingMetrics } from "../../../src/lib/evaluation/ranking.js";
import { compareRankings, concatRankings, summarizeRanking } from "../../../src/lib/evaluation/ranking-comparison.js";
import { mcnemar } from "../../../src/lib/stats/mcnemar.js";
import { createRng } from "../../../src/lib/random/rng.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

// 30 customers, 12 items; each customer's test positive is item (c mod 12) in context "a" or "b"
const rng = createRng(3);
const customers = Array.from({ length: 30 }, (_, c) => `c${c}`);
const items = Array.from({ length: 12 }, (_, i) => `i${i}`);
const rows = { customer: [] as string[], item: [] as string[], outcome: [] as number[], ctx: [] as string[] };
for (const [c, id] of customers.entries()) {
  for (const [m, item] of items.entries()) {
    rows.customer.push(id);
    rows.item.push(item);
    rows.outcome.push(m === c % 12 ? 1 : 0);
    rows.ctx.push(c % 2 ? "a" : "b");
  }
}
const data = makeInteractions({ customer: rows.customer, item: rows.item, outcome: rows.outcome, contexts: { companion: rows.ctx } });
const empty = { ...data, size: 0, customer: new Int32Array(0), item: new Int32Array(0), outcome: new Float64Array(0), contexts: data.contexts.map((c) => ({ ...c, codes: new Int32Array(0) })) };
// a knows the truth for even customers, b scores at random
const good = (r: typeof data) => Float64Array.from({ length: r.size }, (_, i) => (r.item[i] === r.customer[i]! % 12 && r.customer[i]! % 2 === 0 ? 1 : rng.next() * 0.5));
const noise = (r: typeof data) => Float64Array.from({ length: r.size }, () => rng.next());
const ra = rankingMetrics(empty, data, good, { ks: [1, 3] });
const rb = rankingMetrics(empty, data, noise, { ks: [1, 3] });

describe("ranking comparison", () => {
  it("compares HR, NDCG and MRR per K with the mean per-query difference and McNemar on hits", () => {
    const cmp = compareRankings("a", "b", ra, rb, { resamples: 200, level: 0.95, seed: 1, minCustomers: 10 });
    expect(cmp.map((c) => `${c.metric}@${c.k}`)).toEqual(["hitRate@1", "ndcg@1", "mrr@1", "hitRate@3", "ndcg@3", "mrr@3"]);
    const hr1 = cmp[0]!;
    expect(hr1.overall.estimate).toBeCloseTo(ra.atK[0]!.hitRate - rb.atK[0]!.hitRate, 14);
    const m = mcnemar(ra.atK[0]!.perQuery.hitRate, rb.atK[0]!.perQuery.hitRate);
    expect(hr1.mcnemar).toEqual({ b: m.b, c: m.c, method: m.method, statistic: m.statistic, pValue: m.pValue });
    expect(cmp[1]!.mcnemar).toBeUndefined();
    expect(hr1.byContext.map((c) => [c.level, c.rows, c.customers])).toEqual([["b", 15, 15], ["a", 15, 15]]);
    // model a is perfect on context b (even customers): a clear, Holm-supported win there
    expect(hr1.byContext[0]!.difference!.lower).toBeGreaterThan(0);
    expect(hr1.byContext[0]!.difference!.pHolm).toBeLessThan(0.05);
    expect(hr1.byContext[0]!.difference!.adjusted!.lower).toBeGreaterThan(0);
    expect(hr1.byContext[0]!.difference!.verdict).toBe("irm-better");
    // 30 and 15 customers (< 50): customer sign flips, all 2^15 in a context value, random ones overall
    expect([hr1.overall.test, hr1.overall.resamples]).toEqual(["sign-flip Monte Carlo", 201]);
    expect([hr1.byContext[0]!.difference!.test, hr1.byContext[0]!.difference!.resamples]).toEqual(["sign-flip exact", 2 ** 15]);
    // the margin is 1% of model b's hit rate
    expect(hr1.overall.margin).toBeCloseTo(0.01 * rb.atK[0]!.hitRate, 15);
  });

  it("gives cells under the minimum number of customers no CI, p-value or claim, and says so", () => {
    const cmp = compareRankings("a", "b", ra, rb, { resamples: 50, level: 0.95, seed: 1 });
    // 15 customers per context value < the default 20
    expect(cmp[0]!.byContext.map((c) => [c.difference, c.note])).toEqual([
      [null, "fewer than 20 customers: metrics only, no CI, p-value or claim"],
      [null, "fewer than 20 customers: metrics only, no CI, p-value or claim"],
    ]);
    expect(() => compareRankings("a", "b", ra, rb, { resamples: 50, level: 0.95, seed: 1, minCustomers: 31 })).toThrowError(/fewer than 31 customers have ranking queries \(inference.minCustomers\)/);
  });

  it("summarizes means overall and per context of the query", () => {
    const s = summarizeRanking("a", "irm", ra);
    expect(s.atK[0]).toEqual({ k: 1, hitRate: ra.atK[0]!.hitRate, ndcg: ra.atK[0]!.ndcg, mrr: ra.atK[0]!.mrr });
    expect(s.byContext.find((c) => c.level === "b")!.atK[0]!.hitRate).toBe(1);
  });

  it("joins folds by concatenating queries", () => {
    const j = concatRankings([ra, ra]);
    expect(j.queries.customer.length).toBe(2 * ra.queries.customer.length);
    expect(j.atK[1]!.hitRate).toBeCloseTo(ra.atK[1]!.hitRate, 14);
  });

  it("refuses to compare rankings of different queries", () => {
    const other = rankingMetrics(empty, { ...data, outcome: data.outcome.map((y, i) => (data.customer[i]! < 20 ? y : 0)) }, noise, { ks: [1, 3] });
    expect(() => compareRankings("a", "b", ra, other, { resamples: 50, level: 0.95, seed: 1 })).toThrowError(/a and b ranked different queries \(30 vs 20\)/);
  });
});

import { describe, expect, it } from "vitest";
import { rankingMetrics, type ScoreFn } from "../../../src/lib/evaluation/ranking.js";
import { takeRows, type Interactions } from "../../../src/lib/schema/interactions.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

// Catalogue i0..i5. Rows 0–3 are training, 4–8 test.
const all = makeInteractions({
  customer: ["A", "A", "B", "B", "A", "A", "A", "B", "B"],
  item: ["i0", "i1", "i2", "i3", "i2", "i4", "i5", "i3", "i1"],
  outcome: [1, 0, 1, 1, 1, 0, 1, 0, 0],
  contexts: { companion: ["alone", "alone", "friends", "friends", "alone", "alone", "friends", "friends", "alone"] },
  timestamp: [1, 2, 3, 4, 5, 6, 7, 8, 9],
});
const train = takeRows(all, Int32Array.from([0, 1, 2, 3]));
const test = takeRows(all, Int32Array.from([4, 5, 6, 7, 8]));
// Queries with a positive: (A, alone) → i2, (A, friends) → i5. (B, friends) and (B, alone) have none.
const item = (name: string) => all.itemIds.indexOf(name);
const level = (name: string) => all.contexts[0]!.levels.indexOf(name);
const isPositive = (rows: Interactions, r: number) =>
  (rows.customer[r] === 0 && rows.contexts[0]!.codes[r] === level("alone") && rows.item[r] === item("i2")) ||
  (rows.customer[r] === 0 && rows.contexts[0]!.codes[r] === level("friends") && rows.item[r] === item("i5"));
const perfect: ScoreFn = (rows) => Float64Array.from({ length: rows.size }, (_, r) => (isPositive(rows, r) ? 1 : 0));
const reversed: ScoreFn = (rows) => Float64Array.from({ length: rows.size }, (_, r) => (isPositive(rows, r) ? 0 : 1 + rows.item[r]!));
const constant: ScoreFn = (rows) => new Float64Array(rows.size).fill(0.5);
const ks = [1, 3, 5];
const summary = (r: ReturnType<typeof rankingMetrics>) => r.atK.map(({ k, hitRate, ndcg, mrr }) => ({ k, hitRate, ndcg, mrr }));

describe("rankingMetrics", () => {
  it("gives HR = NDCG = MRR = 1 for a perfect scorer and describes the queries", () => {
    const r = rankingMetrics(train, test, perfect, { ks });
    expect(summary(r)).toEqual(ks.map((k) => ({ k, hitRate: 1, ndcg: 1, mrr: 1 })));
    expect(r.mrr).toBe(1);
    expect([...r.queries.customer]).toEqual([0, 0]);
    expect(r.queries.contexts.map((c) => [c.name, [...c.codes].map((l) => c.levels[l])])).toEqual([["companion", ["alone", "friends"]]]);
    expect([...r.queries.relevant]).toEqual([1, 1]);
    // A's training positive i0 is excluded: 5 of 6 items are ranked
    expect([...r.queries.candidates]).toEqual([5, 5]);
    expect(r.skippedQueries).toBe(2);
    expect(r.items).toBe(6);
  });

  it("ranks the relevant item last for a reversed scorer", () => {
    const r = rankingMetrics(train, test, reversed, { ks });
    // rank 5 of 5 in both queries
    expect(summary(r)).toEqual([
      { k: 1, hitRate: 0, ndcg: 0, mrr: 0 },
      { k: 3, hitRate: 0, ndcg: 0, mrr: 0 },
      { k: 5, hitRate: 1, ndcg: 1 / Math.log2(6), mrr: 0.2 },
    ]);
    expect(r.mrr).toBe(0.2);
    expect([...r.queries.firstRank]).toEqual([5, 5]);
  });

  it("keeps training positives as candidates when asked", () => {
    const r = rankingMetrics(train, test, reversed, { ks, keepTrainPositives: true });
    expect([...r.queries.candidates]).toEqual([6, 6]);
    expect([...r.queries.firstRank]).toEqual([6, 6]);
    expect(r.atK[2]!.hitRate).toBe(0);
  });

  it("averages the optimistic and pessimistic rank on ties", () => {
    const r = rankingMetrics(train, test, constant, { ks });
    // 1 relevant among 5 tied candidates: ranks 1..5, average 3
    expect([...r.queries.firstRank]).toEqual([3, 3]);
    expect(summary(r)).toEqual([
      { k: 1, hitRate: 0, ndcg: 0, mrr: 0 },
      { k: 3, hitRate: 1, ndcg: 0.5, mrr: 1 / 3 },
      { k: 5, hitRate: 1, ndcg: 0.5, mrr: 1 / 3 },
    ]);
  });

  it("ranks several relevant items, tied with non-relevant ones, by hand", () => {
    const data = makeInteractions({ customer: ["A", "A", "A", "A", "A"], item: ["a", "b", "c", "d", "e"], outcome: [1, 1, 0, 0, 0] });
    const scores = [0.9, 0.5, 0.5, 0.7, 0.1]; // by item code: relevant a (0.9), b (0.5, tied with c)
    const r = rankingMetrics(takeRows(data, new Int32Array(0)), data, (rows) => Float64Array.from(rows.item, (m) => scores[m]!), { ks: [1, 2, 3] });
    // ranks: a = 1; b = 2nd relevant + 1 non-relevant above (d) + half of the tie with c = 2 + 1 + 0.5 = 3.5
    const ideal2 = 1 + 1 / Math.log2(3);
    expect(summary(r)).toEqual([
      { k: 1, hitRate: 1, ndcg: 1, mrr: 1 },
      { k: 2, hitRate: 1, ndcg: 1 / ideal2, mrr: 1 },
      { k: 3, hitRate: 1, ndcg: 1 / ideal2, mrr: 1 },
    ]);
    const r5 = rankingMetrics(takeRows(data, new Int32Array(0)), data, (rows) => Float64Array.from(rows.item, (m) => scores[m]!), { ks: [4] });
    expect(r5.atK[0]!.ndcg).toBeCloseTo((1 + 1 / Math.log2(4.5)) / ideal2, 15);
  });

  it("never excludes a query's own relevant item, even when it was a training positive (re-purchase)", () => {
    const data = makeInteractions({ customer: ["A", "A", "A"], item: ["a", "b", "a"], outcome: [1, 1, 1] });
    const r = rankingMetrics(takeRows(data, Int32Array.from([0, 1])), takeRows(data, Int32Array.from([2])), constant, { ks: [1] });
    // b excluded (training positive), a kept: 1 candidate
    expect([...r.queries.candidates]).toEqual([1]);
    expect(r.atK[0]!.hitRate).toBe(1);
  });

  it("gives the scorer candidate rows in the query's context and at the query's time, and is batch-size invariant", () => {
    const seen: string[] = [];
    const spy: ScoreFn = (rows) => {
      for (let r = 0; r < rows.size; r++) seen.push(`${rows.customerIds[rows.customer[r]!]}/${rows.contexts[0]!.levels[rows.contexts[0]!.codes[r]!]}/${rows.itemIds[rows.item[r]!]}@${rows.timestamp![r]}`);
      return reversed(rows);
    };
    const r = rankingMetrics(train, test, spy, { ks, batchSize: 2 });
    expect(seen).toEqual([
      ...["i1", "i2", "i3", "i4", "i5"].map((m) => `A/alone/${m}@6`),
      ...["i1", "i2", "i3", "i4", "i5"].map((m) => `A/friends/${m}@7`),
    ]);
    for (const batchSize of [1, 7, 100000]) {
      expect(rankingMetrics(train, test, reversed, { ks, batchSize })).toEqual(r);
    }
  });

  it("uses the top of the rating scale minus 1 as the default threshold", () => {
    const data = makeInteractions({
      customer: ["A", "A", "A"], item: ["a", "b", "c"], outcome: [3, 4, 5],
      outcomeSpec: { type: "rating", min: 1, max: 5 },
    });
    const r = rankingMetrics(takeRows(data, new Int32Array(0)), data, (rows) => Float64Array.from(rows.item, (m) => -m), { ks: [2] });
    expect(r.threshold).toBe(4);
    expect([...r.queries.relevant]).toEqual([2]);
    // ranks: a (not relevant) 1, b 2, c 3; only b is within K = 2
    expect(r.atK[0]!.ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 15);
  });

  it("restricts ranking to a catalogue but still ranks the relevant items", () => {
    const r = rankingMetrics(train, test, reversed, { ks, catalogue: Int32Array.from([item("i3"), item("i3"), item("i4")]) });
    expect([...r.queries.candidates]).toEqual([3, 3]);
    expect(r.items).toBe(2);
  });

  it("rejects bad options, scorers and inputs with a clear message", () => {
    expect(() => rankingMetrics(train, test, perfect, { ks: [0] })).toThrowError(/ks must be positive integers, got \[0\]/);
    expect(() => rankingMetrics(train, test, perfect, { batchSize: 0 })).toThrowError(/batchSize must be a positive integer, got 0/);
    expect(() => rankingMetrics(train, test, perfect, { threshold: Number.NaN })).toThrowError(/threshold must be a finite number, got NaN/);
    expect(() => rankingMetrics(train, test, perfect, { catalogue: Int32Array.from([9]) })).toThrowError(/catalogue\[0\] = 9 is not an item code in \[0, 6\)/);
    expect(() => rankingMetrics(train, test, () => new Float64Array(1))).toThrowError(/score returned 1 scores for 10 candidate rows/);
    expect(() => rankingMetrics(train, test, (rows) => new Float64Array(rows.size).fill(Number.NaN))).toThrowError(/score returned "NaN" for candidate row 0 \(customer "A", item "i1"\); scores must be finite/);
    const other = makeInteractions({ customer: ["A"], item: ["x"], outcome: [1] });
    expect(() => rankingMetrics(other, test, perfect)).toThrowError(/train and test must share customer and item dictionaries/);
    expect(() => rankingMetrics(train, takeRows(all, Int32Array.from([5, 7])), perfect)).toThrowError(/no test query has a relevant item \(outcome ≥ 1\)/);
  });
});

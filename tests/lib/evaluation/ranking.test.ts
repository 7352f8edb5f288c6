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
const exclude = "exclude-train-positives" as const;
const summary = (r: ReturnType<typeof rankingMetrics>) => r.atK.map(({ k, hitRate, ndcg, mrr }) => ({ k, hitRate, ndcg, mrr }));

describe("rankingMetrics", () => {
  it("gives HR = NDCG = MRR = 1 for a perfect scorer and describes the queries", () => {
    const r = rankingMetrics(train, test, perfect, { ks, candidates: exclude });
    expect(summary(r)).toEqual(ks.map((k) => ({ k, hitRate: 1, ndcg: 1, mrr: 1 })));
    expect(r.mrr).toBe(1);
    expect([...r.queries.customer]).toEqual([0, 0]);
    expect(r.queries.contexts.map((c) => [c.name, [...c.codes].map((l) => c.levels[l])])).toEqual([["companion", ["alone", "friends"]]]);
    expect([...r.queries.relevant]).toEqual([1, 1]);
    // A's training positive i0 is excluded: 5 of 6 items are ranked
    expect([...r.queries.candidates]).toEqual([5, 5]);
    expect(r.skippedQueries).toBe(2);
    expect(r.items).toBe(6);
    expect(r.candidates).toBe(exclude);
    // the default rule ranks every item
    expect([...rankingMetrics(train, test, perfect, { ks }).queries.candidates]).toEqual([6, 6]);
  });

  it("ranks the relevant item last for a reversed scorer", () => {
    const r = rankingMetrics(train, test, reversed, { ks, candidates: exclude });
    // rank 5 of 5 in both queries
    expect(summary(r)).toEqual([
      { k: 1, hitRate: 0, ndcg: 0, mrr: 0 },
      { k: 3, hitRate: 0, ndcg: 0, mrr: 0 },
      { k: 5, hitRate: 1, ndcg: 1 / Math.log2(6), mrr: 0.2 },
    ]);
    expect(r.mrr).toBe(0.2);
    expect([...r.queries.firstRank]).toEqual([5, 5]);
  });

  it("keeps training positives as candidates under the rule \"all\"", () => {
    const r = rankingMetrics(train, test, reversed, { ks, candidates: "all" });
    expect([...r.queries.candidates]).toEqual([6, 6]);
    expect([...r.queries.firstRank]).toEqual([6, 6]);
    expect(r.atK[2]!.hitRate).toBe(0);
  });

  it("averages the optimistic and pessimistic rank on ties", () => {
    const r = rankingMetrics(train, test, constant, { ks, candidates: exclude });
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

  it("treats a re-purchase the same whatever its test label: excluded from candidates AND relevance, or kept in both", () => {
    const data = makeInteractions({ customer: ["A", "A", "A", "A"], item: ["a", "b", "a", "c"], outcome: [1, 1, 1, 1] });
    const tr = takeRows(data, Int32Array.from([0, 1])), te = takeRows(data, Int32Array.from([2, 3]));
    // "all": a, b, c are candidates; a (bought before) and c are relevant
    const all3 = rankingMetrics(tr, te, constant, { ks: [1] });
    expect([[...all3.queries.candidates], [...all3.queries.relevant]]).toEqual([[3], [2]]);
    // exclude: a and b leave the candidates, and a leaves the relevant set with them
    const excl = rankingMetrics(tr, te, constant, { ks: [1], candidates: exclude });
    expect([[...excl.queries.candidates], [...excl.queries.relevant]]).toEqual([[1], [1]]);
    // a query whose only relevant item was a training positive has nothing left to rank
    expect(() => rankingMetrics(tr, takeRows(data, Int32Array.from([2])), constant, { ks: [1], candidates: exclude })).toThrowError(/no test query has a relevant candidate item/);
  });

  it("builds the same candidate set for a customer whatever the test labels are", () => {
    const n = 400;
    const seed = (i: number) => (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32;
    const base = {
      customer: Array.from({ length: n }, (_, i) => `c${i % 20}`),
      item: Array.from({ length: n }, (_, i) => `i${Math.floor(seed(i) * 15)}`),
      contexts: { companion: Array.from({ length: n }, (_, i) => (seed(i + 7) < 0.5 ? "alone" : "family")) },
    };
    const labels = (k: number) => Array.from({ length: n }, (_, i) => (seed(i * 31 + k) < 0.4 ? 1 : 0));
    const trainIdx = Int32Array.from({ length: n / 2 }, (_, i) => i), testIdx = Int32Array.from({ length: n / 2 }, (_, i) => n / 2 + i);
    for (const candidates of ["all", exclude] as const) {
      const seen: Map<string, string>[] = [];
      for (const k of [1, 2, 3]) {
        // the same training rows, three different labellings of the test rows
        const outcome = [...labels(0).slice(0, n / 2), ...labels(k).slice(n / 2)];
        const data = makeInteractions({ ...base, outcome });
        const byCustomer = new Map<string, string>();
        const spy: ScoreFn = (rows) => {
          const items = new Map<string, string[]>();
          for (let r = 0; r < rows.size; r++) {
            const key = `${rows.customerIds[rows.customer[r]!]}/${rows.contexts[0]!.codes[r]}`;
            items.set(key, [...(items.get(key) ?? []), rows.itemIds[rows.item[r]!]!]);
          }
          for (const [key, list] of items) byCustomer.set(key.split("/")[0]!, list.sort().join(","));
          return new Float64Array(rows.size);
        };
        rankingMetrics(takeRows(data, trainIdx), takeRows(data, testIdx), spy, { ks: [5], candidates, batchSize: 1 });
        seen.push(byCustomer);
      }
      const shared = [...seen[0]!.keys()].filter((c) => seen.every((m) => m.has(c)));
      expect(shared.length).toBeGreaterThan(10);
      for (const c of shared) expect(seen.map((m) => m.get(c))).toEqual([seen[0]!.get(c), seen[0]!.get(c), seen[0]!.get(c)]);
    }
  });

  it("gives the scorer candidate rows in the query's context and at the query's time, and is batch-size invariant", () => {
    const seen: string[] = [];
    const spy: ScoreFn = (rows) => {
      for (let r = 0; r < rows.size; r++) seen.push(`${rows.customerIds[rows.customer[r]!]}/${rows.contexts[0]!.levels[rows.contexts[0]!.codes[r]!]}/${rows.itemIds[rows.item[r]!]}@${rows.timestamp![r]}`);
      return reversed(rows);
    };
    const r = rankingMetrics(train, test, spy, { ks, batchSize: 2, candidates: exclude });
    expect(seen).toEqual([
      ...["i1", "i2", "i3", "i4", "i5"].map((m) => `A/alone/${m}@6`),
      ...["i1", "i2", "i3", "i4", "i5"].map((m) => `A/friends/${m}@7`),
    ]);
    for (const batchSize of [1, 7, 100000]) {
      expect(rankingMetrics(train, test, reversed, { ks, batchSize, candidates: exclude })).toEqual(r);
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

  it("restricts ranking to a catalogue; a relevant item outside it is not relevant (no test label widens the candidates)", () => {
    const r = rankingMetrics(train, test, reversed, { ks, catalogue: Int32Array.from([item("i2"), item("i3"), item("i3"), item("i4")]) });
    // (A, alone) keeps i2; (A, friends) had only i5, outside the catalogue: skipped
    expect([...r.queries.candidates]).toEqual([3]);
    expect(r.skippedQueries).toBe(3);
    expect(r.items).toBe(3);
  });

  it("rejects bad options, scorers and inputs with a clear message", () => {
    expect(() => rankingMetrics(train, test, perfect, { ks: [0] })).toThrowError(/ks must be positive integers, got \[0\]/);
    expect(() => rankingMetrics(train, test, perfect, { batchSize: 0 })).toThrowError(/batchSize must be a positive integer, got 0/);
    expect(() => rankingMetrics(train, test, perfect, { threshold: Number.NaN })).toThrowError(/threshold must be a finite number, got NaN/);
    expect(() => rankingMetrics(train, test, perfect, { catalogue: Int32Array.from([9]) })).toThrowError(/catalogue\[0\] = 9 is not an item code in \[0, 6\)/);
    expect(() => rankingMetrics(train, test, () => new Float64Array(1))).toThrowError(/score returned 1 scores for 12 candidate rows/);
    expect(() => rankingMetrics(train, test, perfect, { candidates: "new" as never })).toThrowError(/candidates must be one of all, exclude-train-positives, got "new"/);
    expect(() => rankingMetrics(train, test, (rows) => new Float64Array(rows.size).fill(Number.NaN))).toThrowError(/score returned "NaN" for candidate row 0 \(customer "A", item "i0"\); scores must be finite/);
    const other = makeInteractions({ customer: ["A"], item: ["x"], outcome: [1] });
    expect(() => rankingMetrics(other, test, perfect)).toThrowError(/train and test must share customer and item dictionaries/);
    expect(() => rankingMetrics(train, takeRows(all, Int32Array.from([5, 7])), perfect)).toThrowError(/no test query has a relevant candidate item \(outcome ≥ 1, candidates "all"\)/);
  });
});

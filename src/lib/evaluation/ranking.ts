import type { ContextColumn, Interactions } from "../schema/interactions.js";
import type { OutcomeSpec } from "../schema/outcome.js";
import { groupRowsByCustomer } from "../split/customer-rows.js";

/**
 * Top-K ranking over the FULL item catalogue, per (customer, context combination) query.
 *
 *   test rows → queries: rows grouped by customer and by the combination of all context codes;
 *               relevant items: the query's test positives that are candidates; a query counts
 *               when it has ≥ 1 relevant item
 *   per query → candidates (the candidate rule, from the catalogue and TRAINING rows only, never
 *               from test outcomes): "all" = every catalogue item; "exclude-train-positives" =
 *               every catalogue item minus the customer's training positives
 *             → score(candidate rows) in batches → average rank of each relevant item
 *             → HR@K, NDCG@K, MRR@K (cut at K), full MRR
 *   → means over queries, and per-query values (with the query's customer code) for paired
 *     customer-level bootstraps and McNemar tests
 *
 * Ties: a relevant item's rank is the mean of its optimistic and pessimistic rank. The j-th best
 * relevant item (j = 1, 2, ...) with score s has rank j + G + T/2, where G and T count NON-relevant
 * candidates scoring above and equal to s. A constant scorer thus gets the expected rank of a
 * random order, not the best or worst case; ranks can be fractional (x.5), and HR@K counts a hit
 * only when that average rank is ≤ K.
 * Gains are binary: DCG@K = Σ_{rank_j ≤ K} 1 / log2(rank_j + 1), divided by the ideal DCG
 * Σ_{i ≤ min(R, K)} 1 / log2(i + 1) for R relevant items.
 *
 * Why the candidate set must not look at test labels: a rule such as "drop training positives
 * unless they are relevant in this query" leaves exactly the repeat purchases that are right in
 * the candidate list, which rewards any scorer that re-offers past purchases (on the default data
 * 29.6% of relevant test items are training positives).
 */
/** The candidate rules (see {@link RankingOptions.candidates}). */
export const RANKING_CANDIDATES = ["all", "exclude-train-positives"] as const;
export type RankingCandidates = (typeof RANKING_CANDIDATES)[number];
/**
 * Default candidate rule: "all". Repeat choices are a large part of what customers do (and of what
 * a context-aware model should predict), so the default asks which items the customer chooses in
 * this context, repeats included; "exclude-train-positives" asks about discovery of new items.
 */
export const DEFAULT_RANKING_CANDIDATES: RankingCandidates = "all";

export type ScoreFn = (rows: Interactions) => Float64Array;

/** Options of {@link rankingMetrics}. */
export interface RankingOptions {
  /** Cut-offs K, positive integers. Default [5, 10, 20]. */
  readonly ks?: readonly number[];
  /**
   * An outcome ≥ threshold is relevant (a positive), in test and in training. Default: binary 1,
   * rating the top of the scale minus 1 (4 on 1–5), amount any value > 0.
   */
  readonly threshold?: number;
  /**
   * Candidate rule: "all" (every catalogue item) or "exclude-train-positives" (items the customer
   * had a positive with in training leave both the candidates and the relevant set). Default "all".
   */
  readonly candidates?: RankingCandidates;
  /**
   * The catalogue: item codes to rank (duplicates ignored). Relevant test items outside it are not
   * relevant (the candidate set never depends on test outcomes). Default every item of the dictionary.
   */
  readonly catalogue?: Int32Array;
  /** Candidate rows per call of score (a query is never split, so a batch may be one query larger). Default 65536. */
  readonly batchSize?: number;
  /** Called with the fraction of queries done, in [0, 1]. Default: none. */
  readonly onProgress?: (fraction: number) => void;
}

/** The queries that were ranked, one entry per query, ordered by customer code then context codes. */
export interface RankingQueries {
  /** Customer code (test.customerIds) per query. */
  readonly customer: Int32Array;
  /** The query's context level per dimension, same names and levels as the test data's contexts. */
  readonly contexts: ContextColumn[];
  /** Number of relevant items per query. */
  readonly relevant: Int32Array;
  /** Number of ranked candidate items per query. */
  readonly candidates: Int32Array;
  /** Average (tie) rank of the best-ranked relevant item per query, 1 = top. */
  readonly firstRank: Float64Array;
}

/** Metrics at one cut-off K: means over queries and per-query values. */
export interface RankingAtK {
  readonly k: number;
  readonly hitRate: number;
  readonly ndcg: number;
  readonly mrr: number;
  readonly perQuery: { readonly hitRate: Float64Array; readonly ndcg: Float64Array; readonly mrr: Float64Array };
}

/** Everything {@link rankingMetrics} measured. */
export interface RankingResult {
  readonly queries: RankingQueries;
  readonly atK: RankingAtK[];
  /** Mean reciprocal rank without cut-off, and its per-query values. */
  readonly mrr: number;
  readonly mrrPerQuery: Float64Array;
  /** Test (customer, context) groups without a relevant item, not ranked. */
  readonly skippedQueries: number;
  readonly threshold: number;
  readonly candidates: RankingCandidates;
  /** Catalogue size. */
  readonly items: number;
}

/** The default relevance threshold of an outcome type (see {@link RankingOptions.threshold}). */
export function defaultRelevanceThreshold(spec: OutcomeSpec): number {
  if (spec.type === "binary") return 1;
  if (spec.type === "rating") return spec.max - 1;
  return Number.MIN_VALUE;
}

/**
 * Full-catalogue ranking metrics of a scorer on the test data.
 * @param train training rows: their positives are excluded from the customer's candidates
 * @param test test rows: define the queries and the relevant items; must share dictionaries with train
 * @param score scores candidate rows (higher = ranked first); receives Interactions whose rows are
 *   (query customer, candidate item, query contexts), timestamp = the query's latest test time,
 *   outcome = the scale minimum (meaningless), value and truth null; returns one finite score per row
 * @throws RangeError on bad options, train/test with different dictionaries, a test set with no
 *   relevant item, or a score function returning the wrong length or a non-finite score
 */
export function rankingMetrics(train: Interactions, test: Interactions, score: ScoreFn, options: RankingOptions = {}): RankingResult {
  const fn = "rankingMetrics";
  const ks = options.ks ?? [5, 10, 20];
  if (ks.length === 0 || !ks.every((k) => Number.isInteger(k) && k >= 1)) throw new RangeError(`${fn}: ks must be positive integers, got [${ks.join(", ")}]`);
  const threshold = options.threshold ?? defaultRelevanceThreshold(test.outcomeSpec);
  if (!Number.isFinite(threshold)) throw new RangeError(`${fn}: threshold must be a finite number, got ${threshold}`);
  const batchSize = options.batchSize ?? 65536;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new RangeError(`${fn}: batchSize must be a positive integer, got ${batchSize}`);
  if (train.customerIds.length !== test.customerIds.length || train.itemIds.length !== test.itemIds.length) {
    throw new RangeError(`${fn}: train and test must share customer and item dictionaries (make both with takeRows from the same data); got ${train.customerIds.length} vs ${test.customerIds.length} customers, ${train.itemIds.length} vs ${test.itemIds.length} items`);
  }
  const given = options.catalogue ?? Int32Array.from({ length: test.itemIds.length }, (_, i) => i);
  for (let i = 0; i < given.length; i++) {
    const m = given[i]!;
    if (!(Number.isInteger(m) && m >= 0 && m < test.itemIds.length)) throw new RangeError(`${fn}: catalogue[${i}] = ${m} is not an item code in [0, ${test.itemIds.length})`);
  }
  const candidates = options.candidates ?? DEFAULT_RANKING_CANDIDATES;
  if (!RANKING_CANDIDATES.includes(candidates)) throw new RangeError(`${fn}: candidates must be one of ${RANKING_CANDIDATES.join(", ")}, got "${String(candidates)}"`);
  const catalogue = Int32Array.from(new Set(given)).sort();
  const inCatalogue = new Uint8Array(test.itemIds.length);
  for (const m of catalogue) inCatalogue[m] = 1;
  const trainRows = groupRowsByCustomer(train.customer, train.customerIds.length);
  // per customer, whether an item is a candidate: from the catalogue and training rows only
  const excluded = new Int32Array(test.itemIds.length).fill(-1);
  const isCandidate = (c: number): ((m: number) => boolean) => {
    if (candidates === "exclude-train-positives") {
      for (let p = trainRows.offsets[c]!; p < trainRows.offsets[c + 1]!; p++) {
        const r = trainRows.rows[p]!;
        if (train.outcome[r]! >= threshold) excluded[train.item[r]!] = c;
      }
    }
    return (m) => inCatalogue[m] === 1 && excluded[m] !== c;
  };
  const q = buildQueries(test, threshold, isCandidate);
  if (q.customer.length === 0) throw new RangeError(`${fn}: no test query has a relevant candidate item (outcome ≥ ${threshold}, candidates "${candidates}"); nothing to rank`);
  return rank(test, score, q, { ks, threshold, batchSize, catalogue, candidates, isCandidate, onProgress: options.onProgress });
}

interface Queries {
  customer: Int32Array;
  contexts: Int32Array[];
  time: Float64Array;
  relOffsets: Int32Array;
  relItems: Int32Array;
  skipped: number;
}

/** Groups test rows into (customer, context combination) queries with their distinct relevant candidate items. */
function buildQueries(test: Interactions, threshold: number, isCandidate: (c: number) => (m: number) => boolean): Queries {
  const { offsets, rows } = groupRowsByCustomer(test.customer, test.customerIds.length);
  const dims = test.contexts.map((c) => c.codes);
  const sameContext = (a: number, b: number): boolean => dims.every((d) => d[a] === d[b]);
  const byContext = (a: number, b: number): number => {
    for (const d of dims) if (d[a] !== d[b]) return d[a]! - d[b]!;
    return a - b;
  };
  const customer: number[] = [], time: number[] = [], relOffsets: number[] = [0], relItems: number[] = [], first: number[] = [];
  let skipped = 0;
  const seen = new Int32Array(test.itemIds.length).fill(-1);
  for (let c = 0; c + 1 < offsets.length; c++) {
    const lo = offsets[c]!, hi = offsets[c + 1]!;
    if (lo === hi) continue;
    const candidate = isCandidate(c);
    if (dims.length > 0 && hi - lo > 1) rows.subarray(lo, hi).sort(byContext);
    for (let a = lo; a < hi; ) {
      let b = a + 1;
      while (b < hi && sameContext(rows[a]!, rows[b]!)) b++;
      const id = customer.length;
      let t = -Infinity;
      for (let p = a; p < b; p++) {
        const r = rows[p]!;
        if (test.timestamp) t = Math.max(t, test.timestamp[r]!);
        if (test.outcome[r]! >= threshold && seen[test.item[r]!] !== id && candidate(test.item[r]!)) {
          seen[test.item[r]!] = id;
          relItems.push(test.item[r]!);
        }
      }
      if (relItems.length > relOffsets[relOffsets.length - 1]!) {
        customer.push(c);
        time.push(t);
        first.push(rows[a]!);
        relOffsets.push(relItems.length);
      } else skipped++;
      a = b;
    }
  }
  return {
    customer: Int32Array.from(customer),
    contexts: dims.map((d) => Int32Array.from(first, (r) => d[r]!)),
    time: Float64Array.from(time),
    relOffsets: Int32Array.from(relOffsets),
    relItems: Int32Array.from(relItems),
    skipped,
  };
}

interface RankSettings {
  ks: readonly number[];
  threshold: number;
  batchSize: number;
  catalogue: Int32Array;
  candidates: RankingCandidates;
  isCandidate: (c: number) => (m: number) => boolean;
  onProgress: ((fraction: number) => void) | undefined;
}

/** Scores every query's candidates in batches and computes the per-query metrics. */
function rank(test: Interactions, score: ScoreFn, q: Queries, s: RankSettings): RankingResult {
  const nq = q.customer.length, nItems = test.itemIds.length;
  const relevant = new Int32Array(nItems).fill(-1);
  const out = {
    relevant: new Int32Array(nq), candidates: new Int32Array(nq), firstRank: new Float64Array(nq), mrr: new Float64Array(nq),
    hit: s.ks.map(() => new Float64Array(nq)), ndcg: s.ks.map(() => new Float64Array(nq)), mrrK: s.ks.map(() => new Float64Array(nq)),
  };
  const candidatesOf = (query: number): { items: Int32Array; isRel: Uint8Array } => {
    for (let p = q.relOffsets[query]!; p < q.relOffsets[query + 1]!; p++) relevant[q.relItems[p]!] = query;
    // the candidate set is a function of the customer alone: the query's relevant items only mark it
    const candidate = s.isCandidate(q.customer[query]!);
    const items = s.catalogue.filter(candidate);
    return { items, isRel: Uint8Array.from(items, (m) => (relevant[m] === query ? 1 : 0)) };
  };
  let start = 0;
  while (start < nq) {
    const batch: { items: Int32Array; isRel: Uint8Array }[] = [];
    let size = 0;
    while (start + batch.length < nq && (batch.length === 0 || size < s.batchSize)) {
      const cand = candidatesOf(start + batch.length);
      if (size > 0 && size + cand.items.length > s.batchSize) break;
      batch.push(cand);
      size += cand.items.length;
    }
    const scores = scoreBatch(test, score, q, start, batch, size);
    let offset = 0;
    batch.forEach((cand, b) => {
      queryMetrics(start + b, scores.subarray(offset, offset + cand.items.length), cand.isRel, s.ks, out);
      offset += cand.items.length;
    });
    start += batch.length;
    s.onProgress?.(start / nq);
  }
  const mean = (a: Float64Array): number => a.reduce((x, y) => x + y, 0) / a.length;
  return {
    queries: {
      customer: q.customer,
      contexts: test.contexts.map((c, d) => ({ name: c.name, levels: c.levels, codes: q.contexts[d]! })),
      relevant: out.relevant,
      candidates: out.candidates,
      firstRank: out.firstRank,
    },
    atK: s.ks.map((k, i) => ({
      k,
      hitRate: mean(out.hit[i]!), ndcg: mean(out.ndcg[i]!), mrr: mean(out.mrrK[i]!),
      perQuery: { hitRate: out.hit[i]!, ndcg: out.ndcg[i]!, mrr: out.mrrK[i]! },
    })),
    mrr: mean(out.mrr),
    mrrPerQuery: out.mrr,
    skippedQueries: q.skipped,
    threshold: s.threshold,
    candidates: s.candidates,
    items: s.catalogue.length,
  };
}

/** Builds the candidate rows of a batch of queries as Interactions and scores them. */
function scoreBatch(test: Interactions, score: ScoreFn, q: Queries, start: number, batch: { items: Int32Array }[], size: number): Float64Array {
  const customer = new Int32Array(size), item = new Int32Array(size), time = new Float64Array(size);
  const codes = test.contexts.map(() => new Int32Array(size));
  let o = 0;
  batch.forEach((cand, b) => {
    const query = start + b;
    item.set(cand.items, o);
    customer.fill(q.customer[query]!, o, o + cand.items.length);
    time.fill(q.time[query]!, o, o + cand.items.length);
    codes.forEach((col, d) => col.fill(q.contexts[d]![query]!, o, o + cand.items.length));
    o += cand.items.length;
  });
  const rows: Interactions = {
    size, customerIds: test.customerIds, customer, itemIds: test.itemIds, item,
    timestamp: test.timestamp ? time : null,
    outcome: new Float64Array(size).fill(test.outcomeSpec.min), outcomeSpec: test.outcomeSpec, value: null,
    contexts: test.contexts.map((c, d) => ({ name: c.name, levels: c.levels, codes: codes[d]! })),
    truth: null,
  };
  const scores = score(rows);
  if (scores.length !== size) throw new RangeError(`rankingMetrics: score returned ${scores.length} scores for ${size} candidate rows`);
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(scores[i]!)) {
      throw new RangeError(`rankingMetrics: score returned "${scores[i]}" for candidate row ${i} (customer "${test.customerIds[customer[i]!]}", item "${test.itemIds[item[i]!]}"); scores must be finite`);
    }
  }
  return scores;
}

/** Tie-averaged ranks of the relevant candidates and the metrics of one query. */
function queryMetrics(query: number, scores: Float64Array, isRel: Uint8Array, ks: readonly number[], out: {
  relevant: Int32Array; candidates: Int32Array; firstRank: Float64Array; mrr: Float64Array; hit: Float64Array[]; ndcg: Float64Array[]; mrrK: Float64Array[];
}): void {
  let nRel = 0;
  for (let i = 0; i < isRel.length; i++) nRel += isRel[i]!;
  const rel = new Float64Array(nRel), other = new Float64Array(scores.length - nRel);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (isRel[i]) rel[a++] = scores[i]!;
    else other[b++] = scores[i]!;
  }
  rel.sort().reverse();
  other.sort();
  const ranks = Float64Array.from(rel, (v, j) => {
    const atOrBelow = upperBound(other, v), below = lowerBound(other, v);
    return j + 1 + (other.length - atOrBelow) + (atOrBelow - below) / 2;
  });
  const first = ranks[0]!;
  out.relevant[query] = nRel;
  out.candidates[query] = scores.length;
  out.firstRank[query] = first;
  out.mrr[query] = 1 / first;
  ks.forEach((k, i) => {
    let dcg = 0, ideal = 0;
    for (let j = 0; j < nRel; j++) if (ranks[j]! <= k) dcg += 1 / Math.log2(ranks[j]! + 1);
    for (let j = 1; j <= Math.min(nRel, k); j++) ideal += 1 / Math.log2(j + 1);
    out.hit[i]![query] = first <= k ? 1 : 0;
    out.ndcg[i]![query] = dcg / ideal;
    out.mrrK[i]![query] = first <= k ? 1 / first : 0;
  });
}

/** Index of the first element ≥ v in ascending `a`. */
function lowerBound(a: Float64Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > v in ascending `a`. */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

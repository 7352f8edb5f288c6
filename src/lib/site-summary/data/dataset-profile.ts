/**
 * Interactions → the data explorer's aggregates for one dataset, small cells suppressed:
 * context frequencies (rows and customers per level), how many distinct contexts each customer
 * appears in (a distribution of customers), and the outcome distribution. One pass per dimension,
 * typed arrays only; no identifier leaves.
 */
import type { Interactions } from "../../schema/interactions.js";
import { repeatedPairs } from "../../split/pair-holdout.js";
import { MAX_PUBLISHED_LEVELS, publishableLevels } from "../publishable-levels.js";

/** The profile's repeated-pairs entry: counts only (no identifiers), with the split question in words. */
function repeatedPairsSummary(data: Interactions): DatasetProfile["repeatedPairs"] {
  const r = repeatedPairs(data);
  const share = r.share === null ? null : Math.round(r.share * 1e6) / 1e6;
  const pct = share === null ? "no" : `${(100 * share).toFixed(1)}% of`;
  return {
    pairs: r.pairs,
    share,
    question: `${pct} rows belong to (customer, item) pairs recorded more than once: under a random row split their test rows mostly re-rate a pair seen in training (the same customer and item in another context or at another time); split kind pair-holdout asks about unseen pairs only.`,
  };
}

/** Rows and customers of one cell; both null when suppressed (fewer than k customers). */
export interface CountCell {
  readonly rows: number | null;
  readonly customers: number | null;
  readonly suppressed: boolean;
}

/** Aggregates of one dataset. */
export interface DatasetProfile {
  readonly rows: number;
  readonly customers: number;
  readonly items: number;
  readonly outcomeType: string;
  readonly contexts: readonly {
    readonly name: string;
    readonly levels: readonly ({ readonly level: string } & CountCell)[];
  }[];
  /** Customers by the number of distinct context combinations they appear in ("1", "2", ..., "10+"). */
  readonly contextsPerCustomer: readonly ({ readonly contexts: string } & CountCell)[];
  /**
   * Distinct (customer, item) pairs and the share of rows whose pair has two or more rows: under a
   * random row split about that share of test rows re-rate a pair seen in training (the same
   * customer and item in another context), which a pair-holdout split avoids.
   */
  readonly repeatedPairs: { readonly pairs: number; readonly share: number | null; readonly question: string };
  /** Outcome histogram: a label per bin (value or range) with its rows and customers. */
  readonly outcome: readonly ({ readonly bin: string; readonly lower: number; readonly upper: number } & CountCell)[];
}

/**
 * The explorer aggregates of a dataset.
 * @param data the interactions
 * @param minCellCustomers cells with fewer customers are suppressed, and their level names pooled as "other (N levels)". Default 10.
 * @param maxLevels most context levels named per dimension. Default {@link MAX_PUBLISHED_LEVELS}.
 * @throws RangeError when minCellCustomers is not a positive integer
 */
export function profileDataset(data: Interactions, minCellCustomers = 10, maxLevels = MAX_PUBLISHED_LEVELS): DatasetProfile {
  if (!Number.isInteger(minCellCustomers) || minCellCustomers < 1) {
    throw new RangeError(`profileDataset: minCellCustomers must be a positive integer, received "${minCellCustomers}"`);
  }
  const C = data.customerIds.length;
  const cells = (rows: ArrayLike<number>, customers: ArrayLike<number>): CountCell[] => partitionCells(rows, customers, minCellCustomers);
  const contexts = data.contexts.map((d) => {
    const groups = new Int32Array(data.size);
    groups.set(d.codes);
    const { rows, customers } = countGroups(data, groups, d.levels.length);
    const published = cells(rows, customers);
    // a level is named only when it has at least k customers (and is among the largest maxLevels); the rest are pooled, their numbers withheld
    const rule = publishableLevels(new Map(d.levels.map((level, l) => [level, customers[l]!])), minCellCustomers, maxLevels);
    const named = new Set(rule.published);
    const levels: ({ level: string } & CountCell)[] = d.levels.flatMap((level, l) => (named.has(level) ? [{ level, ...published[l]! }] : []));
    if (rule.otherLabel) levels.push({ level: rule.otherLabel, rows: null, customers: null, suppressed: true });
    return { name: d.name, levels };
  });
  // Distinct joint context combinations per customer, from sorted (customer, combination) keys.
  const radix = data.contexts.reduce((a, d) => a * d.levels.length, 1);
  const keys = new Float64Array(data.size);
  for (let r = 0; r < data.size; r++) {
    let key = 0;
    for (const d of data.contexts) key = key * d.levels.length + d.codes[r]!;
    keys[r] = data.customer[r]! * radix + key;
  }
  keys.sort();
  const per = new Int32Array(C);
  const rowsOf = new Int32Array(C);
  for (let r = 0; r < data.size; r++) {
    const c = Math.floor(keys[r]! / radix);
    rowsOf[c]!++;
    if (r === 0 || keys[r] !== keys[r - 1]) per[c]!++;
  }
  const MAX = 10;
  const custBins = new Int32Array(MAX + 1), rowBins = new Int32Array(MAX + 1);
  for (let c = 0; c < C; c++) {
    if (per[c] === 0) continue;
    const b = Math.min(MAX, per[c]!);
    custBins[b]!++;
    rowBins[b]! += rowsOf[c]!;
  }
  const perCustomer = cells(rowBins.subarray(1), custBins.subarray(1));
  const contextsPerCustomer = Array.from({ length: MAX }, (_, i) => i + 1).map((b) => ({
    contexts: b === MAX ? `${MAX}+` : String(b),
    ...perCustomer[b - 1]!,
  }));
  return {
    rows: data.size,
    customers: countPresent(data),
    items: data.itemIds.length,
    outcomeType: data.outcomeSpec.type,
    contexts,
    contextsPerCustomer,
    repeatedPairs: repeatedPairsSummary(data),
    outcome: outcomeHistogram(data, cells),
  };
}

/**
 * The cells of a partition (their rows add up to a published total) with small-cell suppression:
 * cells with fewer than k customers are withheld, and when exactly one cell would be withheld the
 * smallest other non-empty cell is withheld too, so the hidden one cannot be recovered by
 * subtracting the shown cells from the total (complementary suppression).
 */
export function partitionCells(rows: ArrayLike<number>, customers: ArrayLike<number>, k: number): CountCell[] {
  const n = rows.length;
  const hidden = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) if (customers[i]! > 0 && customers[i]! < k) (hidden[i] = 1), count++;
  if (count === 1) {
    let smallest = -1;
    for (let i = 0; i < n; i++) {
      if (hidden[i] || customers[i] === 0) continue;
      if (smallest < 0 || customers[i]! < customers[smallest]! || (customers[i] === customers[smallest] && rows[i]! < rows[smallest]!)) smallest = i;
    }
    if (smallest >= 0) hidden[smallest] = 1;
  }
  return Array.from({ length: n }, (_, i) =>
    hidden[i] ? { rows: null, customers: null, suppressed: true } : { rows: rows[i]!, customers: customers[i]!, suppressed: false },
  );
}

function countPresent(data: Interactions): number {
  const seen = new Uint8Array(data.customerIds.length);
  let n = 0;
  for (let r = 0; r < data.size; r++) if (seen[data.customer[r]!] === 0) (seen[data.customer[r]!] = 1), n++;
  return n;
}

/** Rows and distinct customers per group code in [0, groups). */
function countGroups(data: Interactions, group: Int32Array, groups: number): { rows: Int32Array; customers: Int32Array } {
  const rows = new Int32Array(groups), customers = new Int32Array(groups);
  const last = new Uint8Array(data.customerIds.length * groups);
  for (let r = 0; r < data.size; r++) {
    const g = group[r]!;
    rows[g]!++;
    const key = data.customer[r]! * groups + g;
    if (last[key] === 0) {
      last[key] = 1;
      customers[g]!++;
    }
  }
  return { rows, customers };
}

function outcomeHistogram(data: Interactions, cells: (rows: ArrayLike<number>, customers: ArrayLike<number>) => CountCell[]): DatasetProfile["outcome"] {
  const y = data.outcome;
  const type = data.outcomeSpec.type;
  let edges: number[];
  let labels: string[];
  const distinct = new Set<number>();
  for (let r = 0; r < data.size && distinct.size <= 12; r++) distinct.add(y[r]!);
  if (type === "binary" || (distinct.size <= 12 && [...distinct].every(Number.isInteger))) {
    const values = [...distinct].sort((a, b) => a - b);
    edges = [...values, Infinity];
    labels = values.map(String);
  } else {
    const sorted = Float64Array.from(y).sort();
    const top = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!;
    const lo = Math.min(0, sorted[0]!);
    const w = (top - lo) / 10 || 1;
    edges = Array.from({ length: 11 }, (_, i) => lo + i * w);
    edges[10] = Infinity;
    labels = edges.slice(0, 10).map((e, i) => (i === 9 ? `≥ ${fmt(e)}` : `${fmt(e)}–${fmt(edges[i + 1]!)}`));
  }
  const bins = labels.length;
  const group = new Int32Array(data.size);
  for (let r = 0; r < data.size; r++) {
    let b = 0;
    while (b < bins - 1 && y[r]! >= edges[b + 1]!) b++;
    group[r] = b;
  }
  const { rows, customers } = countGroups(data, group, bins);
  const published = cells(rows, customers);
  return labels.map((bin, b) => ({ bin, lower: edges[b]!, upper: edges[b + 1]!, ...published[b]! }));
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toLocaleString("en-US");
}

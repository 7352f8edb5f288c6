import { binomialCdf, chiSquareSf } from "./distributions.js";

/** McNemar test of two classifiers' paired hits (same rows, hit = 1, miss = 0). */
export interface McNemarResult {
  /** Rows where a hit and b missed. */
  readonly b: number;
  /** Rows where a missed and b hit. */
  readonly c: number;
  /** "exact": binomial, statistic = min(b, c). "chiSquare": (|b − c| − 1)² / (b + c), continuity-corrected. */
  readonly method: "exact" | "chiSquare";
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/** Options of {@link mcnemar}. */
export interface McNemarOptions {
  /** Exact binomial test (true) or chi-square with continuity correction (false). Default: exact when b + c < 25. */
  readonly exact?: boolean;
}

/**
 * McNemar test from the discordant counts, as statsmodels `mcnemar(table, exact, correction=True)`
 * and R `mcnemar.test`. exact: p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, 1/2).
 * With no discordant pair (b + c = 0) the data hold no evidence: statistic 0, p-value 1.
 * @param b count of (a hit, b miss); non-negative integer
 * @param c count of (a miss, b hit); non-negative integer
 * @throws RangeError when a count is not a non-negative integer
 */
export function mcnemarFromCounts(b: number, c: number, options: McNemarOptions = {}): McNemarResult {
  for (const [name, v] of [["b", b], ["c", c]] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`mcnemar: ${name} must be a non-negative integer count, got ${v}`);
  }
  const exact = options.exact ?? b + c < 25;
  const n = b + c;
  if (exact) {
    const k = Math.min(b, c);
    return { b, c, method: "exact", statistic: k, pValue: n === 0 ? 1 : Math.min(1, 2 * binomialCdf(k, n, 0.5)) };
  }
  if (n === 0) return { b, c, method: "chiSquare", statistic: 0, pValue: 1 };
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, method: "chiSquare", statistic, pValue: chiSquareSf(statistic, 1) };
}

/**
 * McNemar test from per-row hits of two models.
 * @param hitsA 1 where model a was right on the row, 0 where wrong
 * @param hitsB the same rows for model b
 * @throws RangeError on empty input, length mismatch, or a value not 0/1 (index and value named)
 */
export function mcnemar(hitsA: ArrayLike<number>, hitsB: ArrayLike<number>, options: McNemarOptions = {}): McNemarResult {
  if (hitsA.length !== hitsB.length) throw new RangeError(`mcnemar: hitsA has ${hitsA.length} rows but hitsB has ${hitsB.length}`);
  if (hitsA.length === 0) throw new RangeError("mcnemar: input is empty (0 rows)");
  let b = 0;
  let c = 0;
  for (let i = 0; i < hitsA.length; i++) {
    const x = hitsA[i]!;
    const y = hitsB[i]!;
    if (x !== 0 && x !== 1) throw new RangeError(`mcnemar: hitsA[${i}] must be 0 or 1, got ${x}`);
    if (y !== 0 && y !== 1) throw new RangeError(`mcnemar: hitsB[${i}] must be 0 or 1, got ${y}`);
    if (x === 1 && y === 0) b++;
    else if (x === 0 && y === 1) c++;
  }
  return mcnemarFromCounts(b, c, options);
}

/**
 * Estimate, null baseline, excess over the null and a paired customer-bootstrap CI of the excess:
 * the shape every relationship-value measure is reported in. A measure that comes out the same when
 * context carries no information (context labels permuted within customer) says nothing about
 * context; its excess is what context adds.
 *
 * Paired: each resample draws customers once and evaluates the estimate and its null on the same
 * weights, so the CI of the excess carries the customer-to-customer variation of the difference, not
 * of each side separately.
 */
import { bootstrapDraws, type CustomerBootstrapOptions } from "./customer-bootstrap.js";
import { quantileSorted } from "../stats/quantile.js";

/** A measure against its null; lower/upper bound the excess (null where the measure is undefined). */
export interface NullEstimate {
  /** The measure on the data as recorded. */
  readonly estimate: number | null;
  /** The same measure when the null holds (e.g. mean over permutations of context labels within customer). */
  readonly baseline: number | null;
  /** estimate − baseline. */
  readonly excess: number | null;
  /** Percentile CI of the excess from the paired customer bootstrap. */
  readonly lower: number | null;
  readonly upper: number | null;
  /**
   * Two-sided bootstrap p-value of "excess = 0", from the same resamples as the CI:
   * 2 · min(share of resampled excesses ≤ 0, share ≥ 0), capped at 1; 1 when the excess is exactly 0
   * or too few customers differ from their null to resample (see ExcessOptions.differing).
   */
  readonly p: number | null;
}

/** Options of {@link excessOverNull}. */
export interface ExcessOptions extends CustomerBootstrapOptions {
  /**
   * Customers whose contribution to the measure differs from their null contribution; below
   * MIN_DIFFERING the bootstrap of the excess is degenerate (a handful of customers), so p = 1.
   * One number for every pair, or one per pair. Default: not checked.
   */
  readonly differing?: number | readonly number[];
}

/** Fewest customers that must differ from their null before an excess can be claimed. */
export const MIN_DIFFERING = 20;

/**
 * Bootstraps k (estimate, baseline) pairs of n customers on the same resamples.
 * @param statistics (weights, length n) → [estimate_0, baseline_0, estimate_1, baseline_1, ...]; NaN where undefined
 * @returns k NullEstimates
 * @throws RangeError on invalid bootstrap options, or an odd number of statistics
 */
export function excessOverNull(n: number, statistics: (weights: Float64Array) => ArrayLike<number>, options: ExcessOptions): NullEstimate[] {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`excessOverNull: level must be in (0, 1), got "${level}"`);
  const withExcess = (w: Float64Array): number[] => {
    const s = statistics(w);
    if (s.length % 2 !== 0) throw new RangeError(`excessOverNull: statistics must come in (estimate, baseline) pairs, got ${s.length} values`);
    const out: number[] = [];
    for (let k = 0; k < s.length; k += 2) out.push(s[k]!, s[k + 1]!, s[k]! - s[k + 1]!);
    return out;
  };
  const { full, draws } = bootstrapDraws(n, withExcess, options);
  const alpha = (1 - level) / 2;
  const few = (pair: number): boolean => {
    const d = options.differing;
    const v = typeof d === "number" ? d : d?.[pair];
    return v !== undefined && v < MIN_DIFFERING;
  };
  const out: NullEstimate[] = [];
  for (let k = 0; k < full.length; k += 3) {
    const x = full[k + 2]!, d = draws[k + 2]!;
    const ok = Number.isFinite(x) && d.length > 0;
    out.push({
      estimate: finite(full[k]!), baseline: finite(full[k + 1]!), excess: finite(x),
      lower: ok ? quantileSorted(d, alpha) : null, upper: ok ? quantileSorted(d, 1 - alpha) : null,
      p: !ok ? null : x === 0 || few(k / 3) ? 1 : bootstrapP(d),
    });
  }
  return out;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** 2 · min(share ≤ 0, share ≥ 0) of sorted draws, capped at 1. */
function bootstrapP(sorted: Float64Array): number {
  let below = 0, above = 0;
  for (const v of sorted) {
    if (v <= 0) below++;
    if (v >= 0) above++;
  }
  return Math.min(1, (2 * Math.min(below, above)) / sorted.length);
}

/**
 * Holm step-down adjustment of p-values (null entries stay null).
 * @returns adjusted p-values, each max(running max, min(1, (m − rank) · p)) in ascending order of p
 */
export function holmAdjust(p: readonly (number | null)[]): (number | null)[] {
  const idx = p.map((v, i) => [v, i] as const).filter((x): x is readonly [number, number] => x[0] !== null).sort((a, b) => a[0] - b[0]);
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  idx.forEach(([v, i], rank) => {
    running = Math.max(running, Math.min(1, (idx.length - rank) * v));
    out[i] = running;
  });
  return out;
}

/** Whether the CI of the excess excludes 0 (the measure claims something about context). */
export function excludesZero(e: NullEstimate): boolean {
  return e.lower !== null && e.upper !== null && (e.lower > 0 || e.upper < 0);
}

/** Σ w·x / Σ w·d over customers; NaN when Σ w·d = 0. The ratio-of-sums every share measure uses. */
export function ratioOfSums(x: ArrayLike<number>, d: ArrayLike<number>, w: ArrayLike<number>): number {
  let a = 0, b = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    a += wi * x[i]!;
    b += wi * d[i]!;
  }
  return b !== 0 ? a / b : NaN;
}

/**
 * Element-wise mean of equal-length arrays (per-customer null values averaged over permutations).
 * @throws RangeError when arrays is empty
 */
export function meanOver(arrays: readonly ArrayLike<number>[]): Float64Array {
  if (arrays.length === 0) throw new RangeError("meanOver: at least one permutation is needed for a null baseline");
  const out = new Float64Array(arrays[0]!.length);
  for (const a of arrays) for (let i = 0; i < out.length; i++) out[i]! += a[i]!;
  // divide once at the end: a value equal in every permutation comes out exactly equal
  for (let i = 0; i < out.length; i++) out[i]! /= arrays.length;
  return out;
}

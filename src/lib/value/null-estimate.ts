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
import { bootstrapDistribution, type BootstrapDistribution } from "../stats/bootstrap-inference.js";
import { holm, holmConsistentAlpha } from "../stats/holm.js";
export { ratioOfSums, ratioOfSumsPair } from "../stats/ratio-of-sums.js";

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
   * Two-sided bootstrap p-value of "excess = 0", inverted from the same percentile interval as the CI
   * (the smallest α at which it excludes 0; ≈ 2 · min(share of resampled excesses ≤ 0, share ≥ 0));
   * 1 when the excess is exactly 0 or too few customers differ from their null to resample
   * (see ExcessOptions.differing).
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
  const few = (pair: number): boolean => {
    const d = options.differing;
    const v = typeof d === "number" ? d : d?.[pair];
    return v !== undefined && v < MIN_DIFFERING;
  };
  const out: NullEstimate[] = [];
  for (let k = 0; k < full.length; k += 3) {
    const x = full[k + 2]!, d = draws[k + 2]!;
    const ok = Number.isFinite(x) && d.length > 0;
    // percentile (not BCa): the interval the measures have always had, and the one p is inverted from
    const dist = ok ? bootstrapDistribution(d, x, "percentile", () => new Float64Array(0)) : null;
    const forced = x === 0 || few(k / 3);
    const [lower, upper] = dist ? dist.interval(1 - level) : [null, null];
    const e: NullEstimate = {
      estimate: finite(full[k]!), baseline: finite(full[k + 1]!), excess: finite(x),
      lower, upper, p: !dist ? null : forced ? 1 : dist.pValue(),
    };
    if (dist && !forced) DISTRIBUTIONS.set(e, dist);
    out.push(e);
  }
  return out;
}

/**
 * The resampled excesses behind each NullEstimate whose p-value was read off them, kept beside the
 * JSON-safe record (not in it: 1000 numbers per measure) until Holm has run over all measures.
 */
const DISTRIBUTIONS = new WeakMap<NullEstimate, BootstrapDistribution>();

/** A Holm-consistent interval of an excess: significance α·p/pHolm, so it excludes 0 ⇔ pHolm < α. */
export interface AdjustedInterval {
  readonly lower: number;
  readonly upper: number;
  /** Confidence level of this interval (≥ the nominal level). */
  readonly level: number;
}

/**
 * Holm over a family of excesses, with each one's Holm-consistent interval (the same rule as the
 * comparison cells, cell-inference.ts), so that an interval excludes 0 exactly when the claim is made.
 * @param values NullEstimates made by {@link excessOverNull} (the very objects: their resamples are looked up)
 * @param alpha family-wise significance
 * @returns per value: Holm-adjusted p (null without p) and the adjusted interval (null without p, or when
 *   p was set to 1 rather than read off resamples: excess exactly 0 or too few customers differing)
 */
export function holmExcesses(values: readonly NullEstimate[], alpha: number): { pHolm: number | null; adjusted: AdjustedInterval | null }[] {
  const pHolm = holmAdjust(values.map((v) => v.p));
  const family = pHolm.filter((p) => p !== null).length;
  return values.map((v, i) => {
    const ph = pHolm[i]!, dist = DISTRIBUTIONS.get(v);
    if (ph === null || v.p === null || !dist) return { pHolm: ph, adjusted: null };
    const a = holmConsistentAlpha(alpha, v.p, ph, family);
    const [lower, upper] = dist.interval(a);
    return { pHolm: ph, adjusted: { lower, upper, level: 1 - a } };
  });
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Holm step-down adjustment (stats/holm.ts) of the non-null p-values; null entries stay null and
 * are not counted in the family.
 */
export function holmAdjust(p: readonly (number | null)[]): (number | null)[] {
  const live = p.map((v, i) => [v, i] as const).filter((x): x is readonly [number, number] => x[0] !== null);
  const out: (number | null)[] = p.map(() => null);
  holm(live.map(([v]) => v)).forEach((adj, k) => (out[live[k]![1]] = adj));
  return out;
}

/** Whether the CI of the excess excludes 0 (the measure claims something about context). */
export function excludesZero(e: NullEstimate): boolean {
  return e.lower !== null && e.upper !== null && (e.lower > 0 || e.upper < 0);
}

/**
 * Element-wise mean of equal-length arrays (per-customer null values averaged over permutations).
 * @throws RangeError when arrays is empty
 */
export function meanOver(arrays: readonly ArrayLike<number>[]): Float64Array {
  const mean = new WorldMean();
  for (const a of arrays) mean.add(a);
  return mean.mean();
}

/**
 * {@link meanOver} added one array at a time, so that a null's worlds need not be kept: the same sums
 * in the same order, the same doubles.
 */
export class WorldMean {
  private sum: Float64Array | null = null;
  private count = 0;

  /** Adds one world's values (the first world sets the length; later ones are read that far). */
  add(values: ArrayLike<number>): void {
    const sum = (this.sum ??= new Float64Array(values.length));
    for (let i = 0; i < sum.length; i++) sum[i]! += values[i]!;
    this.count++;
  }

  /**
   * The mean of the worlds added.
   * @throws RangeError when none was added
   */
  mean(): Float64Array {
    if (this.sum === null) throw new RangeError("meanOver: at least one permutation is needed for a null baseline");
    // divide once at the end: a value equal in every permutation comes out exactly equal
    return this.sum.map((v) => v / this.count);
  }
}

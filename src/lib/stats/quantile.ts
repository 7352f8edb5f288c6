/**
 * Quantile of sorted data with linear interpolation between order statistics (Hyndman & Fan
 * type 7: the default of R's quantile() and NumPy's percentile()).
 * @param sorted ascending values, at least one
 * @param p probability in [0, 1]
 * @throws RangeError on empty input or p outside [0, 1]
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileSorted: no values");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

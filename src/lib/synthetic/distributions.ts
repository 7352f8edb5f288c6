import { shuffleInPlace, type Rng } from "../random/rng.js";

/**
 * Small samplers the synthetic world needs on top of {@link Rng}: Beta, exponential, Dirichlet,
 * and categorical draws from cumulative weights.
 */

/**
 * Beta(a, b) as a ratio of gammas.
 * @param a first shape, > 0
 * @param b second shape, > 0
 */
export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = rng.gamma(a);
  const y = rng.gamma(b);
  const s = x + y;
  // both gammas can underflow to 0 for tiny shapes; split the mass by the shapes then
  return s > 0 ? x / s : a / (a + b);
}

/**
 * Exponential waiting time with the given rate (events per unit time).
 * @param rate > 0; Infinity when rate is 0
 */
export function sampleExponential(rng: Rng, rate: number): number {
  if (rate <= 0) return Infinity;
  return -Math.log(1 - rng.next()) / rate;
}

/**
 * Index drawn with probability proportional to the increments of `cumulative`.
 * @param cumulative non-decreasing running sums of weights, last entry > 0
 * @param offset first entry of the slice to use; length how many entries
 */
export function sampleCumulative(rng: Rng, cumulative: ArrayLike<number>, offset = 0, length = cumulative.length - offset): number {
  const target = rng.next() * cumulative[offset + length - 1]!;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[offset + mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Zipf weights 1/rank^exponent assigned to items in a random order, normalized to sum 1.
 * @param n number of items
 * @param exponent >= 0 (0 = uniform)
 */
export function zipfWeights(rng: Rng, n: number, exponent: number): Float64Array {
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    w[i] = Math.pow(i + 1, -exponent);
    total += w[i]!;
  }
  shuffleInPlace(rng, w);
  for (let i = 0; i < n; i++) w[i] = w[i]! / total;
  return w;
}

/** Running sums of `weights` (same length). */
export function cumulativeSums(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i]!;
    out[i] = s;
  }
  return out;
}

/**
 * Index in [0, length) drawn with the probabilities share[offset .. offset+length-1], which sum to 1.
 * A linear scan: context dimensions have at most a handful of levels.
 */
export function sampleShare(rng: Rng, share: ArrayLike<number>, offset: number, length: number): number {
  let target = rng.next();
  let last = 0;
  for (let i = 0; i < length; i++) {
    const s = share[offset + i]!;
    if (s > 0) {
      last = i;
      target -= s;
      if (target < 0) return i;
    }
  }
  // rounding left a sliver of mass: it belongs to the last level with a share
  return last;
}

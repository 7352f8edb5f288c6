import { regularizedBeta } from "./special-functions.js";

/**
 * Clopper–Pearson ("exact") confidence interval of a binomial proportion: the share of seeds in
 * which a claim was made, with an interval that never undercovers.
 *
 *   lower = Beta quantile(α/2; x, n − x + 1)      (0 when x = 0)
 *   upper = Beta quantile(1 − α/2; x + 1, n − x)  (1 when x = n)
 * Quantiles by bisection on the regularized incomplete beta (monotone in its argument).
 * @param x successes, an integer in [0, n]
 * @param n trials, a positive integer
 * @param level confidence level in (0, 1); default 0.95
 * @throws RangeError on invalid x, n or level
 */
export function clopperPearson(x: number, n: number, level = 0.95): { share: number; lower: number; upper: number } {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`clopperPearson: n must be a positive integer, got ${n}`);
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) throw new RangeError(`clopperPearson: x must be an integer in [0, ${n}], got ${x}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`clopperPearson: level must be in (0, 1), got ${level}`);
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { share: x / n, lower, upper };
}

/** The q-quantile of Beta(a, b), by bisection to double precision. */
function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0, hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b).lower < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

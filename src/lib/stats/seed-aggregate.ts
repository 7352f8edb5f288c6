import { studentTQuantile } from "./distributions.js";

/** Summary of one metric over repeated runs with different seeds. */
export interface SeedAggregate {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 denominator); null for a single seed. */
  readonly sd: number | null;
  /** Standard error sd/√n; null for a single seed. */
  readonly se: number | null;
  /** t-based CI mean ± t(n−1)·se; null for a single seed (no spread to estimate). */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number;
}

/**
 * Mean, sd and Student-t CI of a metric over seeds (scipy `t.interval(level, n−1, mean, sem)`).
 * All-equal values give sd 0 and a zero-width interval.
 * @param values one finite value per seed, at least one
 * @param level confidence level in (0, 1); default 0.95
 * @throws RangeError on empty input, a non-finite value (index named) or a level outside (0, 1)
 */
export function seedAggregate(values: readonly number[], level = 0.95): SeedAggregate {
  const n = values.length;
  if (n === 0) throw new RangeError("seedAggregate: no values (need one per seed)");
  if (!(level > 0 && level < 1)) throw new RangeError(`seedAggregate: level must be in (0, 1), got ${level}`);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`seedAggregate: values[${i}] must be a finite number, got ${v}`);
  });
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { n, mean, sd: null, se: null, lower: null, upper: null, level };
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = se === 0 ? 0 : studentTQuantile(0.5 + level / 2, n - 1) * se;
  return { n, mean, sd, se, lower: mean - half, upper: mean + half, level };
}

import { studentTQuantile, studentTSf } from "./distributions.js";

/** Result of the corrected resampled t-test. */
export interface NadeauBengioResult {
  /** Mean of the per-split differences. */
  readonly mean: number;
  /** Sample variance of the differences (J − 1 denominator). */
  readonly variance: number;
  /** Corrected standard error sqrt((1/J + nTest/nTrain)·variance). */
  readonly se: number;
  readonly t: number;
  /** J − 1. */
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  /** CI of the mean difference at `level`. */
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/**
 * Corrected resampled t-test (Nadeau & Bengio 2003) for a metric difference measured on J
 * train/test splits (k-fold, repeated k-fold, repeated holdout). Splits share training rows, so the
 * naive variance/J is too small; the correction inflates it to (1/J + nTest/nTrain)·variance.
 * @param differences metric(a) − metric(b) per split, J >= 2 finite values
 * @param nTrain training rows per split (> 0)
 * @param nTest test rows per split (> 0)
 * @param level CI level in (0, 1); default 0.95
 * @throws RangeError on fewer than two differences, a non-finite value, non-positive sizes, or a
 *   zero variance (all differences equal: the t statistic does not exist)
 */
export function nadeauBengio(differences: readonly number[], nTrain: number, nTest: number, level = 0.95): NadeauBengioResult {
  const J = differences.length;
  if (J < 2) throw new RangeError(`nadeauBengio: need at least 2 split differences, got ${J}`);
  differences.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`nadeauBengio: differences[${i}] must be a finite number, got ${v}`);
  });
  if (!(nTrain > 0 && nTest > 0)) throw new RangeError(`nadeauBengio: nTrain and nTest must be positive, got ${nTrain} and ${nTest}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`nadeauBengio: level must be in (0, 1), got ${level}`);
  const mean = differences.reduce((s, v) => s + v, 0) / J;
  const variance = differences.reduce((s, v) => s + (v - mean) ** 2, 0) / (J - 1);
  if (differences.every((v) => v === differences[0])) throw new RangeError(`nadeauBengio: all ${J} differences equal ${differences[0]}; the variance is 0 and t is undefined`);
  const se = Math.sqrt((1 / J + nTest / nTrain) * variance);
  const t = mean / se;
  const df = J - 1;
  const q = studentTQuantile(0.5 + level / 2, df);
  return { mean, variance, se, t, df, pValue: Math.min(1, 2 * studentTSf(Math.abs(t), df)), lower: mean - q * se, upper: mean + q * se, level };
}

import { checkBinary, checkPositiveTotal, checkProbability, checkSameLength, checkWeights } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";
import { weightedMeanLoss } from "./weighted-mean.js";

/**
 * Probabilities are clipped to [LOG_LOSS_EPS, 1 − LOG_LOSS_EPS] before the log, as scikit-learn's
 * `log_loss` does (its historical eps=1e-15), so that a confident wrong 0/1 prediction costs
 * −log(1e-15) ≈ 34.5 instead of Infinity.
 */
export const LOG_LOSS_EPS = 1e-15;

/** Per-row log-loss with clipping; trusts its input. */
export function logLossTerm(y: number, p: number): number {
  const q = p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p;
  return y === 1 ? -Math.log(q) : -Math.log(1 - q);
}

/**
 * Mean binary cross-entropy −[y·log p + (1 − y)·log(1 − p)], natural log, lower is better.
 * @param labels 0/1 outcome per row
 * @param probs predicted P(y = 1) per row, in [0, 1]; clipped to [1e-15, 1 − 1e-15] (see LOG_LOSS_EPS)
 * @param weights optional non-negative frequency weights per row (default 1)
 * @throws RangeError on empty input, length mismatch, a label not 0/1, a probability outside [0, 1]
 *   or NaN, a negative or non-finite weight, or weights summing to 0
 */
export function logLoss(labels: NumericColumn, probs: NumericColumn, weights?: NumericColumn): number {
  const n = checkSameLength("logLoss", { labels, probs, weights });
  checkBinary("logLoss", "labels", labels);
  checkProbability("logLoss", "probs", probs);
  if (weights) checkPositiveTotal("logLoss", checkWeights("logLoss", weights));
  return weightedMeanLoss((i) => logLossTerm(labels[i]!, probs[i]!), n, weights);
}

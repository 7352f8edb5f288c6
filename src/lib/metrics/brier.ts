import { checkBinary, checkPositiveTotal, checkProbability, checkSameLength, checkWeights } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";
import { weightedMeanLoss } from "./weighted-mean.js";

/**
 * Brier score: mean squared difference between predicted probability and 0/1 outcome, lower is better.
 * @param labels 0/1 outcome per row
 * @param probs predicted P(y = 1) per row, in [0, 1]
 * @param weights optional non-negative frequency weights per row (default 1)
 * @throws RangeError on empty input, length mismatch, a label not 0/1, a probability outside [0, 1]
 *   or NaN, a negative or non-finite weight, or weights summing to 0
 */
export function brier(labels: NumericColumn, probs: NumericColumn, weights?: NumericColumn): number {
  const n = checkSameLength("brier", { labels, probs, weights });
  checkBinary("brier", "labels", labels);
  checkProbability("brier", "probs", probs);
  if (weights) checkPositiveTotal("brier", checkWeights("brier", weights));
  return weightedMeanLoss((i) => (probs[i]! - labels[i]!) ** 2, n, weights);
}

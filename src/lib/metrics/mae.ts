import { checkFinite, checkPositiveTotal, checkSameLength, checkWeights } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";
import { weightedMeanLoss } from "./weighted-mean.js";

/**
 * Mean absolute error mean(|y − ŷ|), in the outcome's unit, lower is better.
 * @param y observed outcome per row
 * @param yhat predicted outcome per row
 * @param weights optional non-negative frequency weights per row (default 1)
 * @throws RangeError on empty input, length mismatch, a non-finite value, a negative or non-finite
 *   weight, or weights summing to 0
 */
export function mae(y: NumericColumn, yhat: NumericColumn, weights?: NumericColumn): number {
  const n = checkSameLength("mae", { y, yhat, weights });
  checkFinite("mae", "y", y);
  checkFinite("mae", "yhat", yhat);
  if (weights) checkPositiveTotal("mae", checkWeights("mae", weights));
  return weightedMeanLoss((i) => Math.abs(y[i]! - yhat[i]!), n, weights);
}

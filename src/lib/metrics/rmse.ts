import { checkFinite, checkPositiveTotal, checkSameLength, checkWeights } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";
import { weightedMeanLoss } from "./weighted-mean.js";

/**
 * Root mean squared error sqrt(mean((y − ŷ)²)), in the outcome's unit, lower is better.
 * @param y observed outcome per row
 * @param yhat predicted outcome per row
 * @param weights optional non-negative frequency weights per row (default 1)
 * @throws RangeError on empty input, length mismatch, a non-finite value, a negative or non-finite
 *   weight, or weights summing to 0
 */
export function rmse(y: NumericColumn, yhat: NumericColumn, weights?: NumericColumn): number {
  const n = checkSameLength("rmse", { y, yhat, weights });
  checkFinite("rmse", "y", y);
  checkFinite("rmse", "yhat", yhat);
  if (weights) checkPositiveTotal("rmse", checkWeights("rmse", weights));
  return Math.sqrt(weightedMeanLoss((i) => (y[i]! - yhat[i]!) ** 2, n, weights));
}

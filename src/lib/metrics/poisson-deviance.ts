import { checkFinite, checkPositiveTotal, checkSameLength, checkWeights } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";
import { weightedMeanLoss } from "./weighted-mean.js";

/**
 * One row's Poisson deviance 2·(y·log(y/μ) − (y − μ)); 2μ when y = 0. Shared by the metric and
 * the customer bootstrap, so both sum the same terms.
 */
export function poissonDevianceTerm(y: number, mu: number): number {
  return y === 0 ? 2 * mu : 2 * (y * Math.log(y / mu) - (y - mu));
}

/**
 * Mean Poisson deviance of count predictions (scikit-learn's mean_poisson_deviance), lower is
 * better; 0 when every prediction equals its outcome.
 * @param y observed counts (≥ 0)
 * @param yhat predicted means (> 0: a zero prediction of a positive count has infinite deviance)
 * @param weights optional non-negative frequency weights per row (default 1)
 * @throws RangeError on empty input, length mismatch, a non-finite value, a negative outcome, a
 *   prediction ≤ 0 (naming the row), or invalid weights
 */
export function poissonDeviance(y: NumericColumn, yhat: NumericColumn, weights?: NumericColumn): number {
  const n = checkSameLength("poissonDeviance", { y, yhat, weights });
  checkFinite("poissonDeviance", "y", y);
  checkFinite("poissonDeviance", "yhat", yhat);
  for (let i = 0; i < n; i++) {
    if (y[i]! < 0) throw new RangeError(`poissonDeviance: y[${i}] = ${y[i]} is negative; counts are ≥ 0`);
    if (!(yhat[i]! > 0)) throw new RangeError(`poissonDeviance: yhat[${i}] = ${yhat[i]}; predicted means must be > 0`);
  }
  if (weights) checkPositiveTotal("poissonDeviance", checkWeights("poissonDeviance", weights));
  return weightedMeanLoss((i) => poissonDevianceTerm(y[i]!, yhat[i]!), n, weights);
}

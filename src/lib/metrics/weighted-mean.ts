import type { NumericColumn } from "./validate-inputs.js";

/**
 * Weighted mean of a per-row loss, the shared core of the decomposable metrics (log-loss, Brier,
 * MAE, squared error). Trusts its input: equal lengths, finite values, non-negative weights with a
 * positive sum.
 * @param loss loss of row i given its outcome and prediction
 * @param n number of rows
 * @param weights frequency weights, or undefined for weight 1 each
 */
export function weightedMeanLoss(loss: (i: number) => number, n: number, weights: NumericColumn | undefined): number {
  let sum = 0;
  let total = 0;
  if (weights === undefined) {
    for (let i = 0; i < n; i++) sum += loss(i);
    return sum / n;
  }
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    sum += w * loss(i);
    total += w;
  }
  return sum / total;
}

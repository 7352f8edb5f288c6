/**
 * Holm (1979) step-down adjusted p-values, controlling the family-wise error rate: sort p
 * ascending, adjust the i-th smallest (0-based) to (m − i)·p, make them non-decreasing, cap at 1.
 * Same as statsmodels `multipletests(method="holm")` and R `p.adjust(method = "holm")`.
 * @param pValues raw p-values in [0, 1], any order; empty gives empty
 * @returns adjusted p-values in the input order
 * @throws RangeError at the first p-value outside [0, 1] or NaN
 */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holm: pValues[${i}] must be a probability in [0, 1], got ${p}`);
  });
  const order = pValues.map((_, i) => i).sort((x, y) => pValues[x]! - pValues[y]! || x - y);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]!));
    out[idx] = running;
  });
  return out;
}

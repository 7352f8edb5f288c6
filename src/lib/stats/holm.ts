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

/**
 * Significance of a Holm-consistent interval: α·p/pHolm, the level at which an interval inverted
 * from p (excludes 0 ⇔ p < level) excludes 0 exactly when pHolm < α. pHolm = 0 only when p = 0
 * (every level excludes 0): Bonferroni's α/m is used then.
 * @param alpha family-wise significance
 * @param p the raw p-value of this member, pHolm its Holm-adjusted value
 * @param family members in the Holm family (m)
 * @returns the significance (interval level 1 − returned value)
 */
export function holmConsistentAlpha(alpha: number, p: number, pHolm: number, family: number): number {
  return pHolm > 0 ? alpha * (p / pHolm) : alpha / family;
}

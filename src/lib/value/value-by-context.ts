/**
 * Value by context, and the share of value a single profile misattributes.
 *
 * A single-profile (CRM) view knows a customer's total value V_c and how often they are seen in each
 * context, but not that their value differs by context: it spreads V_c over the contexts in
 * proportion to their occasions, V_c · n_ck / n_c. The misattributed share is the part of value
 * that lands in the wrong context, the total-variation distance between where value was and where
 * the profile puts it:
 *
 *   misattributed = Σ_c Σ_k |v_ck − V_c · n_ck / n_c| / 2  /  Σ_c V_c      (calibration period)
 *
 * 0 when every customer is worth the same per occasion in each of their contexts; at most 1.
 *
 * The plug-in share is biased upward when customers have few purchases: a customer with one purchase
 * in one of two equally visited contexts scores 50% even when context is irrelevant. Its null
 * baseline is the same share on the permuted worlds (context labels shuffled within customer, same
 * purchases and occasions), which carries the same bias, so the excess is what context adds.
 */
import type { ContextCells } from "./context-cells.js";
import { excessOverNull, ratioOfSumsPair, type NullEstimate } from "./null-estimate.js";
import { quantileSorted } from "../stats/quantile.js";

/** One context level of the population. */
export interface ContextLevelValue {
  readonly level: string;
  /** Customers seen in the level. */
  readonly customers: number;
  readonly rows: number;
  readonly purchases: number;
  readonly value: number;
  /** Share of all (known-context) value. */
  readonly valueShare: number;
  /** Share of all (known-context) rows. */
  readonly occasionShare: number;
  /** Purchases per row (acceptance propensity); null without rows. */
  readonly propensity: number | null;
  /** Value per purchase; null without purchases. */
  readonly valuePerPurchase: number | null;
}

/** Value by context of one dimension. */
export interface ValueByContext {
  readonly dimension: string;
  readonly levels: readonly ContextLevelValue[];
  /** Customers with value > 0 (the ones the misattribution is measured on). */
  readonly customersWithValue: number;
  /** Misattributed share (module comment) against its permutation null, paired 95% CI of the excess. */
  readonly misattributedShare: NullEstimate;
  /** Quantiles p25, p50, p75, p90 of the per-customer misattributed share (customers with value > 0). */
  readonly perCustomerQuantiles: Record<string, number | null>;
}

/**
 * Per-customer misattribution of one dimension: d_c = Σ_k |v_ck − V_c n_ck / n_c| / 2, and V_c.
 * @returns {misplaced, total} per customer; both 0 for customers without value
 */
export function misattribution(cells: ContextCells): { misplaced: Float64Array; total: Float64Array } {
  const L = cells.levels.length;
  const misplaced = new Float64Array(cells.customers), total = new Float64Array(cells.customers);
  for (let c = 0; c < cells.customers; c++) {
    let V = 0, n = 0;
    for (let k = 0; k < L; k++) {
      V += cells.value[c * L + k]!;
      n += cells.rows[c * L + k]!;
    }
    if (!(V > 0 && n > 0)) continue;
    let d = 0;
    for (let k = 0; k < L; k++) d += Math.abs(cells.value[c * L + k]! - (V * cells.rows[c * L + k]!) / n);
    misplaced[c] = d / 2;
    total[c] = V;
  }
  return { misplaced, total };
}

/**
 * Value by context of one dimension with the misattributed share against its null.
 * @param nullMisplaced per customer, misattribution(world).misplaced of the same dimension averaged
 *   over the permuted worlds (WorldMean)
 * @param boot bootstrap seed and resamples
 */
export function valueByContext(cells: ContextCells, nullMisplaced: Float64Array, boot: { seed: number; resamples?: number }): ValueByContext {
  const L = cells.levels.length;
  const levelTotals = Array.from({ length: L }, () => ({ customers: 0, rows: 0, purchases: 0, value: 0 }));
  for (let c = 0; c < cells.customers; c++) {
    for (let k = 0; k < L; k++) {
      const at = c * L + k, s = levelTotals[k]!;
      if (cells.rows[at]! > 0) s.customers++;
      s.rows += cells.rows[at]!;
      s.purchases += cells.purchases[at]!;
      s.value += cells.value[at]!;
    }
  }
  const allRows = levelTotals.reduce((a, s) => a + s.rows, 0), allValue = levelTotals.reduce((a, s) => a + s.value, 0);
  const levels = levelTotals
    .map((s, k) => ({
      level: cells.levels[k]!, ...s,
      valueShare: allValue > 0 ? s.value / allValue : 0,
      occasionShare: allRows > 0 ? s.rows / allRows : 0,
      propensity: s.rows > 0 ? s.purchases / s.rows : null,
      valuePerPurchase: s.purchases > 0 ? s.value / s.purchases : null,
    }))
    .filter((l) => l.rows > 0);
  const { misplaced, total } = misattribution(cells);
  const shares: number[] = [];
  for (let c = 0; c < cells.customers; c++) if (total[c]! > 0) shares.push(misplaced[c]! / total[c]!);
  const [share] = excessOverNull(cells.customers, (w) => ratioOfSumsPair(misplaced, nullMisplaced, total, w), boot);
  const sorted = Float64Array.from(shares).sort();
  const q = (p: number): number | null => (sorted.length > 0 ? quantileSorted(sorted, p) : null);
  return {
    dimension: cells.dimension, levels, customersWithValue: shares.length, misattributedShare: share!,
    perCustomerQuantiles: { p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9) },
  };
}


/**
 * Discounted customer lifetime value, as lifetimes' `customer_lifetime_value`: for each month
 * m = 1..months, the expected transactions in month m from a transaction model (BG/NBD or
 * Pareto/NBD) times the expected spend per transaction (Gamma-Gamma), discounted by (1 + d)^m with
 * a monthly rate d.
 *
 *   CLV_i = Σ_m spend_i · (E[X(m·k) | x_i, t_x,i, T_i] − E[X((m−1)·k) | ...]) / (1 + d)^m,
 *   k = model periods per month (4.345 weeks).
 */
import { assertCalibrationData, type CalibrationData } from "./calibration-data.js";
import type { TransactionModel } from "./transaction-model.js";

/** Options of {@link customerLifetimeValue}. */
export interface ClvOptions {
  /** Horizon in months. Default 12. */
  readonly months?: number;
  /** Monthly discount rate d. Default 0.01 (lifetimes' default, about 12.7% a year). */
  readonly monthlyDiscountRate?: number;
  /** Annual discount rate; when given, d = (1 + annual)^(1/12) − 1 and monthlyDiscountRate must be absent. Default: none. */
  readonly annualDiscountRate?: number;
  /** Model periods per month. Default 4.345 (weeks, as lifetimes' freq "W"). */
  readonly periodsPerMonth?: number;
}

/**
 * The monthly rate equivalent to an annual discount rate: (1 + annual)^(1/12) − 1.
 * @throws RangeError unless annual > -1
 */
export function monthlyRateFromAnnual(annual: number): number {
  if (!(annual > -1 && Number.isFinite(annual))) throw new RangeError(`monthlyRateFromAnnual: annual rate must be > -1, got "${annual}"`);
  return Math.pow(1 + annual, 1 / 12) - 1;
}

/**
 * Discounted expected value of each customer over the horizon.
 * @param model fitted transaction model (periods as in data)
 * @param data per-customer x, t_x, T in model periods
 * @param expectedSpend per-customer expected value per transaction (e.g. {@link gammaGammaExpectedSpend}), same length as data
 * @returns Float64Array of CLV per customer, in the currency of expectedSpend
 * @throws RangeError on invalid data, mismatched lengths or invalid options
 */
export function customerLifetimeValue(
  model: TransactionModel,
  data: CalibrationData,
  expectedSpend: Float64Array,
  options: ClvOptions = {},
): Float64Array {
  assertCalibrationData(data, "customerLifetimeValue");
  const n = data.frequency.length;
  if (expectedSpend.length !== n) {
    throw new RangeError(`customerLifetimeValue: expectedSpend has ${expectedSpend.length} entries, expected ${n} (one per customer)`);
  }
  const months = options.months ?? 12;
  if (!(Number.isInteger(months) && months >= 0)) throw new RangeError(`customerLifetimeValue: months must be a non-negative integer, got "${months}"`);
  if (options.annualDiscountRate !== undefined && options.monthlyDiscountRate !== undefined) {
    throw new RangeError("customerLifetimeValue: give monthlyDiscountRate or annualDiscountRate, not both");
  }
  const d = options.annualDiscountRate !== undefined ? monthlyRateFromAnnual(options.annualDiscountRate) : (options.monthlyDiscountRate ?? 0.01);
  if (!(d > -1 && Number.isFinite(d))) throw new RangeError(`customerLifetimeValue: monthly discount rate must be > -1, got "${d}"`);
  const k = options.periodsPerMonth ?? 4.345;
  if (!(k > 0 && Number.isFinite(k))) throw new RangeError(`customerLifetimeValue: periodsPerMonth must be > 0, got "${k}"`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spend = expectedSpend[i]!;
    if (!Number.isFinite(spend)) throw new RangeError(`customerLifetimeValue: customer ${i} expectedSpend: expected a finite number, got "${spend}"`);
    const x = data.frequency[i]!, tx = data.recency[i]!, T = data.T[i]!;
    let previous = 0, value = 0;
    for (let m = 1; m <= months; m++) {
      const cumulative = model.conditionalExpected(x, tx, T, m * k);
      value += (spend * (cumulative - previous)) / Math.pow(1 + d, m);
      previous = cumulative;
    }
    out[i] = value;
  }
  return out;
}

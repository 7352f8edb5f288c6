/**
 * Aggregate tracking of repeat transactions per period (FHL 2005, figure 2–3; BTYD's
 * elog2cum / PlotTrackingInc): actual repeat purchase days per period against the model's
 * expectation Σ_customers E[X(τ − birth_i)], where each customer enters at their own first purchase.
 *
 *   log --purchaseDays--> births (≤ calibrationEnd) and repeat days
 *     --> actual per period;  births grouped by day × model.expected --> predicted per period
 */
import { DAY_MS, WEEK_MS, assertTransactionLog, purchaseDays, type TransactionLog } from "./purchase-days.js";
import type { TransactionModel } from "./transaction-model.js";

/** Options of {@link trackingData}. */
export interface TrackingOptions {
  /** Start of period 1, ms since the epoch. Required. */
  readonly start: number;
  /** Number of periods to track. Required. */
  readonly periods: number;
  /** Customers whose first purchase is after this time (ms) are left out, as in the fit. Required. */
  readonly calibrationEnd: number;
  /** Period length in ms (the model's period). Default WEEK_MS. */
  readonly periodMs?: number;
}

/** Actual and predicted repeat transactions per period; arrays indexed by period − 1. */
export interface Tracking {
  /** Period number 1..periods; period w covers [start + (w−1)·P, start + w·P). */
  readonly period: Int32Array;
  readonly actualIncremental: Float64Array;
  readonly predictedIncremental: Float64Array;
  readonly actualCumulative: Float64Array;
  readonly predictedCumulative: Float64Array;
  /** Customers tracked (first purchase at or before calibrationEnd). */
  readonly customers: number;
}

/**
 * Weekly (per-period) tracking data of a transaction model against a log.
 * @throws RangeError on an invalid log or options
 */
export function trackingData(log: TransactionLog, model: TransactionModel, options: TrackingOptions): Tracking {
  assertTransactionLog(log, "trackingData");
  const { start, periods, calibrationEnd } = options;
  const periodMs = options.periodMs ?? WEEK_MS;
  if (!Number.isFinite(start)) throw new RangeError(`trackingData: start must be finite ms, got "${start}"`);
  if (!Number.isFinite(calibrationEnd)) throw new RangeError(`trackingData: calibrationEnd must be finite ms, got "${calibrationEnd}"`);
  if (!(Number.isInteger(periods) && periods > 0)) throw new RangeError(`trackingData: periods must be a positive integer, got "${periods}"`);
  if (!(periodMs > 0 && Number.isFinite(periodMs))) throw new RangeError(`trackingData: periodMs must be > 0, got "${periodMs}"`);

  const { offsets, days } = purchaseDays(log);
  const actualIncremental = new Float64Array(periods);
  const birthCounts = new Map<number, number>();
  let customers = 0;
  for (let c = 0; c < log.customers; c++) {
    const lo = offsets[c]!, hi = offsets[c + 1]!;
    if (lo === hi || days[lo]! * DAY_MS > calibrationEnd) continue;
    customers++;
    const birth = days[lo]! * DAY_MS;
    birthCounts.set(birth, (birthCounts.get(birth) ?? 0) + 1);
    for (let k = lo + 1; k < hi; k++) {
      const w = Math.floor((days[k]! * DAY_MS - start) / periodMs);
      if (w >= 0 && w < periods) actualIncremental[w] = actualIncremental[w]! + 1;
    }
  }
  const predictedCumulative = new Float64Array(periods);
  const actualCumulative = new Float64Array(periods);
  for (let w = 0; w < periods; w++) {
    const end = start + (w + 1) * periodMs;
    let sum = 0;
    for (const [birth, count] of birthCounts) if (birth < end) sum += count * model.expected((end - birth) / periodMs);
    predictedCumulative[w] = sum;
    actualCumulative[w] = (w > 0 ? actualCumulative[w - 1]! : 0) + actualIncremental[w]!;
  }
  const predictedIncremental = predictedCumulative.map((v, w) => v - (w > 0 ? predictedCumulative[w - 1]! : 0));
  return {
    period: Int32Array.from({ length: periods }, (_, w) => w + 1),
    actualIncremental, predictedIncremental, actualCumulative, predictedCumulative, customers,
  };
}

import type { Interactions } from "../schema/interactions.js";
import { groupRowsByCustomer } from "./customer-rows.js";
import { splitFromMask, type ProtocolSplit } from "./protocol-split.js";

/** Options of {@link temporalPerCustomerSplit}. */
export interface TemporalPerCustomerOptions {
  /** Share of each customer's interactions held out, in (0, 1). Default 0.2. */
  readonly testFraction?: number;
}

/**
 * Per-customer temporal holdout: each customer's latest interactions (by timestamp, ties by row
 * order) are test data. A customer with n ≥ 2 interactions contributes
 * clamp(round(testFraction · n), 1, n − 1) test rows, so every test customer keeps training
 * history; customers with a single interaction stay in training.
 * @throws RangeError when testFraction is not in (0, 1), the data has no timestamps, a timestamp
 *   is not finite, or no customer has two interactions (empty test part)
 */
export function temporalPerCustomerSplit(data: Interactions, options: TemporalPerCustomerOptions = {}): ProtocolSplit {
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`temporalPerCustomerSplit: testFraction must be in (0, 1), got ${testFraction}`);
  }
  const ts = data.timestamp;
  if (!ts) throw new RangeError("temporalPerCustomerSplit: needs timestamps; this dataset has none (use leaveLastOutSplit, which falls back to row order, or kFoldSplits)");
  checkFiniteTimes("temporalPerCustomerSplit", ts);
  const isTest = lastRowsPerCustomer(data, ts, (n) => Math.min(n - 1, Math.max(1, Math.round(testFraction * n))));
  return splitFromMask("temporal-per-customer", isTest, `temporal per customer: each customer's latest ${(100 * testFraction).toFixed(0)}% of interactions (at least one, customers with one interaction excepted) are test data`);
}

/** Options of {@link leaveLastOutSplit}. */
export interface LeaveLastOutOptions {
  /**
   * Customers with fewer interactions than this stay wholly in training, so that every test
   * customer has history. 1 puts the only interaction of one-off customers in test (cold start).
   * Default 2.
   */
  readonly minInteractions?: number;
}

/**
 * Leave-last-out: each customer's last interaction (by timestamp, ties by row order; by row order
 * alone when the data has no timestamps) is test data.
 * @throws RangeError when minInteractions is not an integer ≥ 1, a timestamp is not finite, or no
 *   customer qualifies (empty test part)
 */
export function leaveLastOutSplit(data: Interactions, options: LeaveLastOutOptions = {}): ProtocolSplit {
  const minInteractions = options.minInteractions ?? 2;
  if (!(Number.isInteger(minInteractions) && minInteractions >= 1)) {
    throw new RangeError(`leaveLastOutSplit: minInteractions must be an integer ≥ 1, got ${minInteractions}`);
  }
  if (data.timestamp) checkFiniteTimes("leaveLastOutSplit", data.timestamp);
  const isTest = lastRowsPerCustomer(data, data.timestamp, (n) => (n >= minInteractions ? 1 : 0));
  const order = data.timestamp ? "by timestamp" : "by row order (no timestamps)";
  return splitFromMask("leave-last-out", isTest, `leave last out: each customer's last interaction ${order} is test data, for customers with at least ${minInteractions} interactions`);
}

/** Marks the last `testCount(n)` rows of each customer with n rows, in time then row order. */
function lastRowsPerCustomer(data: Interactions, ts: Float64Array | null, testCount: (n: number) => number): Uint8Array {
  const { offsets, rows } = groupRowsByCustomer(data.customer, data.customerIds.length, ts);
  const isTest = new Uint8Array(data.size);
  for (let c = 0; c + 1 < offsets.length; c++) {
    const lo = offsets[c]!, hi = offsets[c + 1]!;
    const n = hi - lo;
    if (n === 0) continue;
    const m = testCount(n);
    for (let p = hi - m; p < hi; p++) isTest[rows[p]!] = 1;
  }
  return isTest;
}

function checkFiniteTimes(fn: string, ts: Float64Array): void {
  for (let i = 0; i < ts.length; i++) {
    if (!Number.isFinite(ts[i]!)) throw new RangeError(`${fn}: row ${i} column timestamp: expected a finite time in ms, got "${ts[i]}"`);
  }
}

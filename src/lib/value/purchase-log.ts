/**
 * What counts as a purchase and what it was worth, for every value measure, and the time window
 * the measures are taken over.
 *
 * A row is a purchase when the customer bought or accepted: binary outcome 1, amount outcome > 0,
 * and, for ratings, every row (a rated item was consumed). Its value is the monetary value column
 * when the data has one, else the outcome for amount data, else 0 (then value measures count
 * purchases instead of money: see {@link valueUnit}).
 */
import type { TransactionLog } from "../clv/purchase-days.js";
import type { Interactions } from "../schema/interactions.js";

/** The calibration / holdout split of a value analysis, ms since the epoch (UTC). */
export interface ValueWindow {
  /** Rows at or before this time are calibration (what the firm knew at the decision). */
  readonly calibrationEnd: number;
  /** Rows after calibrationEnd and at or before this time are holdout (what happened next). */
  readonly holdoutEnd: number;
}

/** "currency" when rows carry money, "purchases" when value measures count purchases. */
export type ValueUnit = "currency" | "purchases";

/** Whether the value measures of `data` are in money or in purchase counts. */
export function valueUnit(data: Interactions): ValueUnit {
  return data.value !== null || data.outcomeSpec.type === "amount" ? "currency" : "purchases";
}

/** Whether row i is a purchase (see the module comment). */
export function isPurchase(data: Interactions, i: number): boolean {
  const y = data.outcome[i]!;
  switch (data.outcomeSpec.type) {
    case "binary":
      return y === 1;
    case "amount":
    case "count":
      return y > 0;
    default:
      return true;
  }
}

/** Value of row i: its money when the data records money, else 1 for a purchase (0 otherwise). */
export function rowValue(data: Interactions, i: number): number {
  if (!isPurchase(data, i)) return 0;
  if (data.value) return data.value[i]!;
  return data.outcomeSpec.type === "amount" ? data.outcome[i]! : 1;
}

/**
 * Checks that data can be valued over a window: timestamps present, calibrationEnd before holdoutEnd.
 * @param where label for messages, e.g. "relationshipValue"
 * @throws Error naming what is missing or the bad value, quoted
 */
export function assertValueInput(data: Interactions, window: ValueWindow, where: string): void {
  if (!data.timestamp) {
    throw new Error(`${where}: the dataset has no timestamp column; value measures need customer + timestamp (+ value) columns`);
  }
  if (!Number.isFinite(window.calibrationEnd)) throw new Error(`${where}: calibrationEnd must be a finite time in ms, got "${window.calibrationEnd}"`);
  if (!(window.holdoutEnd >= window.calibrationEnd)) {
    throw new Error(`${where}: holdoutEnd must be at or after calibrationEnd (${new Date(window.calibrationEnd).toISOString()}), got "${window.holdoutEnd}"`);
  }
  let before = 0;
  for (let i = 0; i < data.size; i++) if (data.timestamp[i]! <= window.calibrationEnd) before++;
  if (before === 0) {
    throw new Error(`${where}: no row is at or before the calibration end ${new Date(window.calibrationEnd).toISOString()}; choose a later --calibration-end`);
  }
}

/** Latest timestamp of data (ms), or -Infinity without rows. Data must have timestamps. */
export function lastTimestamp(data: Interactions): number {
  let max = -Infinity;
  const t = data.timestamp!;
  for (let i = 0; i < t.length; i++) if (t[i]! > max) max = t[i]!;
  return max;
}

/**
 * The purchases of `data` as a transaction log (customer codes as in data; every time, calibration
 * and holdout). Amounts are the row values (null when the data records no money).
 * @throws Error when data has no timestamps
 */
export function purchaseLog(data: Interactions): TransactionLog {
  if (!data.timestamp) throw new Error("purchaseLog: the dataset has no timestamp column");
  let n = 0;
  for (let i = 0; i < data.size; i++) if (isPurchase(data, i)) n++;
  const customer = new Int32Array(n);
  const time = new Float64Array(n);
  const money = valueUnit(data) === "currency";
  const amount = money ? new Float64Array(n) : null;
  for (let i = 0, k = 0; i < data.size; i++) {
    if (!isPurchase(data, i)) continue;
    customer[k] = data.customer[i]!;
    time[k] = data.timestamp[i]!;
    if (amount) amount[k] = rowValue(data, i);
    k++;
  }
  return { customer, time, amount, customers: data.customerIds.length };
}

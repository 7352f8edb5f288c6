/**
 * The recency–frequency–monetary summary that every BTYD model is fitted on.
 *
 *   transaction log --purchaseDays--> distinct purchase days per customer
 *     --> calibration part (day start <= calibrationEnd): x, t_x, T, monetary
 *     --> holdout part (calibrationEnd < day start <= holdoutEnd): holdout transactions
 *
 * Definitions follow BTYD and lifetimes: same-day transactions are one transaction; frequency x
 * counts repeat purchase days (all purchase days in calibration but the first); recency t_x is the
 * time from the first to the last purchase day; T the time from the first purchase day to the
 * calibration end, both in periods (weeks by default); monetary is the mean daily spend over the
 * repeat purchase days (0 when x = 0). Customers whose first purchase comes after the calibration
 * end (and customers with no transaction) are left out of the summary and counted.
 */
import { DAY_MS, WEEK_MS, assertTransactionLog, purchaseDays, type TransactionLog } from "./purchase-days.js";

/** Options of {@link rfmSummary}. */
export interface RfmOptions {
  /** End of the calibration period, ms since the epoch (UTC); a purchase day counts when it starts at or before it. Required. */
  readonly calibrationEnd: number;
  /** End of the holdout period, ms (inclusive like calibrationEnd). Default: calibrationEnd (no holdout). */
  readonly holdoutEnd?: number;
  /** Length of one period in ms. Default WEEK_MS. */
  readonly periodMs?: number;
}

/** Per-customer summary of the calibration (and holdout) period; arrays have one entry per included customer. */
export interface RfmSummary {
  /** Customer code (index into the log's customers) of each included customer, ascending. */
  readonly customer: Int32Array;
  /** Repeat purchase days in calibration, x. */
  readonly frequency: Float64Array;
  /** Time of the last calibration purchase since the first, t_x, in periods. */
  readonly recency: Float64Array;
  /** Time from the first purchase to the calibration end, T, in periods. */
  readonly T: Float64Array;
  /** Mean daily spend over the repeat purchase days in calibration; 0 when frequency is 0. */
  readonly monetary: Float64Array;
  /** Mean daily spend over all calibration purchase days, the first included. */
  readonly averageSpend: Float64Array;
  /** First purchase ("birth") time, ms since the epoch, at the start of its UTC day. */
  readonly birth: Float64Array;
  /** Distinct purchase days in the holdout period. */
  readonly holdoutTransactions: Float64Array;
  /** Length of the holdout period in periods (the same for every customer). */
  readonly holdoutLength: number;
  /** Customers left out because their first purchase is after the calibration end. */
  readonly excludedAfterCalibration: number;
  /** Customer codes with no transaction at all (left out). */
  readonly withoutTransactions: number;
  /** Period length in ms. */
  readonly periodMs: number;
}

/**
 * Builds the RFM summary of a transaction log.
 * @param log transactions; amounts may be null (monetary columns are then 0)
 * @param options calibration end (required), holdout end, period length
 * @throws RangeError on an invalid log (row, column and value named) or invalid options
 */
export function rfmSummary(log: TransactionLog, options: RfmOptions): RfmSummary {
  assertTransactionLog(log, "rfmSummary");
  const { calibrationEnd } = options;
  const holdoutEnd = options.holdoutEnd ?? calibrationEnd;
  const periodMs = options.periodMs ?? WEEK_MS;
  if (!Number.isFinite(calibrationEnd)) throw new RangeError(`rfmSummary: calibrationEnd must be finite ms, got "${calibrationEnd}"`);
  if (!(holdoutEnd >= calibrationEnd)) {
    throw new RangeError(`rfmSummary: holdoutEnd must be >= calibrationEnd (${calibrationEnd}), got "${holdoutEnd}"`);
  }
  if (!(periodMs > 0 && Number.isFinite(periodMs))) throw new RangeError(`rfmSummary: periodMs must be > 0, got "${periodMs}"`);
  return _rfmSummary(log, calibrationEnd, holdoutEnd, periodMs);
}

function _rfmSummary(log: TransactionLog, calibrationEnd: number, holdoutEnd: number, periodMs: number): RfmSummary {
  const { offsets, days, spend } = purchaseDays(log);
  let included = 0, excluded = 0, empty = 0;
  for (let c = 0; c < log.customers; c++) {
    const lo = offsets[c]!, hi = offsets[c + 1]!;
    if (lo === hi) empty++;
    else if (days[lo]! * DAY_MS > calibrationEnd) excluded++;
    else included++;
  }
  const customer = new Int32Array(included);
  const frequency = new Float64Array(included);
  const recency = new Float64Array(included);
  const T = new Float64Array(included);
  const monetary = new Float64Array(included);
  const averageSpend = new Float64Array(included);
  const birth = new Float64Array(included);
  const holdoutTransactions = new Float64Array(included);
  let i = 0;
  for (let c = 0; c < log.customers; c++) {
    const lo = offsets[c]!, hi = offsets[c + 1]!;
    if (lo === hi || days[lo]! * DAY_MS > calibrationEnd) continue;
    const first = days[lo]! * DAY_MS;
    let k = lo, repeatSpend = 0;
    while (k + 1 < hi && days[k + 1]! * DAY_MS <= calibrationEnd) {
      k++;
      repeatSpend += spend[k]!;
    }
    let holdout = 0;
    for (let h = k + 1; h < hi && days[h]! * DAY_MS <= holdoutEnd; h++) holdout++;
    const x = k - lo;
    customer[i] = c;
    frequency[i] = x;
    recency[i] = (days[k]! * DAY_MS - first) / periodMs;
    T[i] = (calibrationEnd - first) / periodMs;
    monetary[i] = x > 0 ? repeatSpend / x : 0;
    averageSpend[i] = (repeatSpend + spend[lo]!) / (x + 1);
    birth[i] = first;
    holdoutTransactions[i] = holdout;
    i++;
  }
  return {
    customer, frequency, recency, T, monetary, averageSpend, birth, holdoutTransactions,
    holdoutLength: (holdoutEnd - calibrationEnd) / periodMs,
    excludedAfterCalibration: excluded,
    withoutTransactions: empty,
    periodMs,
  };
}

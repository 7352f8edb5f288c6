/**
 * Transaction log → purchase days per customer, the unit every BTYD model counts.
 *
 *   rows (customer, time ms, amount)  --validate-->  counting sort by customer
 *     --> per customer: UTC day of each row, sorted  --> same-day rows merged (amounts summed)
 *
 * Result is compressed-sparse-row: customer c's purchase days are days[offsets[c] .. offsets[c+1]).
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** Milliseconds in a week, the default period of the lifetime-value models. */
export const WEEK_MS = 7 * DAY_MS;

/** A transaction log, one row per transaction, column-wise. */
export interface TransactionLog {
  /** Customer code per row, in [0, customers). */
  readonly customer: Int32Array;
  /** Transaction time per row, milliseconds since the Unix epoch (UTC). */
  readonly time: Float64Array;
  /** Amount spent per row (currency units), or null when not recorded. */
  readonly amount: Float64Array | null;
  /** Number of customer codes (customers with no row are allowed). */
  readonly customers: number;
}

/** Distinct purchase days per customer (compressed sparse rows). */
export interface PurchaseDays {
  /** Length customers + 1; customer c owns entries offsets[c] .. offsets[c + 1] - 1. */
  readonly offsets: Int32Array;
  /** UTC day number (floor(ms / DAY_MS)) of each purchase day, ascending within a customer. */
  readonly days: Float64Array;
  /** Total amount spent on that day (0 when the log has no amounts). */
  readonly spend: Float64Array;
}

/**
 * Checks a transaction log: equal column lengths, customer codes in range, finite times and amounts.
 * @param where label for messages, e.g. "rfmSummary"
 * @throws RangeError naming the row, column and value of the first violation
 */
export function assertTransactionLog(log: TransactionLog, where: string): void {
  const n = log.customer.length;
  if (!(Number.isInteger(log.customers) && log.customers >= 0)) {
    throw new RangeError(`${where}: customers must be a non-negative integer, got "${log.customers}"`);
  }
  if (log.time.length !== n) throw new RangeError(`${where}: column time has ${log.time.length} rows, expected ${n} (as customer)`);
  if (log.amount && log.amount.length !== n) {
    throw new RangeError(`${where}: column amount has ${log.amount.length} rows, expected ${n} (as customer)`);
  }
  for (let i = 0; i < n; i++) {
    const c = log.customer[i]!;
    if (c < 0 || c >= log.customers) {
      throw new RangeError(`${where}: row ${i} column customer: code "${c}" is outside [0, ${log.customers})`);
    }
    if (!Number.isFinite(log.time[i]!)) throw new RangeError(`${where}: row ${i} column time: expected finite milliseconds, got "${log.time[i]}"`);
    if (log.amount && !Number.isFinite(log.amount[i]!)) {
      throw new RangeError(`${where}: row ${i} column amount: expected a finite number, got "${log.amount[i]}"`);
    }
  }
}

/**
 * Groups a (validated) transaction log into distinct purchase days per customer; transactions on
 * the same UTC day are merged and their amounts summed, as in BTYD and lifetimes. O(rows) memory.
 */
export function purchaseDays(log: TransactionLog): PurchaseDays {
  const n = log.customer.length;
  const counts = new Int32Array(log.customers + 1);
  for (let i = 0; i < n; i++) counts[log.customer[i]! + 1] = counts[log.customer[i]! + 1]! + 1;
  for (let c = 0; c < log.customers; c++) counts[c + 1] = counts[c + 1]! + counts[c]!;
  const cursor = counts.slice(0, log.customers);
  const rowDay = new Float64Array(n);
  const rowOrder = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = log.customer[i]!;
    rowOrder[cursor[c]!] = i;
    cursor[c] = cursor[c]! + 1;
  }
  for (let k = 0; k < n; k++) rowDay[k] = Math.floor(log.time[rowOrder[k]!]! / DAY_MS);

  const offsets = new Int32Array(log.customers + 1);
  const days = new Float64Array(n);
  const spend = new Float64Array(n);
  let out = 0;
  const pairs: number[] = [];
  for (let c = 0; c < log.customers; c++) {
    offsets[c] = out;
    const lo = counts[c]!, hi = counts[c + 1]!;
    pairs.length = 0;
    for (let k = lo; k < hi; k++) pairs.push(k);
    // sort this customer's rows by day (usually few rows; already sorted for most logs)
    pairs.sort((p, q) => rowDay[p]! - rowDay[q]!);
    for (const k of pairs) {
      const d = rowDay[k]!;
      const amt = log.amount ? log.amount[rowOrder[k]!]! : 0;
      if (out > offsets[c]! && days[out - 1] === d) spend[out - 1] = spend[out - 1]! + amt;
      else {
        days[out] = d;
        spend[out] = amt;
        out++;
      }
    }
  }
  offsets[log.customers] = out;
  return { offsets, days: days.slice(0, out), spend: spend.slice(0, out) };
}

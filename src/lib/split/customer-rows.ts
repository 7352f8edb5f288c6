/**
 * Rows grouped by customer in compressed form (CSR): the rows of customer c are
 * `rows[offsets[c]] .. rows[offsets[c + 1] - 1]`. Linear time and memory (counting sort), so it
 * scales to 20M rows and 1M customers.
 */
export interface CustomerRows {
  /** Start of each customer's rows in `rows`; length customers + 1, offsets[customers] = row count. */
  readonly offsets: Int32Array;
  /** Row indices, grouped by customer. */
  readonly rows: Int32Array;
}

/**
 * Groups row indices by customer code, keeping row order within a customer (stable).
 * @param customer customer code per row, each in [0, customers)
 * @param customers number of customer codes (customerIds.length)
 * @param timestamp optional time per row (ms); when given, each customer's rows are ordered by
 *   time, ties by row index
 * @throws RangeError when a customer code is outside [0, customers)
 */
export function groupRowsByCustomer(customer: Int32Array, customers: number, timestamp: Float64Array | null = null): CustomerRows {
  const n = customer.length;
  const offsets = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) {
    const c = customer[i]!;
    if (!(c >= 0 && c < customers)) throw new RangeError(`groupRowsByCustomer: row ${i} has customer code ${c}, expected [0, ${customers})`);
    offsets[c + 1]!++;
  }
  for (let c = 0; c < customers; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, customers);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[fill[customer[i]!]!++] = i;
  if (timestamp) {
    const byTime = (a: number, b: number): number => timestamp[a]! - timestamp[b]! || a - b;
    for (let c = 0; c < customers; c++) {
      const lo = offsets[c]!, hi = offsets[c + 1]!;
      if (hi - lo > 1) rows.subarray(lo, hi).sort(byTime);
    }
  }
  return { offsets, rows };
}

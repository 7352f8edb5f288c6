/**
 * The (x, t_x, T) triples the transaction models are fitted on, their validation, and their
 * compression to distinct triples with counts: with day-resolution data, a million customers share
 * far fewer distinct triples, so a likelihood evaluation costs O(distinct) instead of O(customers).
 */

/** Per-customer calibration summary; an {@link RfmSummary} satisfies it. */
export interface CalibrationData {
  /** Repeat transactions x (non-negative integers). */
  readonly frequency: Float64Array;
  /** Recency t_x in periods, 0 <= t_x <= T, and 0 when x = 0. */
  readonly recency: Float64Array;
  /** Age T in periods (time from first purchase to calibration end), >= 0. */
  readonly T: Float64Array;
}

/** Distinct (x, t_x, T) triples with the number of customers sharing each. */
export interface CompressedCalibration {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Distinct x values, ascending; x-only terms (log-gammas) are computed once per entry. */
  readonly xValues: Float64Array;
  /** Index into xValues of each triple's x. */
  readonly xIndex: Int32Array;
  /** Number of customers (sum of weights). */
  readonly customers: number;
}

/**
 * Checks calibration data.
 * @param where label for messages, e.g. "fitBgNbd"
 * @throws RangeError naming the customer index, column and value of the first violation
 */
export function assertCalibrationData(data: CalibrationData, where: string): void {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n) {
    throw new RangeError(
      `${where}: frequency, recency and T must have equal lengths, got ${n}, ${data.recency.length}, ${data.T.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i]!, tx = data.recency[i]!, T = data.T[i]!;
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`${where}: customer ${i} column frequency: expected a non-negative integer, got "${x}"`);
    if (!(T >= 0 && Number.isFinite(T))) throw new RangeError(`${where}: customer ${i} column T: expected a finite number >= 0, got "${T}"`);
    if (!(tx >= 0 && tx <= T)) throw new RangeError(`${where}: customer ${i} column recency: expected a number in [0, T=${T}], got "${tx}"`);
    if (x === 0 && tx !== 0) throw new RangeError(`${where}: customer ${i} column recency: expected 0 when frequency is 0, got "${tx}"`);
  }
}

/** Groups (validated) calibration data into distinct triples with counts. */
export function compressCalibration(data: CalibrationData): CompressedCalibration {
  const index = new Map<string, number>();
  const x: number[] = [], tx: number[] = [], T: number[] = [], weight: number[] = [];
  for (let i = 0; i < data.frequency.length; i++) {
    const key = `${data.frequency[i]} ${data.recency[i]} ${data.T[i]}`;
    const at = index.get(key);
    if (at !== undefined) weight[at] = weight[at]! + 1;
    else {
      index.set(key, x.length);
      x.push(data.frequency[i]!);
      tx.push(data.recency[i]!);
      T.push(data.T[i]!);
      weight.push(1);
    }
  }
  const xValues = Float64Array.from(new Set(x)).sort();
  const position = new Map<number, number>();
  xValues.forEach((v, k) => position.set(v, k));
  return {
    x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), weight: Float64Array.from(weight),
    xValues, xIndex: Int32Array.from(x, (v) => position.get(v)!),
    customers: data.frequency.length,
  };
}

/**
 * Checks one customer history.
 * @param where label for messages
 * @throws RangeError unless x is a non-negative integer and 0 <= t_x <= T (t_x = 0 when x = 0)
 */
export function assertHistory(x: number, tx: number, T: number, where: string): void {
  if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`${where}: x must be a non-negative integer, got "${x}"`);
  if (!(T >= 0 && Number.isFinite(T))) throw new RangeError(`${where}: T must be a finite number >= 0, got "${T}"`);
  if (!(tx >= 0 && tx <= T)) throw new RangeError(`${where}: t_x must be in [0, T=${T}], got "${tx}"`);
  if (x === 0 && tx !== 0) throw new RangeError(`${where}: t_x must be 0 when x is 0, got "${tx}"`);
}

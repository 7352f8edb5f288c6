/**
 * Argument checks shared by every metric. Each throws at the public function with a message that
 * names the metric, the argument, the index and the value received: `auc: labels[3] must be 0 or 1, got 2`.
 */

/** Anything indexable by row: Float64Array, Int32Array, number[]. */
export type NumericColumn = ArrayLike<number>;

/**
 * Checks that every column has the same, non-zero length.
 * @param fn metric name for the message
 * @param columns named columns, e.g. { labels, scores }
 * @returns the common length
 * @throws RangeError when lengths differ or the input is empty
 */
export function checkSameLength(fn: string, columns: Record<string, NumericColumn | undefined>): number {
  let n = -1;
  let first = "";
  for (const [name, col] of Object.entries(columns)) {
    if (col === undefined) continue;
    if (n < 0) {
      n = col.length;
      first = name;
    } else if (col.length !== n) {
      throw new RangeError(`${fn}: ${first} has ${n} rows but ${name} has ${col.length}`);
    }
  }
  if (n <= 0) throw new RangeError(`${fn}: input is empty (0 rows); a metric needs at least one row`);
  return n;
}

/**
 * @throws RangeError at the first value that is not a finite number (NaN, ±Infinity)
 */
export function checkFinite(fn: string, name: string, col: NumericColumn): void {
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name}[${i}] must be a finite number, got ${v}`);
  }
}

/**
 * @throws RangeError at the first label that is not exactly 0 or 1
 */
export function checkBinary(fn: string, name: string, col: NumericColumn): void {
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v !== 0 && v !== 1) throw new RangeError(`${fn}: ${name}[${i}] must be 0 or 1, got ${v}`);
  }
}

/**
 * @throws RangeError at the first value outside [0, 1] (or NaN)
 */
export function checkProbability(fn: string, name: string, col: NumericColumn): void {
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${fn}: ${name}[${i}] must be a probability in [0, 1], got ${v}`);
  }
}

/**
 * Checks frequency weights (weight 2 = the row counts twice).
 * @returns the total weight
 * @throws RangeError at the first weight that is negative or not finite
 */
export function checkWeights(fn: string, weights: NumericColumn): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Infinity)) {
      throw new RangeError(`${fn}: weights[${i}] must be a non-negative finite number, got ${w}`);
    }
    total += w;
  }
  return total;
}

/**
 * @throws RangeError when the weights sum to 0, which leaves no row to average over
 */
export function checkPositiveTotal(fn: string, total: number): void {
  if (!(total > 0)) throw new RangeError(`${fn}: weights sum to ${total}; at least one row needs a positive weight`);
}

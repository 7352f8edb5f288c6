/**
 * Stable counting sort of row indices by a small-integer key column: O(rows + keys), typed arrays
 * only. Chained from the least to the most significant key it orders rows by a tuple of keys (LSD
 * radix), with row order kept among equal tuples.
 */

/** An order and where each key's rows start in it. */
export interface CountingOrder {
  /** The rows of `within` (or 0..key.length-1), by key; row order kept among equal keys. */
  readonly order: Int32Array;
  /** Rows with key k are order[start[k]] … order[start[k + 1] − 1]; length keys + 1. */
  readonly start: Int32Array;
}

/**
 * @param key key of every row, each in 0..keys-1 (indexed by row, not by position in `within`)
 * @param keys number of distinct keys
 * @param within the rows to order, each at most once (default every row, 0..key.length-1)
 */
export function countingOrder(key: Int32Array, keys: number, within: Int32Array | null = null): CountingOrder {
  const n = within ? within.length : key.length;
  const start = new Int32Array(keys + 1);
  // every row once (a reordering of all rows): the same counts from a sequential pass over the keys
  if (!within || n === key.length) for (let i = 0; i < n; i++) start[key[i]! + 1]!++;
  else for (let j = 0; j < n; j++) start[key[within[j]!]! + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const cursor = start.slice(0, keys), order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const r = within ? within[j]! : j;
    order[cursor[key[r]!]!++] = r;
  }
  return { order, start };
}

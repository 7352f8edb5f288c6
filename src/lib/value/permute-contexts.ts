/**
 * The null world of every context measure: the context labels of each customer's calibration rows
 * shuffled among that customer's calibration rows. What a customer did, how often, when and for how
 * much stays as recorded, and so does how often they were in each context; only the link between a
 * row's context and what happened on it is broken. When context is irrelevant (rows exchangeable
 * within customer) the permuted data have the same distribution as the recorded data, so a measure's
 * excess over its permutation mean has mean 0 — including the upward bias of plug-in measures with few
 * purchases per customer, which the permutation reproduces.
 * The context tuple of a row moves as one (dimensions keep their joint distribution); holdout rows
 * are left as recorded.
 */
import { createRng, shuffleRange, type Rng } from "../random/rng.js";
import type { Interactions } from "../schema/interactions.js";
import type { ValueWindow } from "./purchase-log.js";

/** Calibration rows grouped by customer (CSR), built once and reused by every permutation. */
export interface CustomerRows {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/** The calibration rows (timestamp <= calibrationEnd) of each customer, in row order. */
export function calibrationRowsByCustomer(data: Interactions, window: ValueWindow): CustomerRows {
  const n = data.customerIds.length, t = data.timestamp!;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) offsets[data.customer[i]! + 1]!++;
  for (let c = 0; c < n; c++) offsets[c + 1]! += offsets[c]!;
  const rows = new Int32Array(offsets[n]!), cursor = offsets.slice(0, n);
  for (let i = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) rows[cursor[data.customer[i]!]!++] = i;
  return { offsets, rows };
}

/**
 * Where each row of groups.rows stands among the calibration rows in row order: row groups.rows[k]
 * is row out[k] of a copy of the calibration rows (takeRows of them, in row order).
 * @param groups calibrationRowsByCustomer(data, window)
 */
export function calibrationPositions(data: Interactions, window: ValueWindow, groups: CustomerRows): Int32Array {
  const t = data.timestamp!, out = new Int32Array(groups.rows.length), cursor = groups.offsets.slice(0, groups.offsets.length - 1);
  for (let i = 0, j = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) out[cursor[data.customer[i]!]!++] = j++;
  return out;
}

/**
 * One permuted world's calibration rows, to fit a model on: `rows` (the calibration rows, in row
 * order) with each context column replaced by the world's. The same rows as takeRows of
 * permuteContexts(data, groups, rng) at the calibration rows, without building the world's context
 * columns for every row of data or copying rows' other columns, which the result shares.
 * @param positions calibrationPositions(data, window, groups)
 * @param shared the new context columns on SharedArrayBuffers (rows for a fit on several threads)
 * @throws RangeError when rows are not as many as the calibration rows
 */
export function permutedCalibrationRows(data: Interactions, rows: Interactions, groups: CustomerRows, positions: Int32Array, rng: Rng, shared = false): Interactions {
  if (rows.size !== positions.length) throw new RangeError(`permutedCalibrationRows: ${rows.size} rows given for ${positions.length} calibration rows`);
  const shuffled = shuffledRows(groups, rng);
  return {
    ...rows,
    contexts: data.contexts.map((d) => {
      const codes = shared ? new Int32Array(new SharedArrayBuffer(positions.length * Int32Array.BYTES_PER_ELEMENT)) : new Int32Array(positions.length);
      for (let k = 0; k < shuffled.length; k++) codes[positions[k]!] = d.codes[shuffled[k]!]!;
      return { ...d, codes };
    }),
  };
}

/**
 * One permutation of context labels within customer (module comment).
 * @param groups calibrationRowsByCustomer(data, window)
 * @returns data with new context code columns (everything else shared with `data`)
 */
export function permuteContexts(data: Interactions, groups: CustomerRows, rng: Rng): Interactions {
  const source = new Int32Array(data.size);
  for (let i = 0; i < data.size; i++) source[i] = i;
  const shuffled = shuffledRows(groups, rng);
  for (let k = 0; k < shuffled.length; k++) source[groups.rows[k]!] = shuffled[k]!;
  return { ...data, contexts: data.contexts.map((d) => ({ ...d, codes: gatherCodes(d.codes, source) })) };
}

/**
 * The draws of one permutation: groups.rows with each customer's range shuffled, customer by
 * customer in code order (none for a customer with fewer than two rows). The row at position k of
 * groups.rows takes the context codes of row out[k].
 * @param out where to write (length groups.rows.length); default a new array
 */
export function shuffledRows(groups: CustomerRows, rng: Rng, out: Int32Array = new Int32Array(groups.rows.length)): Int32Array {
  out.set(groups.rows);
  const n = groups.offsets.length - 1;
  for (let c = 0; c < n; c++) {
    const from = groups.offsets[c]!, to = groups.offsets[c + 1]!;
    if (to - from >= 2) shuffleRange(rng, out, from, to);
  }
  return out;
}

/** codes[source[i]] for every i (a plain loop: TypedArray.from with a mapping function is several times slower). */
function gatherCodes(codes: Int32Array, source: Int32Array): Int32Array {
  const out = new Int32Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = codes[source[i]!]!;
  return out;
}

/**
 * Calls `each` on `count` seeded permutations of `data`, one at a time (memory: one copy of the
 * context columns), and collects what it returns.
 * @throws RangeError when count is not a positive integer
 */
export function forEachPermutation<T>(data: Interactions, window: ValueWindow, count: number, seed: number, each: (permuted: Interactions, index: number) => T): T[] {
  assertPermutations(count);
  const groups = calibrationRowsByCustomer(data, window);
  const out: T[] = [];
  for (let p = 0; p < count; p++) out.push(each(permuteContexts(data, groups, permutationRng(seed, p)), p));
  return out;
}

/**
 * Checks a number of permutations.
 * @throws RangeError when count is not a positive integer (message quotes it)
 */
export function assertPermutations(count: number): void {
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`permutations must be a positive integer, got "${count}"`);
}

/** The generator of permutation p under `seed` (the same permuted world wherever it is rebuilt, e.g. to refit a model on it). */
export function permutationRng(seed: number, p: number): Rng {
  return createRng(seed).fork(`permutation:${p}`);
}

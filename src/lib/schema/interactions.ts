import type { OutcomeSpec } from "./outcome.js";

/**
 * The one interaction schema of IRM Lab, stored column-wise.
 *
 * Identifiers and context values are dictionary-encoded: `customer[i]` is an index into
 * `customerIds`, `contexts[k].codes[i]` an index into `contexts[k].levels`. Row subsets made with
 * {@link takeRows} share the dictionaries, so codes mean the same thing in train and test.
 * No arrays of row objects: every per-row field is a typed array of length `size`.
 */
export interface Interactions {
  /** Number of rows. */
  readonly size: number;
  /** Customer identifiers as they appear in the source, indexed by customer code. */
  readonly customerIds: readonly string[];
  /** Customer code per row (index into customerIds). */
  readonly customer: Int32Array;
  /** Item (offer/product) identifiers as they appear in the source, indexed by item code. */
  readonly itemIds: readonly string[];
  /** Item code per row (index into itemIds). */
  readonly item: Int32Array;
  /** Milliseconds since the Unix epoch (UTC) per row, or null when the data has no time. */
  readonly timestamp: Float64Array | null;
  /** Outcome per row, valid under outcomeSpec. */
  readonly outcome: Float64Array;
  /** What the outcome means. */
  readonly outcomeSpec: OutcomeSpec;
  /** Monetary value per row (e.g. revenue), or null when not recorded. */
  readonly value: Float64Array | null;
  /** Categorical context dimensions; empty for context-free (CRM) views. */
  readonly contexts: readonly ContextColumn[];
  /**
   * Ground truth per row (synthetic data only): the expected outcome given customer, item and
   * context — P(outcome = 1) for binary data. Null for real data and for every non-oracle model.
   */
  readonly truth: Float64Array | null;
}

/** One categorical context dimension (companion, intent, situation, ...). */
export interface ContextColumn {
  /** Our name of the dimension, e.g. "companion". */
  readonly name: string;
  /** Distinct values, indexed by code; includes UNKNOWN_LEVEL when any row lacks the value. */
  readonly levels: readonly string[];
  /** Level code per row. */
  readonly codes: Int32Array;
}

/** The level that stands for "not recorded" in a context dimension (never a dropped row). */
export const UNKNOWN_LEVEL = "unknown";

/**
 * The rows `rows` of `data`, in that order, sharing dictionaries with `data`.
 * @param rows row indices into data, each in [0, data.size)
 * @param shared columns on SharedArrayBuffers: rows to fit on several threads, which read them
 *   where they are instead of copying them to shared memory first
 * @throws RangeError when an index is out of range
 */
export function takeRows(data: Interactions, rows: Int32Array, shared = false): Interactions {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r < 0 || r >= data.size) {
      throw new RangeError(`takeRows: row index ${r} at position ${i} is outside [0, ${data.size})`);
    }
  }
  return {
    size: rows.length,
    customerIds: data.customerIds,
    customer: gather(data.customer, rows, shared),
    itemIds: data.itemIds,
    item: gather(data.item, rows, shared),
    timestamp: data.timestamp ? gather(data.timestamp, rows, shared) : null,
    outcome: gather(data.outcome, rows, shared),
    outcomeSpec: data.outcomeSpec,
    value: data.value ? gather(data.value, rows, shared) : null,
    contexts: data.contexts.map((c) => ({ name: c.name, levels: c.levels, codes: gather(c.codes, rows, shared) })),
    truth: data.truth ? gather(data.truth, rows, shared) : null,
  };
}

/**
 * Every row of `rows` once per catalogue item: row u·I + i (I = rows.itemIds.length) is row u with
 * its item replaced by item i. The candidates a model scores to choose an offer for each row.
 */
export function everyItemRows(rows: Interactions): Interactions {
  const I = rows.itemIds.length, index = new Int32Array(rows.size * I), item = new Int32Array(rows.size * I);
  for (let u = 0, r = 0; u < rows.size; u++) {
    for (let i = 0; i < I; i++, r++) {
      index[r] = u;
      item[r] = i;
    }
  }
  return { ...takeRows(rows, index), item };
}

/** `column[rows[i]]` for every i, as a new typed array of the same kind (on a SharedArrayBuffer when `shared`). */
export function gather<T extends Int32Array | Float64Array>(column: T, rows: Int32Array, shared = false): T {
  const Ctor = column.constructor as { new (n: number): T; new (b: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };
  const out = shared ? new Ctor(new SharedArrayBuffer(rows.length * Ctor.BYTES_PER_ELEMENT)) : new Ctor(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i]!]!;
  return out;
}

/** The same rows with every context dimension removed: what a single-profile (CRM) model may see. */
export function withoutContext(data: Interactions): Interactions {
  return { ...data, contexts: [] };
}

/** The same rows with the ground truth removed: what every model but the oracle may see. */
export function withoutTruth(data: Interactions): Interactions {
  return { ...data, truth: null };
}

/**
 * Checks the structural invariants of an Interactions value (lengths, code ranges, outcome range).
 * @throws Error naming the column and row of the first violation
 */
export function assertInteractions(data: Interactions): void {
  const n = data.size;
  const lengthOf: [string, { length: number } | null][] = [
    ["customer", data.customer],
    ["item", data.item],
    ["timestamp", data.timestamp],
    ["outcome", data.outcome],
    ["value", data.value],
    ["truth", data.truth],
    ...data.contexts.map((c): [string, { length: number }] => [`context ${c.name}`, c.codes]),
  ];
  for (const [name, col] of lengthOf) {
    if (col && col.length !== n) throw new Error(`interactions: column ${name} has ${col.length} rows, expected ${n}`);
  }
  checkCodes("customer", data.customer, data.customerIds.length);
  checkCodes("item", data.item, data.itemIds.length);
  for (const c of data.contexts) checkCodes(`context ${c.name}`, c.codes, c.levels.length);
  const { min, max } = data.outcomeSpec;
  for (let i = 0; i < n; i++) {
    const y = data.outcome[i]!;
    if (!(y >= min && y <= max)) {
      throw new Error(`interactions: row ${i} column outcome: value ${y} is outside [${min}, ${max}]`);
    }
  }
}

function checkCodes(name: string, codes: Int32Array, cardinality: number): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0 || c >= cardinality) {
      throw new Error(`interactions: row ${i} column ${name}: code ${c} is outside [0, ${cardinality})`);
    }
  }
}

/**
 * Builds an Interactions value row by row in linear memory: dictionary encoders for ids and
 * context levels, growable typed arrays for the columns. Shared by ingest and the synthetic
 * generator, so both encode data the same way.
 *
 *   encode ids/levels (customers, items, contexts[k]) → appendRow(codes, numbers) → build()
 */
import type { ContextColumn, Interactions } from "../schema/interactions.js";
import { UNKNOWN_LEVEL } from "../schema/interactions.js";
import type { OutcomeSpec } from "../schema/outcome.js";
import { DictionaryEncoder } from "./dictionary-encoder.js";
import { GrowableColumn, growFloat64, growInt32 } from "../columns/growable-column.js";

/** What the built data will hold. */
export interface InteractionsBuilderOptions {
  readonly outcomeSpec: OutcomeSpec;
  /** Whether rows carry a timestamp (ms since epoch, UTC). Default false. */
  readonly timestamp?: boolean;
  /** Whether rows carry a monetary value. Default false. */
  readonly value?: boolean;
  /** Whether rows carry ground truth (synthetic data). Default false. */
  readonly truth?: boolean;
  /** Context dimension names, in column order. Default []. */
  readonly contexts?: readonly string[];
  /** Initial capacity in rows (grows by doubling). Default 1024. */
  readonly capacity?: number;
}

/** Columns of rows to append at once ({@link InteractionsBuilder.appendColumns}); codes from the builder's encoders. */
export interface RowColumns {
  readonly customer: Int32Array;
  /** null: item code 0 on every row (the one item of data without an item column). */
  readonly item: Int32Array | null;
  readonly outcome: Float64Array;
  /** Required where the builder has the column (ignored where it has not). */
  readonly timestamp: Float64Array | null;
  readonly value: Float64Array | null;
  readonly truth: Float64Array | null;
  /** One code column per context dimension. */
  readonly contexts: readonly Int32Array[];
}

/** Row-by-row builder of an {@link Interactions} value. */
export class InteractionsBuilder {
  readonly outcomeSpec: OutcomeSpec;
  readonly contextNames: readonly string[];
  /** Customer id encoder: `customers.encode(id)` gives the code to pass to appendRow. */
  readonly customers = new DictionaryEncoder();
  /** Item id encoder. */
  readonly items = new DictionaryEncoder();
  /** One level encoder per context dimension, in contextNames order. */
  readonly contexts: readonly DictionaryEncoder[];

  readonly customer: GrowableColumn<Int32Array>;
  readonly item: GrowableColumn<Int32Array>;
  readonly outcome: GrowableColumn<Float64Array>;
  readonly timestamp: GrowableColumn<Float64Array> | null;
  readonly value: GrowableColumn<Float64Array> | null;
  readonly truth: GrowableColumn<Float64Array> | null;
  readonly contextCodes: readonly GrowableColumn<Int32Array>[];
  /** Every column this builder fills. */
  private readonly allColumns: GrowableColumn<Int32Array | Float64Array>[];

  /** @throws Error when context names are empty or repeated */
  constructor(options: InteractionsBuilderOptions) {
    const cap = options.capacity ?? 1024;
    this.outcomeSpec = options.outcomeSpec;
    this.contextNames = [...(options.contexts ?? [])];
    const seen = new Set<string>();
    for (const name of this.contextNames) {
      if (!name || seen.has(name)) throw new Error(`InteractionsBuilder: context name "${name}" is empty or repeated`);
      seen.add(name);
    }
    this.contexts = this.contextNames.map(() => new DictionaryEncoder());
    this.customer = growInt32(cap);
    this.item = growInt32(cap);
    this.outcome = growFloat64(cap);
    this.timestamp = options.timestamp ? growFloat64(cap) : null;
    this.value = options.value ? growFloat64(cap) : null;
    this.truth = options.truth ? growFloat64(cap) : null;
    this.contextCodes = this.contextNames.map(() => growInt32(cap));
    this.allColumns = [this.customer, this.item, this.outcome, ...this.contextCodes];
    for (const c of [this.timestamp, this.value, this.truth]) if (c) this.allColumns.push(c);
  }

  /** Number of rows appended. */
  get size(): number {
    return this.customer.length;
  }

  /**
   * Appends one row. Codes come from this builder's encoders.
   * @param customer customer code; item item code
   * @param outcome within outcomeSpec [min, max]
   * @param timestamp ms since epoch (ignored when the builder has no timestamp column)
   * @param value monetary value (ignored when the builder has no value column)
   * @param contextCodes one level code per context dimension (ignored when there are none); reuse one array across rows
   * @param truth ground truth (ignored when the builder has no truth column)
   * @returns the row index
   * @throws RangeError when a code is out of range, the outcome outside its spec, or a number not finite
   */
  appendRow(
    customer: number,
    item: number,
    outcome: number,
    timestamp = NaN,
    value = NaN,
    contextCodes: ArrayLike<number> = EMPTY,
    truth = NaN,
  ): number {
    const row = this.size;
    this.checkRow(row, customer, item, outcome, timestamp, value, contextCodes, truth);
    this.customer.push(customer);
    this.item.push(item);
    this.outcome.push(outcome);
    this.timestamp?.push(timestamp);
    this.value?.push(value);
    this.truth?.push(truth);
    for (let k = 0; k < this.contexts.length; k++) this.contextCodes[k]!.push(contextCodes[k]!);
    return row;
  }

  /**
   * Appends the first `n` rows of `columns` at once: every row is checked as {@link appendRow}
   * checks it (before any is appended), then each column is copied in one piece.
   * @throws RangeError as appendRow, naming the first row that fails
   */
  appendColumns(columns: RowColumns, n: number): void {
    const first = this.size;
    const { customer, item, outcome, timestamp, value, truth, contexts } = columns;
    const codes = new Int32Array(this.contexts.length);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < codes.length; k++) codes[k] = contexts[k]![i]!;
      this.checkRow(first + i, customer[i]!, item ? item[i]! : 0, outcome[i]!, timestamp ? timestamp[i]! : NaN, value ? value[i]! : NaN, codes, truth ? truth[i]! : NaN);
    }
    this.customer.pushAll(customer, n);
    this.item.pushAll(item ?? new Int32Array(n), n);
    this.outcome.pushAll(outcome, n);
    if (this.timestamp) this.timestamp.pushAll(timestamp!, n);
    if (this.value) this.value.pushAll(value!, n);
    if (this.truth) this.truth.pushAll(truth!, n);
    for (let k = 0; k < this.contexts.length; k++) this.contextCodes[k]!.pushAll(contexts[k]!, n);
  }

  /** Copies row `from` over row `to` (both appended); to compact rows after dropping some. */
  moveRow(from: number, to: number): void {
    for (const c of this.allColumns) c.set(to, c.at(from));
  }

  /** Keeps the first `size` rows (dictionary entries stay). */
  truncate(size: number): void {
    for (const c of this.allColumns) c.truncate(size);
  }

  /** @throws RangeError when a code is out of range, the outcome outside its spec, or a number not finite (see appendRow) */
  private checkRow(row: number, customer: number, item: number, outcome: number, timestamp: number, value: number, contextCodes: ArrayLike<number>, truth: number): void {
    if (!(customer >= 0 && customer < this.customers.size)) throw new RangeError(`appendRow: row ${row}: customer code ${customer} is outside [0, ${this.customers.size})`);
    if (!(item >= 0 && item < this.items.size)) throw new RangeError(`appendRow: row ${row}: item code ${item} is outside [0, ${this.items.size})`);
    const { min, max } = this.outcomeSpec;
    if (!(outcome >= min && outcome <= max)) throw new RangeError(`appendRow: row ${row}: outcome ${outcome} is outside [${min}, ${max}]`);
    if (this.timestamp && !Number.isFinite(timestamp)) throw new RangeError(`appendRow: row ${row}: timestamp ${timestamp} is not finite`);
    if (this.value && !Number.isFinite(value)) throw new RangeError(`appendRow: row ${row}: value ${value} is not finite`);
    if (this.truth && !Number.isFinite(truth)) throw new RangeError(`appendRow: row ${row}: truth ${truth} is not finite`);
    if (contextCodes.length < this.contexts.length) throw new RangeError(`appendRow: row ${row}: ${contextCodes.length} context codes for ${this.contexts.length} contexts`);
    for (let k = 0; k < this.contexts.length; k++) {
      const c = contextCodes[k]!;
      if (!(c >= 0 && c < this.contexts[k]!.size)) throw new RangeError(`appendRow: row ${row}: context ${this.contextNames[k]} code ${c} is outside [0, ${this.contexts[k]!.size})`);
    }
  }

  /** Removes the last appended row (dictionary entries stay; use only for rows whose ids were already known). */
  removeLastRow(): void {
    this.truncate(this.size - 1);
  }

  /**
   * The finished Interactions. Context levels are sorted (UNKNOWN_LEVEL last) so that level codes
   * do not depend on row order; customer and item codes keep first-appearance order. The columns are
   * handed over, not copied, where they are (nearly) full (GrowableColumn.take): call it once, last.
   */
  build(): Interactions {
    const contexts: ContextColumn[] = this.contextNames.map((name, k) => sortedLevels(name, this.contexts[k]!.dictionary(), this.contextCodes[k]!.take()));
    return {
      size: this.size,
      customerIds: this.customers.dictionary(),
      customer: this.customer.take(),
      itemIds: this.items.dictionary(),
      item: this.item.take(),
      timestamp: this.timestamp?.take() ?? null,
      outcome: this.outcome.take(),
      outcomeSpec: this.outcomeSpec,
      value: this.value?.take() ?? null,
      contexts,
      truth: this.truth?.take() ?? null,
    };
  }
}

const EMPTY: ArrayLike<number> = new Int32Array(0);

/** The column with its levels sorted; `codes` (the builder's, handed over) are recoded in place. */
function sortedLevels(name: string, levels: string[], codes: Int32Array): ContextColumn {
  const order = levels.map((_, i) => i).sort((a, b) => compareLevels(levels[a]!, levels[b]!));
  const remap = new Int32Array(levels.length);
  order.forEach((oldCode, newCode) => (remap[oldCode] = newCode));
  if (order.some((o, i) => o !== i)) for (let i = 0; i < codes.length; i++) codes[i] = remap[codes[i]!]!;
  return { name, levels: order.map((i) => levels[i]!), codes };
}

function compareLevels(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN_LEVEL) return 1;
  if (b === UNKNOWN_LEVEL) return -1;
  return a < b ? -1 : 1;
}

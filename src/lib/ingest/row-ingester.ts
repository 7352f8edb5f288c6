/**
 * Turns raw text rows into Interactions rows, rejecting (with reason and location) what is not
 * valid and counting duplicates. Format-agnostic: the caller extracts the fields.
 *
 *   raw fields → missing markers → parse outcome/timestamp/value (or reject)
 *              → encode ids and levels → append → duplicate check (count; drop when policy is reject)
 */
import { UNKNOWN_LEVEL } from "../schema/interactions.js";
import type { OutcomeSpec } from "../schema/outcome.js";
import { DuplicateIndex } from "./duplicate-index.js";
import { InteractionsBuilder, type RowColumns } from "./interactions-builder.js";
import { parseMoney, parseOutcome, parseTimestamp, type TimestampFormat } from "./parse-values.js";
import type { RejectLog, RejectReason } from "./reject-log.js";

/** Slot order of the fields passed to {@link RowIngester.ingest}. */
export const SLOT = { customer: 0, item: 1, outcome: 2, timestamp: 3, value: 4, truth: 5, context: 6 } as const;

/** What the rows mean; source column names are used in reject reports only. */
export interface RowIngesterOptions {
  readonly outcomeSpec: OutcomeSpec;
  /** Source column per slot (customer, item, outcome, timestamp, value, truth); null where not mapped. */
  readonly columns: readonly [string, string | null, string, string | null, string | null, string | null];
  /** Required when the timestamp column is mapped. */
  readonly timestampFormat: TimestampFormat | null;
  /** Item id used for every row when no item column is mapped. */
  readonly defaultItem: string;
  /** Context dimensions: our name and source column. */
  readonly contexts: readonly { readonly name: string; readonly column: string }[];
  /** Raw values meaning "not recorded" (compared exactly). */
  readonly missing: readonly string[];
  /** keep: count duplicates; reject: count and reject them. */
  readonly duplicates: "keep" | "reject";
  /** Remove spaces and tabs around customer ids, item ids and context levels. Default false. */
  readonly trim?: boolean;
}

/** The parsed numbers of a row that passed {@link RowIngester.check} (NaN where the column is not mapped). */
export interface ParsedNumbers {
  outcome: number;
  timestamp: number;
  value: number;
  truth: number;
}

/** Spaces and tabs at either end: the whitespace the `trim` option removes (the same in SQL). */
const EDGE_BLANKS = /^[ \t]+|[ \t]+$/g;
const BLANK = /^[ \t]*$/;

/** Row-by-row validation and encoding into an InteractionsBuilder. */
export class RowIngester {
  readonly builder: InteractionsBuilder;
  /** Rows that exactly duplicate an earlier accepted row (whatever the policy). */
  duplicateRows = 0;
  /** Rows offered to ingest(). */
  rowsRead = 0;
  private readonly dupes: DuplicateIndex;
  private readonly missing: Set<string>;
  private readonly codes: Int32Array;
  private readonly defaultItemCode: number;

  /**
   * @param rejects where rejected rows are recorded
   * @param expectedRows rows about to be ingested, when known (sizes the duplicate index); default 0
   */
  constructor(private readonly options: RowIngesterOptions, private readonly rejects: RejectLog, expectedRows = 0) {
    const [, item, , timestamp, value, truth] = options.columns;
    if (timestamp !== null && options.timestampFormat === null) throw new Error("RowIngester: a timestamp column needs a timestampFormat");
    this.builder = new InteractionsBuilder({
      outcomeSpec: options.outcomeSpec,
      timestamp: timestamp !== null,
      value: value !== null,
      truth: truth !== null,
      contexts: options.contexts.map((c) => c.name),
      capacity: Math.max(1024, expectedRows),
    });
    this.dupes = new DuplicateIndex(this.builder, expectedRows);
    this.missing = new Set(options.missing);
    this.codes = new Int32Array(options.contexts.length);
    this.defaultItemCode = item === null ? -1 : -2;
  }

  /**
   * Validates and appends one row, or records why it is rejected.
   * @param fields raw text per slot (see SLOT; contexts from SLOT.context on); null = absent
   * @param dataRow 1-based data-row number; line: 1-based physical line where the row starts
   * @returns true when the row was accepted
   */
  ingest(fields: readonly (string | null)[], dataRow: number, line: number): boolean {
    this.rowsRead++;
    if (!this.check(fields, dataRow, line)) return false;
    const o = this.options;
    const p = this.parsed;
    // Every check passed: only now touch the dictionaries, so rejected rows add no ids.
    const b = this.builder;
    for (let k = 0; k < o.contexts.length; k++) this.codes[k] = b.contexts[k]!.encode(this.level(fields[SLOT.context + k] ?? null));
    const customer = b.customers.encode(this.id(fields[SLOT.customer]!));
    const item = this.defaultItemCode === -1 ? b.items.encode(o.defaultItem) : b.items.encode(this.id(fields[SLOT.item]!));
    return this.append(customer, item, p.outcome, p.timestamp, p.value, this.codes, p.truth, dataRow, line);
  }

  /** The parsed numbers of the last row that passed {@link check} (one object, reused). */
  readonly parsed: ParsedNumbers = { outcome: NaN, timestamp: NaN, value: NaN, truth: NaN };

  /**
   * Validates one row without appending it: records the reject, or leaves the row's numbers in
   * {@link parsed}. Does not count the row in rowsRead (ingest does).
   * @returns true when the row is valid
   */
  check(fields: readonly (string | null)[], dataRow: number, line: number): boolean {
    const o = this.options;
    const [customerCol, itemCol, outcomeCol, timestampCol, valueCol, truthCol] = o.columns;
    for (let s = 0; s < fields.length; s++) {
      const f = fields[s];
      if (f != null && f.includes("\u0000")) {
        const column = s < SLOT.context ? o.columns[s as 0] : o.contexts[s - SLOT.context]!.column;
        return this.reject(dataRow, line, column, f.replace(/\u0000/g, "\\0"), "invalid record", "text without NUL bytes");
      }
    }
    const customerId = fields[SLOT.customer] ?? null;
    if (this.isMissingId(customerId)) return this.reject(dataRow, line, customerCol, customerId, "missing customer", "a customer id");
    if (itemCol !== null) {
      const itemId = fields[SLOT.item] ?? null;
      if (this.isMissingId(itemId)) return this.reject(dataRow, line, itemCol, itemId, "missing item", "an item id");
    }
    const outcomeText = fields[SLOT.outcome] ?? null;
    if (this.isMissing(outcomeText)) return this.reject(dataRow, line, outcomeCol, outcomeText, "missing outcome", "an outcome");
    const outcome = parseOutcome(outcomeText!, o.outcomeSpec);
    if (typeof outcome === "string") return this.reject(dataRow, line, outcomeCol, outcomeText, outcome, describeOutcome(o.outcomeSpec));
    let timestamp = NaN;
    if (timestampCol !== null) {
      const text = fields[SLOT.timestamp] ?? null;
      if (this.isMissing(text)) return this.reject(dataRow, line, timestampCol, text, "missing timestamp", "a timestamp");
      const t = parseTimestamp(text!, o.timestampFormat!);
      if (typeof t === "string") return this.reject(dataRow, line, timestampCol, text, t, `a timestamp in format ${o.timestampFormat}`);
      timestamp = t;
    }
    let value = NaN;
    if (valueCol !== null) {
      const text = fields[SLOT.value] ?? null;
      if (this.isMissing(text)) return this.reject(dataRow, line, valueCol, text, "missing value", "a monetary value");
      const x = parseMoney(text!);
      if (typeof x === "string") return this.reject(dataRow, line, valueCol, text, x, "a finite number");
      value = x;
    }
    let truth = NaN;
    if (truthCol !== null) {
      const text = fields[SLOT.truth] ?? null;
      if (this.isMissing(text)) return this.reject(dataRow, line, truthCol, text, "missing truth", "the expected outcome");
      const x = parseMoney(text!);
      if (typeof x === "string" || x < o.outcomeSpec.min || x > o.outcomeSpec.max) {
        return this.reject(dataRow, line, truthCol, text, "invalid truth", `an expected outcome in [${o.outcomeSpec.min}, ${o.outcomeSpec.max}]`);
      }
      truth = x;
    }
    const p = this.parsed;
    p.outcome = outcome;
    p.timestamp = timestamp;
    p.value = value;
    p.truth = truth;
    return true;
  }

  /**
   * Appends a row that passed validation, as codes of this builder's encoders, and checks it for
   * duplicates (rejecting it under `duplicates: reject`).
   * @returns false when it was rejected as a duplicate
   */
  append(customer: number, item: number, outcome: number, timestamp: number, value: number, contextCodes: ArrayLike<number>, truth: number, dataRow: number, line: number): boolean {
    const b = this.builder;
    const row = b.appendRow(customer, item, outcome, timestamp, value, contextCodes, truth);
    if (!this.dropsDuplicate(row)) return true;
    b.removeLastRow();
    return this.rejectDuplicate(dataRow, line);
  }

  /**
   * Appends rows that passed validation, as columns of codes of this builder's encoders (see
   * InteractionsBuilder.appendColumns), and checks each for duplicates in order, as {@link append}
   * one row after another: the same rows, duplicates and rejects.
   * @param dataRow, line of the i-th row (called for rejected duplicates only)
   * @returns the rows kept
   */
  appendColumns(columns: RowColumns, n: number, dataRow: (i: number) => number, line: (i: number) => number): number {
    const b = this.builder;
    const first = b.size;
    b.appendColumns(columns, n);
    // rows after a rejected duplicate move down over it
    let to = first;
    for (let i = 0; i < n; i++) {
      if (to !== first + i) b.moveRow(first + i, to);
      if (this.dropsDuplicate(to)) this.rejectDuplicate(dataRow(i), line(i));
      else to++;
    }
    if (to < first + n) b.truncate(to);
    return to - first;
  }

  /**
   * Checks appended row `row` for an earlier identical row and counts it when it is one.
   * @returns true when the row must be dropped (a duplicate under `duplicates: reject`)
   */
  private dropsDuplicate(row: number): boolean {
    if (this.dupes.add(row) < 0) return false;
    this.duplicateRows++;
    return this.options.duplicates === "reject";
  }

  private rejectDuplicate(dataRow: number, line: number): false {
    return this.reject(dataRow, line, "", "", "duplicate row", "a row that differs from every earlier row");
  }

  /** The identifier as encoded: trimmed when the trim option is on. */
  id(text: string): string {
    return this.options.trim ? text.replace(EDGE_BLANKS, "") : text;
  }

  /** The context level a raw field encodes (UNKNOWN_LEVEL when absent or a missing-value marker). */
  level(text: string | null): string {
    if (text === null) return UNKNOWN_LEVEL;
    const t = this.id(text);
    return this.missing.has(t) ? UNKNOWN_LEVEL : t;
  }

  /**
   * Records a row rejected before field extraction (ragged row, invalid JSON record).
   * @param value the offending raw text or a description such as "7 fields"
   */
  rejectRow(dataRow: number, line: number, reason: RejectReason, value: string, expected: string, column = ""): void {
    this.rowsRead++;
    this.reject(dataRow, line, column, value, reason, expected);
  }

  private isMissing(text: string | null): boolean {
    return text === null || this.missing.has(text);
  }

  /** An id is missing when absent, blank (spaces and tabs only) or, once trimmed, a missing-value marker. */
  private isMissingId(text: string | null): boolean {
    return text === null || BLANK.test(text) || this.missing.has(this.id(text));
  }

  private reject(dataRow: number, line: number, column: string | null, value: string | null, reason: RejectReason, expected: string): false {
    this.rejects.add({ dataRow, line, column: column ?? "", value: value ?? "", reason, detail: `expected ${expected}` });
    return false;
  }
}

function describeOutcome(spec: OutcomeSpec): string {
  if (spec.type === "binary") return "0, 1, true, false, yes or no";
  if (spec.type === "rating") return `a number in [${spec.min}, ${spec.max}]`;
  if (spec.type === "count") return "a whole number >= 0";
  return "a number >= 0";
}

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
import { InteractionsBuilder } from "./interactions-builder.js";
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
}

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

  /** @param rejects where rejected rows are recorded */
  constructor(private readonly options: RowIngesterOptions, private readonly rejects: RejectLog) {
    const [, item, , timestamp, value, truth] = options.columns;
    if (timestamp !== null && options.timestampFormat === null) throw new Error("RowIngester: a timestamp column needs a timestampFormat");
    this.builder = new InteractionsBuilder({
      outcomeSpec: options.outcomeSpec,
      timestamp: timestamp !== null,
      value: value !== null,
      truth: truth !== null,
      contexts: options.contexts.map((c) => c.name),
    });
    this.dupes = new DuplicateIndex(this.builder);
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
    const o = this.options;
    const [customerCol, itemCol, outcomeCol, timestampCol, valueCol, truthCol] = o.columns;
    const customerId = fields[SLOT.customer] ?? null;
    if (this.isMissing(customerId)) return this.reject(dataRow, line, customerCol, customerId, "missing customer", "a customer id");
    let itemId: string | null = o.defaultItem;
    if (itemCol !== null) {
      itemId = fields[SLOT.item] ?? null;
      if (this.isMissing(itemId)) return this.reject(dataRow, line, itemCol, itemId, "missing item", "an item id");
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
    // Every check passed: only now touch the dictionaries, so rejected rows add no ids.
    const b = this.builder;
    for (let k = 0; k < o.contexts.length; k++) {
      const text = fields[SLOT.context + k] ?? null;
      this.codes[k] = b.contexts[k]!.encode(this.isMissing(text) ? UNKNOWN_LEVEL : text!);
    }
    const customer = b.customers.encode(customerId!);
    const item = this.defaultItemCode === -1 ? b.items.encode(o.defaultItem) : b.items.encode(itemId!);
    const row = b.appendRow(customer, item, outcome, timestamp, value, this.codes, truth);
    if (this.dupes.add(row) >= 0) {
      this.duplicateRows++;
      if (o.duplicates === "reject") {
        b.removeLastRow();
        return this.reject(dataRow, line, "", "", "duplicate row", "a row that differs from every earlier row");
      }
    }
    return true;
  }

  /**
   * Records a row rejected before field extraction (ragged row, invalid JSON record).
   * @param value the offending raw text or a description such as "7 fields"
   */
  rejectRow(dataRow: number, line: number, reason: RejectReason, value: string, expected: string): void {
    this.rowsRead++;
    this.reject(dataRow, line, "", value, reason, expected);
  }

  private isMissing(text: string | null): boolean {
    return text === null || this.missing.has(text);
  }

  private reject(dataRow: number, line: number, column: string | null, value: string | null, reason: RejectReason, expected: string): false {
    this.rejects.add({ dataRow, line, column: column ?? "", value: value ?? "", reason, detail: `expected ${expected}` });
    return false;
  }
}

function describeOutcome(spec: OutcomeSpec): string {
  if (spec.type === "binary") return "0, 1, true, false, yes or no";
  if (spec.type === "rating") return `a number in [${spec.min}, ${spec.max}]`;
  return "a number >= 0";
}

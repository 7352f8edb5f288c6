/**
 * Columns of a run's predictions.csv, accumulated line by line into typed arrays (linear memory,
 * no row objects). Customer identifiers are mapped to codes and dropped: nothing downstream sees them.
 *
 *   header "row,customer,item,<contexts...>,outcome,<models...>" → push(line) per data line → finish()
 */
import { readCsvText } from "../../format/csv-cell.js";
import { GrowableColumn, growFloat64, growInt32 } from "../../columns/growable-column.js";

/** The parsed columns. */
export interface PredictionColumns {
  readonly size: number;
  /** Distinct customers seen. */
  readonly customers: number;
  /** Customer code per row (first-seen order). */
  readonly customer: Int32Array;
  readonly outcome: Float64Array;
  /** Context dimension names (the header's columns between item and outcome). */
  readonly contextNames: readonly string[];
  /** Context level per row and dimension, as the strings of the file (few distinct values). */
  readonly contextLevels: readonly (readonly string[])[];
  /** Level code per row, per dimension (index into contextLevels[j]). */
  readonly contextCodes: readonly Int32Array[];
  /** Prediction per row, per model (header order). */
  readonly predictions: Readonly<Record<string, Float64Array>>;
}

/** Accumulates predictions.csv lines; see {@link PredictionColumns}. */
export class PredictionColumnsBuilder {
  private readonly outcomeAt: number;
  private readonly models: readonly string[];
  private readonly contextNames: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly customer = growInt32();
  private readonly outcome = growFloat64();
  private readonly preds: GrowableColumn<Float64Array>[];
  private readonly levelMaps: Map<string, number>[];
  private readonly codes: GrowableColumn<Int32Array>[];
  private line = 1;

  /**
   * @param header the first line of predictions.csv
   * @param source file name for messages
   * @throws Error when the header lacks row, customer, item or outcome columns
   */
  constructor(header: string, private readonly source = "predictions.csv") {
    const cols = header.trim().split(",");
    this.outcomeAt = cols.indexOf("outcome");
    if (cols[0] !== "row" || cols[1] !== "customer" || cols[2] !== "item" || this.outcomeAt < 3) {
      throw new Error(`${source}: line 1: expected a header "row,customer,item,<contexts>,outcome,<models>", received "${header.slice(0, 80)}"`);
    }
    this.contextNames = cols.slice(3, this.outcomeAt);
    this.models = cols.slice(this.outcomeAt + 1);
    this.preds = this.models.map(() => growFloat64());
    this.levelMaps = this.contextNames.map(() => new Map());
    this.codes = this.contextNames.map(() => growInt32());
  }

  /**
   * Adds one data line (blank lines are skipped).
   * @throws Error naming the line and column when a field is missing or a number does not parse
   */
  push(text: string): void {
    this.line++;
    if (text.trim() === "") return;
    const f = text.split(",");
    if (f.length !== this.outcomeAt + 1 + this.models.length) {
      throw new Error(`${this.source}: line ${this.line}: expected ${this.outcomeAt + 1 + this.models.length} fields, received "${f.length}"`);
    }
    let code = this.ids.get(f[1]!);
    if (code === undefined) this.ids.set(f[1]!, (code = this.ids.size));
    this.customer.push(code);
    this.outcome.push(this.number(f[this.outcomeAt]!, "outcome"));
    this.contextNames.forEach((_, j) => {
      const map = this.levelMaps[j]!;
      const value = readCsvText(f[3 + j]!); // the writer's formula guard removed (csv-cell.ts)
      let c = map.get(value);
      if (c === undefined) map.set(value, (c = map.size));
      this.codes[j]!.push(c);
    });
    this.models.forEach((m, k) => this.preds[k]!.push(this.number(f[this.outcomeAt + 1 + k]!, m)));
  }

  private number(text: string, column: string): number {
    const v = Number(text);
    if (text === "" || !Number.isFinite(v)) throw new Error(`${this.source}: line ${this.line}, column "${column}": expected a number, received "${text}"`);
    return v;
  }

  /** The columns read so far. */
  finish(): PredictionColumns {
    return {
      size: this.outcome.length,
      customers: this.ids.size,
      customer: this.customer.toArray(),
      outcome: this.outcome.toArray(),
      contextNames: this.contextNames,
      contextLevels: this.levelMaps.map((m) => [...m.keys()]),
      contextCodes: this.codes.map((c) => c.toArray()),
      predictions: Object.fromEntries(this.models.map((m, k) => [m, this.preds[k]!.toArray()])),
    };
  }
}

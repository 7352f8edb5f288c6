/**
 * predictions.csv of a run: one line per scored test row (pooled over folds, fold 1 first):
 * row, customer, item, <one column per context dimension>, outcome, <one column per model>.
 * `row` numbers the dataset's accepted rows from 1, in reading order, as people count rows (the
 * reject report counts from 1 too; there `data_row` counts every data row read, rejected ones
 * included, so the two agree when ingest rejected nothing). Runs before this change counted from 0.
 * Written and read as a stream, so millions of rows never sit in one string.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Interactions } from "../../lib/schema/interactions.js";
import { csvCell, readCsvText } from "../../lib/format/csv-cell.js";
import { openLineWriter } from "../synthetic/line-writer.js";
import { checkedWrite } from "../write-error.js";

/**
 * Writes predictions.csv. `rows` are the original (0-based) row indices of `test`'s rows; the file
 * shows them plus 1. Text cells (ids,
 * context levels) are neutralised against spreadsheet formulas (csvCell).
 * @param what what is being written, for the error message
 * @throws WriteError naming the file and `what` on any write failure (ENOSPC, EACCES, ...); the
 *   partial file is left for the caller's temp folder cleanup
 */
export async function writePredictions(path: string, rows: Int32Array, test: Interactions, models: readonly { name: string; predictions: Float64Array }[], what = "predictions"): Promise<void> {
  await checkedWrite(path, what, async () => {
    const out = openLineWriter(path);
    try {
      const header = ["row", "customer", "item", ...test.contexts.map((c) => c.name), "outcome", ...models.map((s) => s.name)];
      await out.write(header.map(csvCell).join(","));
      for (let i = 0; i < test.size; i++) {
        const cells = [
          String(rows[i]! + 1),
          csvCell(test.customerIds[test.customer[i]!]!),
          csvCell(test.itemIds[test.item[i]!]!),
          ...test.contexts.map((c) => csvCell(c.levels[c.codes[i]!]!)),
          String(test.outcome[i]),
          ...models.map((s) => String(s.predictions[i])),
        ];
        await out.write(cells.join(","));
      }
    } catch (error) {
      await out.close().catch(() => undefined); // release the file; the write's error is the one to report
      throw error;
    }
    await out.close(); // the last buffered lines are written here: its failure counts too
  });
}

/** predictions.csv read back: columns as typed arrays, customers dictionary-encoded. */
export interface PredictionsTable {
  /** The `row` column as written: accepted-row numbers from 1. */
  readonly rows: Int32Array;
  readonly customer: Int32Array;
  readonly customerIds: string[];
  readonly outcome: Float64Array;
  /** Context level per row per dimension, dictionary-encoded. */
  readonly contexts: { name: string; levels: string[]; codes: Int32Array }[];
  readonly models: Map<string, Float64Array>;
}

/**
 * Reads predictions.csv.
 * @throws Error naming the file, line and column of a malformed line or a non-numeric value
 */
export async function readPredictions(path: string): Promise<PredictionsTable> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let header: string[] | null = null;
  let lineNo = 0;
  let nCtx = 0;
  const rows: number[] = [], customer: number[] = [], outcome: number[] = [];
  const customerIds: string[] = [], customerIndex = new Map<string, number>();
  let ctx: { name: string; levels: string[]; index: Map<string, number>; codes: number[] }[] = [];
  let modelCols: { name: string; values: number[] }[] = [];
  const num = (text: string, column: string): number => {
    const v = Number(text);
    if (text === "" || !Number.isFinite(v)) throw new Error(`${path}: line ${lineNo}, column ${column}: expected a number, got "${text}"`);
    return v;
  };
  for await (const line of lines) {
    lineNo++;
    if (line === "") continue;
    const cells = parseCsvLine(line);
    if (!header) {
      header = cells;
      const o = header.indexOf("outcome");
      if (header[0] !== "row" || header[1] !== "customer" || header[2] !== "item" || o < 3) {
        throw new Error(`${path}: line 1: expected a header "row,customer,item,<contexts>,outcome,<models>", got "${line}"`);
      }
      nCtx = o - 3;
      ctx = header.slice(3, o).map((name) => ({ name, levels: [], index: new Map(), codes: [] }));
      modelCols = header.slice(o + 1).map((name) => ({ name, values: [] }));
      continue;
    }
    if (cells.length !== header.length) throw new Error(`${path}: line ${lineNo}: expected ${header.length} cells, got ${cells.length}`);
    rows.push(num(cells[0]!, "row"));
    const id = readCsvText(cells[1]!);
    if (!customerIndex.has(id)) {
      customerIndex.set(id, customerIds.length);
      customerIds.push(id);
    }
    customer.push(customerIndex.get(id)!);
    ctx.forEach((c, d) => {
      const level = readCsvText(cells[3 + d]!);
      if (!c.index.has(level)) {
        c.index.set(level, c.levels.length);
        c.levels.push(level);
      }
      c.codes.push(c.index.get(level)!);
    });
    outcome.push(num(cells[3 + nCtx]!, "outcome"));
    modelCols.forEach((m, j) => m.values.push(num(cells[4 + nCtx + j]!, m.name)));
  }
  if (!header) throw new Error(`${path}: the file is empty; expected a header line`);
  return {
    rows: Int32Array.from(rows),
    customer: Int32Array.from(customer),
    customerIds,
    outcome: Float64Array.from(outcome),
    contexts: ctx.map((c) => ({ name: c.name, levels: c.levels, codes: Int32Array.from(c.codes) })),
    models: new Map(modelCols.map((m) => [m.name, Float64Array.from(m.values)])),
  };
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines: the writer never emits them unquoted). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in CSV line "${line}"`);
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(cell);
    } else {
      const comma = line.indexOf(",", i);
      out.push(comma < 0 ? line.slice(i) : line.slice(i, comma));
      if (comma < 0) return out;
      i = comma;
    }
    if (i >= line.length) return out;
    if (line[i] !== ",") throw new Error(`expected "," after a quoted cell in CSV line "${line}"`);
    i++;
  }
}


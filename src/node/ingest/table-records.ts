/**
 * Records of the tabular binary formats that are not text: Arrow IPC (through arquero, read whole)
 * and Excel workbooks (through exceljs, streamed row by row). Both yield a header record (the column
 * names) and then one record per row, with every cell as text as a CSV file would hold it, so that
 * the validation rules are the same as for text.
 */
import { readFile } from "node:fs/promises";
import { fromArrow } from "arquero";
import { IngestError } from "./ingest-error.js";
import { sourceBytes, type ByteTap, type SourceRecord } from "./source-records.js";

/**
 * The text of one cell: numbers in JavaScript's shortest round-trip form, integers beyond 2^53 from
 * BigInt exactly, dates as ISO 8601 in UTC, booleans as true/false.
 * @returns the text, null for an empty cell, or undefined when the value is not a scalar
 */
export function cellText(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
    case "boolean":
      return String(value);
    default:
      return value instanceof Date ? (Number.isNaN(value.getTime()) ? undefined : value.toISOString()) : undefined;
  }
}

/** Rows of an Arrow IPC file (file or stream format); line = row number from 1, after a header record at line 0. */
export async function* arrowRecords(path: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  const bytes = await readFile(path);
  tap(bytes);
  let table: ReturnType<typeof fromArrow>;
  try {
    table = fromArrow(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { useBigInt: true, useDate: true });
  } catch (error) {
    throw new IngestError(path, `not a readable Arrow IPC file: ${(error as Error).message}`, { cause: error });
  }
  const names = table.columnNames();
  yield { fields: names, object: null, error: null, line: 0 };
  const columns = names.map((n) => table.column(n)!);
  const n = table.numRows();
  for (let i = 0; i < n; i++) {
    const fields: (string | null)[] = new Array(names.length);
    let bad = -1;
    for (let c = 0; c < names.length; c++) {
      const t = cellText(columns[c]!.at(i));
      if (t === undefined) bad = c;
      fields[c] = t ?? null; // a null cell is absent, like JSON null
    }
    yield bad >= 0
      ? { fields: null, object: null, error: `column "${names[bad]}" holds a value that is not a string, number, boolean or date`, line: i + 1 }
      : { fields, object: null, error: null, line: i + 1 };
  }
}

/** Options of {@link xlsxRecords}. */
export interface XlsxOptions {
  /** Worksheet name; null = the first worksheet. */
  readonly sheet: string | null;
  /** 1-based worksheet row where the table starts (the header row, or the first data row). */
  readonly headerRow: number;
}

/**
 * Rows of one worksheet of an .xlsx workbook, streamed; line = worksheet row number. Rows above
 * `headerRow` and empty rows are skipped; a row shorter than the header is padded with empty cells
 * (spreadsheets do not store trailing empty cells). Formula cells give their cached result.
 * @throws IngestError when the workbook cannot be read or has no such sheet
 */
export async function* xlsxRecords(path: string, options: XlsxOptions, tap: ByteTap): AsyncGenerator<SourceRecord> {
  // loaded on first use: exceljs takes about half a second to load, which every other command would pay
  const { default: ExcelJS } = await import("exceljs");
  const file = sourceBytes({ path, compression: "none" }, tap);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", hyperlinks: "ignore", styles: "cache", worksheets: "emit" });
  const seen: string[] = [];
  let width = -1;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? `sheet ${seen.length + 1}`;
      seen.push(name);
      if (options.sheet !== null && name !== options.sheet) {
        for await (const _ of sheet) void _; // a streamed sheet must be drained before the next one
        continue;
      }
      for await (const row of sheet) {
        if (row.number < options.headerRow) continue;
        const values = (row.values as unknown[]).slice(1);
        const fields: string[] = [];
        let bad = -1;
        for (let c = 0; c < Math.max(values.length, width); c++) {
          const t = cellText(excelValue(values[c]));
          if (t === undefined) bad = c;
          fields.push(t ?? "");
        }
        if (fields.every((f) => f === "")) continue;
        if (width < 0) width = fields.length;
        yield bad >= 0
          ? { fields: null, object: null, error: `cell ${columnLetter(bad)}${row.number} holds a value that is not text, a number, a boolean or a date`, line: row.number }
          : { fields, object: null, error: null, line: row.number };
      }
      return;
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(path, `not a readable .xlsx workbook: ${(error as Error).message}`, { cause: error });
  } finally {
    file.destroy();
  }
  throw new IngestError(path, options.sheet === null ? "the workbook has no worksheet" : `no worksheet "${options.sheet}"; the workbook has ${seen.map((s) => `"${s}"`).join(", ") || "none"}`);
}

/** The plain value of an exceljs cell value (formula result, rich text, hyperlink text). */
function excelValue(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== "object" || v instanceof Date) return v;
  const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
  if (o.richText) return o.richText.map((r) => r.text).join("");
  if (o.formula !== undefined || o.sharedFormula !== undefined) return excelValue(o.result);
  if (typeof o.text === "string") return o.text;
  return v;
}

function columnLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Reading a dataset through its descriptor, streaming, into the Interactions schema.
 *
 *   descriptor.yaml → loadDescriptor → expand the source (one file or a glob of partitions)
 *     → csv | tsv | parquet: DuckDB (duckdb-ingest.ts; SQL in sql.ts), else or on fallback:
 *       source records (csv | tsv | whitespace | json | arrow | xlsx) → header → resolveColumns
 *       → per record: ragged? → RowIngester (validate, encode, dedupe)
 *     → InteractionsBuilder.build → IngestReport (rowsRead = rowsAccepted + rowsRejected)
 */
import { createHash, type Hash } from "node:crypto";
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { jsonNumberText } from "../../lib/ingest/json-number-text.js";
import { RejectLog, type RejectExample } from "../../lib/ingest/reject-log.js";
import { RowIngester, SLOT, type RowIngesterOptions } from "../../lib/ingest/row-ingester.js";
import { assertInteractions, type Interactions } from "../../lib/schema/interactions.js";
import { ALL_ITEMS, DescriptorError, type Descriptor, type NumericIds } from "../descriptor/descriptor.js";
import { loadDescriptor } from "../descriptor/load-descriptor.js";
import { delimiterHint, mappedColumns, resolveColumns } from "./column-map.js";
import { IngestError } from "./ingest-error.js";
import { ingestWarnings, summarizeData, type IngestReport } from "./ingest-report.js";
import { countBytes, readWithDuckDB, StreamFallback } from "./duckdb-ingest.js";
import { expandSource } from "./source-files.js";
import { delimitedRecords, jsonRecords, whitespaceRecords, type ByteTap, type SourceRecord } from "./source-records.js";
import { arrowRecords, xlsxRecords } from "./table-records.js";

/** Options of {@link readDataset}. */
export interface ReadDatasetOptions {
  /** How many rejected rows to keep for the reject report (all are counted). Default 10,000. */
  readonly maxRejectExamples?: number;
  /** Called with the fraction of the file's bytes read, in [0, 1]. Default: none. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * auto (default): csv, tsv and parquet through DuckDB, falling back to the streaming reader when a
   * delimited file is malformed or rejected rows need physical line numbers; stream: the streaming
   * reader for every format but parquet.
   */
  readonly engine?: "auto" | "stream";
}

/** What {@link readDataset} returns. */
export interface ReadDatasetResult {
  readonly data: Interactions;
  readonly report: IngestReport;
  readonly descriptor: Descriptor;
  /** Stored rejected rows (at most maxRejectExamples), for {@link writeRejectReport}. */
  readonly rejects: readonly RejectExample[];
}

/**
 * Reads the dataset a descriptor describes.
 * @param descriptorPath path of the YAML descriptor
 * @throws DescriptorError when the descriptor is invalid or does not match the file (missing column,
 *   wrong delimiter); IngestError when the file is empty, has no data rows or is malformed
 */
export async function readDataset(descriptorPath: string, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  const descriptor = await loadDescriptor(descriptorPath);
  return readWithDescriptor(descriptor, options);
}

/**
 * Reads the file of an already validated descriptor (see {@link readDataset}).
 * @throws as readDataset
 */
export async function readWithDescriptor(descriptor: Descriptor, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  const files = await expandSource(descriptor.sourcePath);
  const shown = relative(process.cwd(), descriptor.sourcePath) || descriptor.sourcePath;
  let size = 0;
  for (const f of files) size += (await stat(f)).size;
  if (size === 0) throw new IngestError(shown, "the file is empty (expected a header and data rows)");
  const engine = options.engine ?? "auto";
  const byDuckDB = descriptor.format === "parquet" || (engine !== "stream" && (descriptor.format === "csv" || descriptor.format === "tsv"));
  if (byDuckDB) {
    const progress = byteProgress(size, options.onProgress);
    const count = await countBytes(files, progress.tap);
    try {
      const newIngester = (log: RejectLog, expectedRows?: number) => new RowIngester(ingesterOptions(descriptor), log, expectedRows);
      const read = await readWithDuckDB({ descriptor, files, shown, count, newIngester, maxRejectExamples: options.maxRejectExamples ?? 10_000 });
      return finish(descriptor, shown, read.ingester, read.rejects, read.rowsRead, progress.hash.digest("hex"), size, "duckdb", read.warnings);
    } catch (error) {
      // the streaming reader names malformed text exactly (line, quoting, field count)
      if (!(error instanceof StreamFallback) || descriptor.compression === "zstd" || descriptor.format === "parquet") throw error;
    }
  }
  return readStreaming(descriptor, files, shown, size, options);
}

/** RowIngester options of a descriptor. */
function ingesterOptions(descriptor: Descriptor): RowIngesterOptions {
  const slots = mappedColumns(descriptor);
  return {
    outcomeSpec: descriptor.outcome,
    columns: [slots[0]!.column!, slots[1]!.column, slots[2]!.column!, slots[3]!.column, slots[4]!.column, slots[5]!.column],
    timestampFormat: descriptor.timestamp?.format ?? null,
    defaultItem: ALL_ITEMS,
    contexts: Object.entries(descriptor.context).map(([name, column]) => ({ name, column })),
    missing: descriptor.missing,
    duplicates: descriptor.duplicates,
    trim: descriptor.trim,
  };
}

/** A byte tap that hashes the source and reports progress (at most once per percent). */
function byteProgress(size: number, onProgress: ((fraction: number) => void) | undefined): { tap: ByteTap; hash: Hash } {
  const hash = createHash("sha256");
  let bytesRead = 0;
  let lastReported = -1;
  const tap: ByteTap = (chunk) => {
    hash.update(chunk);
    bytesRead += chunk.length;
    const f = Math.floor((bytesRead / size) * 100);
    if (onProgress && f !== lastReported) {
      lastReported = f;
      onProgress(bytesRead / size);
    }
  };
  return { tap, hash };
}

/** The streaming reader: one record at a time, for every format but Parquet; files of a glob in order. */
async function readStreaming(descriptor: Descriptor, files: readonly string[], shown: string, size: number, options: ReadDatasetOptions): Promise<ReadDatasetResult> {
  const { tap, hash } = byteProgress(size, options.onProgress);
  const slots = mappedColumns(descriptor);
  const rejects = new RejectLog(options.maxRejectExamples ?? 10_000);
  const ingester = new RowIngester(ingesterOptions(descriptor), rejects);
  const fields: (string | null)[] = new Array(slots.length).fill(null);
  let firstColumns: readonly string[] | null = null;
  let dataRow = 0;
  for (const file of files) {
    let columnNames: readonly string[] | null = descriptor.names;
    let index: Int32Array | null = null;
    let sawHeader = false;
    const fileShown = files.length === 1 ? shown : relative(process.cwd(), file) || file;
    for await (const record of openRecords(descriptor, file, tap)) {
      if (index === null) {
        // The first record fixes the columns: a header, the descriptor's names, or the first JSON object's keys.
        if (record.object) columnNames = Object.keys(record.object);
        else if (descriptor.header && record.fields) {
          columnNames = record.fields.map((f) => f ?? "");
          sawHeader = true;
        } else if (record.fields && columnNames && record.fields.length !== columnNames.length) {
          throw new DescriptorError(descriptor.path, `names lists ${columnNames.length} columns (${columnNames.join(", ")}) but line ${record.line} of ${fileShown} has ${record.fields.length} field(s)${delimiterHint(descriptor.format, record.fields.map((f) => f ?? ""))}`);
        }
        if (columnNames === null) throw new IngestError(fileShown, `line ${record.line}: ${record.error ?? "the first record is not a JSON object"}`);
        const where = record.object ? `the first record of ${fileShown} (line ${record.line})` : sawHeader ? `the header of ${fileShown}` : `the names of ${descriptor.path}`;
        index = resolveColumns(descriptor, columnNames, where);
        if (firstColumns !== null && !record.object && columnNames.join("\u0000") !== firstColumns.join("\u0000")) {
          throw new IngestError(fileShown, `the columns (${columnNames.join(", ")}) differ from those of ${relative(process.cwd(), files[0]!)} (${firstColumns.join(", ")}); every partition file must have the same columns`);
        }
        firstColumns ??= columnNames;
        if (sawHeader) continue;
      }
      dataRow++;
      ingestRecord(record, dataRow, columnNames!, index, fields, ingester, descriptor.numericIds);
    }
    if (index === null) throw new IngestError(fileShown, "the file is empty (no header and no data rows)");
  }
  if (dataRow === 0) throw new IngestError(shown, "no data rows (the file has only a header)");
  if (ingester.rowsRead !== dataRow) throw new Error(`ingest invariant broken for ${shown}: rowsRead ${dataRow} != ingester ${ingester.rowsRead}`);
  return finish(descriptor, shown, ingester, rejects, dataRow, hash.digest("hex"), size, "stream");
}

/** Builds the Interactions and the report, checking rows read = accepted + rejected. */
function finish(
  descriptor: Descriptor,
  shown: string,
  ingester: RowIngester,
  rejects: RejectLog,
  rowsRead: number,
  sourceHash: string,
  bytes: number,
  engine: IngestReport["engine"],
  readerWarnings: readonly string[] = [],
): ReadDatasetResult {
  const data = ingester.builder.build();
  assertInteractions(data);
  const rowsAccepted = data.size;
  const rowsRejected = rejects.total;
  if (rowsRead !== rowsAccepted + rowsRejected) {
    throw new Error(`ingest invariant broken for ${shown}: rowsRead ${rowsRead} != accepted ${rowsAccepted} + rejected ${rowsRejected}`);
  }
  const report: IngestReport = {
    name: descriptor.name,
    descriptor: descriptor.path,
    source: shown,
    format: descriptor.format,
    compression: descriptor.compression,
    engine,
    sourceHash,
    bytes,
    rowsRead,
    rowsAccepted,
    rowsRejected,
    rejectedByReason: rejects.byReason(),
    duplicateRows: ingester.duplicateRows,
    duplicatesPolicy: descriptor.duplicates,
    customers: data.customerIds.length,
    items: data.itemIds.length,
    ...summarizeData(data),
    warnings: [...readerWarnings, ...ingestWarnings(data, descriptor.missing)],
    rejectExamplesStored: rejects.examples().length,
    rejectReportPath: null,
    citation: descriptor.citation,
  };
  return { data, report, descriptor, rejects: rejects.examples() };
}

function openRecords(d: Descriptor, file: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  const source = { path: file, compression: d.compression };
  switch (d.format) {
    case "csv":
    case "tsv":
      return delimitedRecords(source, d.delimiter, tap);
    case "whitespace":
      return whitespaceRecords(source, tap);
    case "json":
      return jsonRecords(source, tap);
    case "arrow":
      return arrowRecords(file, tap);
    case "xlsx":
      return xlsxRecords(file, { sheet: d.sheet, headerRow: d.headerRow }, tap);
    case "parquet":
      throw new Error("openRecords: Parquet is read through DuckDB");
  }
}

/** Fills `fields` in SLOT order from one record and hands it to the ingester (or rejects it whole). */
function ingestRecord(record: SourceRecord, dataRow: number, names: readonly string[], index: Int32Array, fields: (string | null)[], ingester: RowIngester, numericIds: NumericIds): void {
  const { line } = record;
  if (record.error !== null) return ingester.rejectRow(dataRow, line, "invalid record", "", record.error);
  if (record.fields) {
    const f = record.fields;
    if (f.length !== names.length) {
      return ingester.rejectRow(dataRow, line, "ragged row", `${f.length} field(s)`, `${names.length} fields like the header`);
    }
    for (let s = 0; s < index.length; s++) fields[s] = index[s]! >= 0 ? f[index[s]!]! ?? null : null;
  } else {
    const obj = record.object!;
    for (let s = 0; s < index.length; s++) {
      if (index[s]! < 0) {
        fields[s] = null;
        continue;
      }
      const v = obj[names[index[s]!]!];
      if (v !== null && typeof v === "object") {
        return ingester.rejectRow(dataRow, line, "invalid record", JSON.stringify(v).slice(0, 80), `a string, number or boolean in "${names[index[s]!]}"`);
      }
      if (typeof v === "number" && (s <= SLOT.item || s >= SLOT.context)) {
        // JSON.parse rounds integers beyond 2^53 (two ids could merge) and drops the text of 1.0
        const text = numericIds === "as-written" && record.text !== undefined ? jsonNumberText(record.text, names[index[s]!]!, v) : null;
        if (text === null && s <= SLOT.item && !Number.isSafeInteger(v)) {
          const expected = numericIds === "as-written" ? "an id written as a string (its number text could not be found in the record)" : "an id written as a string, or an integer within ±9007199254740991 (2^53 - 1) (numericIds: by-value)";
          return ingester.rejectRow(dataRow, line, "invalid record", String(v), expected, names[index[s]!]);
        }
        fields[s] = text ?? String(v);
        continue;
      }
      fields[s] = v === null || v === undefined ? null : String(v);
    }
  }
  ingester.ingest(fields, dataRow, line);
}


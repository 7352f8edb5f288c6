/**
 * Ingest through DuckDB: the file is scanned by DuckDB with every mapped column as text (a typed
 * Parquet number or time is read from its type where that gives what its text would: sql.ts), rows are
 * classified by SQL (sql.ts), the few rows that SQL cannot call clean are decided by the same
 * JavaScript validator as the streaming reader (so every reason and message is the same), and ids
 * and levels are dictionary-encoded by SQL. JavaScript receives integer codes and numbers column by
 * column, never a row object or the raw text of clean rows. DuckDB spills to a temporary folder when
 * the data exceed its memory limit (duckdb-memory.ts: 1 GiB by default, IRMLAB_DUCKDB_MEMORY).
 *
 *   files → hash + line count → DuckDB scan → src → cls → unclean rows → RowIngester.check → fixed
 *     → acc → dictionaries → enc (codes joined, unsorted) → file order a range of rows at a time
 *     → RowIngester.appendColumns (duplicates) → Interactions
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk } from "@duckdb/node-api";
import { RejectLog } from "../../lib/ingest/reject-log.js";
import type { RowIngester } from "../../lib/ingest/row-ingester.js";
import { ALL_ITEMS, type Descriptor } from "../descriptor/descriptor.js";
import { resolveColumns } from "./column-map.js";
import { IngestError } from "./ingest-error.js";
import { delimitedRecords, type ByteTap } from "./source-records.js";
import * as sql from "./sql.js";
import { duckdbMemoryBytes, duckdbMemoryLimit, sortRangeRows } from "./duckdb-memory.js";

/** What the DuckDB reader hands back to readDataset. */
export interface DuckDBRead {
  readonly ingester: RowIngester;
  readonly rejects: RejectLog;
  readonly rowsRead: number;
  readonly warnings: readonly string[];
}

/** Why the DuckDB reader handed the file back to the streaming reader (which names the problem exactly). */
export class StreamFallback extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "StreamFallback";
  }
}

/** Where the bytes of the source went: sha256 and progress (tap), newline count. */
export interface ByteCount {
  /** Physical lines per file ("\n" count, plus one when the file does not end with "\n"). */
  readonly lines: number[];
}

/**
 * Reads every byte of `files` once (hash and progress through `tap`), counting lines of plain text.
 * The line count proves, after the scan, whether every record sits on its own line.
 */
export async function countBytes(files: readonly string[], tap: ByteTap): Promise<ByteCount> {
  const lines: number[] = [];
  for (const file of files) {
    let n = 0;
    let last = 0x0a;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      tap(chunk);
      for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) n++;
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    }
    lines.push(n + (last === 0x0a ? 0 : 1));
  }
  return { lines };
}

/** What {@link readWithDuckDB} reads and how. */
export interface DuckDBSource {
  readonly descriptor: Descriptor;
  /** The expanded source files, in order. */
  readonly files: readonly string[];
  /** The source path as shown in messages. */
  readonly shown: string;
  /** From {@link countBytes}. */
  readonly count: ByteCount;
  /** Makes a RowIngester (validation, encoding, duplicates) that records rejects in `rejects`, sized for `expectedRows` when given. */
  readonly newIngester: (rejects: RejectLog, expectedRows?: number) => RowIngester;
  readonly maxRejectExamples: number;
}

/**
 * Reads csv, tsv (plain, gzip, zstd) and parquet sources through DuckDB.
 * @throws StreamFallback when a delimited file is malformed in a way that the streaming reader names
 *   exactly (field counts, quoting, encoding), or when rejected rows need line numbers that only the
 *   streaming reader can give; IngestError for an unreadable Parquet file or a file with no data rows
 */
export async function readWithDuckDB(source: DuckDBSource): Promise<DuckDBRead> {
  // before any file is touched: a malformed IRMLAB_DUCKDB_MEMORY is the user's to fix, not a reason to fall back
  const memoryLimit = duckdbMemoryLimit();
  const sortRows = sortRangeRows(duckdbMemoryBytes());
  const temp = await mkdtemp(join(tmpdir(), "irmlab-duckdb-"));
  const instance = await DuckDBInstance.create(":memory:", { temp_directory: temp, preserve_insertion_order: "true", memory_limit: memoryLimit });
  const con = await instance.connect();
  try {
    return await ingest(con, source, sortRows);
  } finally {
    con.closeSync();
    instance.closeSync();
    await rm(temp, { recursive: true, force: true });
  }
}

async function ingest(con: DuckDBConnection, source: DuckDBSource, sortRows: number): Promise<DuckDBRead> {
  const { descriptor: d, files, shown, count, newIngester, maxRejectExamples } = source;
  const delimited = d.format === "csv" || d.format === "tsv";
  let scan: string;
  let slots: (sql.ScanColumn | null)[];
  if (delimited) {
    const header = d.header ? await firstRecord(con, d, files[0]!) : d.names!;
    // DuckDB maps partition files by position: a file with other columns goes to the streaming reader, which names it
    for (const file of d.header ? files.slice(1) : []) {
      if ((await firstRecord(con, d, file)).join("\u0000") !== header.join("\u0000")) throw new StreamFallback(`the columns of ${file} differ`);
    }
    const index = resolveColumns(d, header, d.header ? `the header of ${shown}` : `the names of ${d.path}`);
    slots = Array.from(index, (i) => (i >= 0 ? { name: `c${i}`, type: null } : null));
    scan = sql.csvScan({ files, delimiter: d.delimiter, header: d.header, columns: header.length, compression: d.compression });
  } else {
    scan = sql.parquetScan(files);
    let described: { name: string; type: string }[];
    try {
      described = (await con.runAndReadAll(sql.describeScan(scan))).getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    } catch (error) {
      throw new IngestError(shown, `not a readable Parquet file: ${firstLine(error)}`, { cause: error });
    }
    const index = resolveColumns(d, described.map((c) => c.name), `the columns of ${shown}`);
    slots = Array.from(index, (i) => (i >= 0 ? described[i]! : null));
  }
  try {
    await con.run(sql.createClassified(scan, slots, sql.sqlRules(d)));
  } catch (error) {
    if (delimited && d.compression !== "zstd") throw new StreamFallback(firstLine(error));
    throw new IngestError(shown, firstLine(error), { cause: error });
  }
  const rowsRead = Number((await con.runAndReadAll(sql.COUNT_ROWS)).getRowsJS()[0]![0]);
  if (rowsRead === 0) {
    if (delimited && d.compression !== "zstd") throw new StreamFallback("no data rows");
    throw new IngestError(shown, delimited ? "no data rows (the file has only a header)" : "no data rows");
  }
  // A record per line (no blank lines, no quoted line breaks): then line = data row + header.
  const headerLines = delimited && d.header ? 1 : 0;
  const linesExact = !delimited || (files.length === 1 && d.compression === "none" && count.lines[0] === rowsRead + headerLines);
  const lineOf = (r: number) => r + 1 + headerLines;

  const rules = sql.sqlRules(d);
  await con.run(sql.CREATE_FIXED);
  const checked = new RejectLog(maxRejectExamples);
  const ingester = newIngester(checked);
  const nSlots = slots.length;
  const fields: (string | null)[] = new Array(nSlots).fill(null);
  const fixed: string[] = [];
  const flush = async () => {
    if (fixed.length === 0) return;
    await con.run(`INSERT INTO fixed VALUES ${fixed.join(", ")}`);
    fixed.length = 0;
  };
  for (let from = 0; from < rowsRead; from += sortRows) {
    const unclean = await con.stream(sql.selectUnclean(slots, rules, from, from + sortRows));
    for (let chunk = await unclean.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await unclean.fetchChunk()) {
      const rs = chunk.getColumnVector(0);
      const cols = Array.from({ length: nSlots }, (_, s) => chunk.getColumnVector(s + 1));
      for (let i = 0; i < chunk.rowCount; i++) {
        const r = rs.getItem(i) as number;
        for (let s = 0; s < nSlots; s++) fields[s] = cols[s]!.getItem(i) as string | null;
        if (ingester.check(fields, r + 1, lineOf(r))) {
          const p = ingester.parsed;
          fixed.push(`(${r}, ${num(p.outcome)}, ${num(p.timestamp)}, ${num(p.value)}, ${num(p.truth)})`);
          if (fixed.length >= 2000) await flush();
        }
      }
    }
  }
  await flush();
  // zstd cannot be re-read line by line here: its lines are reported as data row + header, and said so
  const guessLines = d.compression === "zstd";
  if (checked.total > 0 && !linesExact && !guessLines) throw new StreamFallback("rejected rows need physical line numbers");

  await con.run(sql.createAccepted(rules));
  // Duplicates are found while appending, exactly as the streaming reader does; they go to their own
  // log and are merged with the validation rejects in data-row order.
  const duplicates = new RejectLog(maxRejectExamples);
  const appender = newIngester(duplicates, rowsRead);
  const keys = ["customer", ...(rules.item ? ["item"] : []), ...Array.from({ length: rules.contexts }, (_, k) => `k${k}`)];
  const b = appender.builder;
  for (const key of keys) {
    await con.run(sql.createDictionary(key));
    const encoder = key === "customer" ? b.customers : key === "item" ? b.items : b.contexts[Number(key.slice(1))]!;
    const result = await con.stream(sql.selectDictionary(key));
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const v = chunk.getColumnVector(0);
      for (let i = 0; i < chunk.rowCount; i++) encoder.encode(v.getItem(i) as string);
    }
  }
  if (!rules.item) b.items.encode(ALL_ITEMS);

  const contextCol = 5 + keys.length - rules.contexts;
  await con.run(sql.createEncoded(keys));
  // file order a range of rows at a time: each sort holds at most sortRows rows
  for (let from = 0; from < rowsRead; from += sortRows) {
    const encoded = await con.stream(sql.selectEncodedRange(from, from + sortRows));
    for (let chunk = await encoded.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await encoded.fetchChunk()) {
      appendChunk(chunk, appender, rules.contexts, contextCol, rules.item, lineOf);
    }
  }
  if (duplicates.total > 0 && !linesExact && !guessLines) throw new StreamFallback("rejected rows need physical line numbers");
  duplicates.absorb(checked);
  const warnings =
    duplicates.total > 0 && !linesExact
      ? [`the line of each rejected row is its data row plus the header line: a zstd file cannot be re-read line by line here, so rows spanning lines or blank lines would shift it (decompress the file for exact lines)`]
      : [];
  return { ingester: appender, rejects: duplicates, rowsRead, warnings };
}

/** Appends one chunk of the encoded query, column by column (duplicates checked row by row, in order). */
function appendChunk(chunk: DuckDBDataChunk, ingester: RowIngester, contexts: number, contextCol: number, hasItem: boolean, lineOf: (r: number) => number): void {
  const n = chunk.rowCount;
  const rs = ints(chunk, 0, n);
  const [outcome, timestamp, value, truth] = [1, 2, 3, 4].map((j) => doubles(chunk, j, n)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const columns = {
    customer: ints(chunk, 5, n),
    item: hasItem ? ints(chunk, 6, n) : null,
    outcome, timestamp, value, truth,
    contexts: Array.from({ length: contexts }, (_, k) => ints(chunk, contextCol + k, n)),
  };
  ingester.appendColumns(columns, n, (i) => rs[i]! + 1, (i) => lineOf(rs[i]!));
}

/**
 * The values of a non-null INTEGER column of a chunk as an Int32Array: the vector's own array when
 * the client exposes it (no copy), else copied item by item.
 */
function ints(chunk: DuckDBDataChunk, column: number, n: number): Int32Array {
  const vector = chunk.getColumnVector(column);
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Int32Array && items.length === n) return items;
  return Int32Array.from({ length: n }, (_, i) => vector.getItem(i) as number);
}

/** The values of a non-null DOUBLE column of a chunk as a Float64Array (see {@link ints}). */
function doubles(chunk: DuckDBDataChunk, column: number, n: number): Float64Array {
  const vector = chunk.getColumnVector(column);
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array && items.length === n) return items;
  return Float64Array.from({ length: n }, (_, i) => vector.getItem(i) as number);
}

/** The header (first record) of a delimited file: by the streaming reader, or by DuckDB for zstd. */
async function firstRecord(con: DuckDBConnection, d: Descriptor, file: string): Promise<string[]> {
  if (d.compression === "zstd") {
    const rows = (await con.runAndReadAll(sql.csvFirstRecord({ files: [file], delimiter: d.delimiter, compression: "zstd" }))).getRowsJS();
    if (rows.length === 0) throw new StreamFallback("empty file");
    return rows[0]!.map((x) => String(x ?? ""));
  }
  for await (const record of delimitedRecords({ path: file, compression: d.compression }, d.delimiter, () => {})) {
    return record.fields!.map((f) => f ?? "");
  }
  throw new StreamFallback("empty file");
}

function num(x: number): string {
  return Number.isNaN(x) ? "NULL" : String(x);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

/**
 * Streaming readers of the supported file formats. Each yields one record at a time with the
 * physical line where it starts; no reader holds more than a bounded window of the file.
 *
 *   file bytes → tap (hash, progress) → csv-parse | line splitter | JSON splitter → SourceRecord
 */
import { createReadStream } from "node:fs";
import { Transform, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Compression } from "../descriptor/descriptor.js";
import { pipeline } from "node:stream/promises";
import { parse, CsvError } from "csv-parse";
import { LineCounter } from "../../lib/ingest/line-counter.js";
import { JsonArraySplitter } from "../../lib/ingest/json-array-splitter.js";
import { IngestError } from "./ingest-error.js";

/** One record of the source file. Exactly one of fields, object, error is set. */
export interface SourceRecord {
  /** Field texts (csv, tsv, whitespace, xlsx, arrow); null = an empty cell of a typed format. */
  readonly fields: readonly (string | null)[] | null;
  /** A parsed JSON object (json). */
  readonly object: Readonly<Record<string, unknown>> | null;
  /** Why the record could not be read (a JSON element that is not valid JSON or not an object). */
  readonly error: string | null;
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** json: the record's text, where the numbers of ids are read as written. */
  readonly text?: string;
}

/** Called with every chunk of file bytes, in order (hashing, progress). */
export type ByteTap = (chunk: Buffer) => void;

/** Where a text source is and how it is compressed. */
export interface TextSource {
  readonly path: string;
  readonly compression: Compression;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** A hint when a file given as plain text starts like a compressed file, else "". */
export function compressionHint(head: Uint8Array, compression: Compression): string {
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  if (compression !== "gzip" && starts(GZIP_MAGIC)) return " (the file is gzip-compressed: name it *.gz or set compression: gzip)";
  if (compression !== "zstd" && starts(ZSTD_MAGIC)) return " (the file is zstd-compressed: name it *.zst or set compression: zstd)";
  return "";
}

/**
 * The decompressed bytes of a text source; `tap` sees the file's own (compressed) bytes.
 * @throws IngestError for zstd, which Node cannot decompress (DuckDB reads those files)
 */
export function sourceBytes(source: TextSource, tap: ByteTap): Readable {
  if (source.compression === "zstd") throw new IngestError(source.path, "zstd-compressed files are read through DuckDB only; this reader cannot decompress them");
  const file = createReadStream(source.path);
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      tap(chunk);
      callback(null, chunk);
    },
  });
  const raw = file.pipe(tee);
  file.on("error", (e) => tee.destroy(e));
  if (source.compression === "none") return raw;
  const gunzip = createGunzip();
  tee.on("error", (e) => gunzip.destroy(e));
  gunzip.on("error", () => file.destroy());
  return raw.pipe(gunzip);
}

/**
 * Records of a delimited file (csv with any one-character delimiter, tsv). Quoted fields may hold
 * delimiters and line breaks; a UTF-8 BOM is skipped; CRLF and LF both end records; blank lines are
 * skipped. Rows with a different field count are passed through (the caller rejects them).
 * @throws IngestError naming the line when the quoting is malformed
 */
export async function* delimitedRecords(source: TextSource, delimiter: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  const path = source.path;
  const counter = new LineCounter();
  const file = sourceBytes(source, tap);
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      // csv-parse would turn invalid UTF-8 into U+FFFD silently: refuse it as the other readers do
      try {
        utf8.decode(chunk, { stream: true });
      } catch (error) {
        const start = counter.pushedBytes;
        counter.push(chunk);
        const at = counter.lineAt(start + firstInvalidByte(chunk));
        callback(new IngestError(path, `line ${at}: not valid UTF-8 text${start === 0 ? compressionHint(chunk, source.compression) : ""}`, { cause: error }));
        return;
      }
      counter.push(chunk);
      callback(null, chunk);
    },
  });
  const parser = parse({ bom: true, info: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  const done = pipeline(file, tee, parser);
  done.catch(() => {}); // failures surface through the iterator below
  let endOfLast = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      // csv-parse miscounts lines inside quoted CRLF, so lines come from byte offsets instead
      let embedded = 0;
      for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) embedded++;
      yield { fields: record, object: null, error: null, line: counter.lineAt(info.bytes - 1) - embedded };
      endOfLast = info.bytes;
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const kind = delimiter === "\t" ? "TSV" : "CSV";
      if (error.code === "CSV_QUOTE_NOT_CLOSED") {
        // csv-parse names the end of the file; the user needs the line where the quote opens: the
        // record after the last complete one
        const opens = counter.lineAt(Math.min(endOfLast, counter.pushedBytes));
        throw new IngestError(path, `line ${opens}: malformed ${kind}: a quoted field opens on line ${opens} (or just after) and is never closed`, { cause: error });
      }
      const lines = (error as unknown as { lines?: number }).lines;
      throw new IngestError(path, `line ${lines ?? "?"}: malformed ${kind}: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    file.destroy();
  }
}

/** Offset of the first byte of `chunk` that cannot start or continue valid UTF-8 (binary search over prefixes). */
function firstInvalidByte(chunk: Uint8Array): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(chunk.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Decoded text chunks of a UTF-8 file (BOM skipped); multi-byte characters split across chunks are joined.
 * @throws IngestError when the bytes are not valid UTF-8
 */
export async function* textChunks(source: TextSource, tap: ByteTap): AsyncGenerator<string> {
  const path = source.path;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  const file = sourceBytes(source, tap);
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      tap(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (error) {
        throw new IngestError(path, `not valid UTF-8 text in bytes ${offset}..${offset + chunk.length}${offset === 0 ? compressionHint(chunk, source.compression) : ""}`, { cause: error });
      }
      offset += chunk.length;
      if (text) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch (error) {
      throw new IngestError(path, "not valid UTF-8 text at the end of the file", { cause: error });
    }
    if (rest) yield rest;
  } finally {
    file.destroy();
  }
}

/** Text lines of a UTF-8 file ("\n" or "\r\n" endings), with 1-based line numbers. */
export async function* textLines(chunks: AsyncIterable<string>): AsyncGenerator<{ text: string; line: number }> {
  let carry = "";
  let line = 0;
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      line++;
      yield { text: stripCr(text.slice(start, nl)), line };
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield { text: stripCr(carry), line: line + 1 };
}

function stripCr(s: string): string {
  return s.endsWith("\r") ? s.slice(0, -1) : s;
}

/** Records of a whitespace-separated file: runs of spaces/tabs separate fields; blank lines are skipped. */
export async function* whitespaceRecords(source: TextSource, tap: ByteTap): AsyncGenerator<SourceRecord> {
  for await (const { text, line } of textLines(textChunks(source, tap))) {
    const t = text.trim();
    if (t === "") continue;
    yield { fields: t.split(/[ \t]+/), object: null, error: null, line };
  }
}

/**
 * Records of a JSON file: a top-level array of objects (streamed element by element), or NDJSON
 * (one object per line, blank lines skipped). An element that is not a valid JSON object becomes a
 * record with `error` set.
 * @throws IngestError when the array structure itself is broken (unclosed, text after the end)
 */
export async function* jsonRecords(source: TextSource, tap: ByteTap): AsyncGenerator<SourceRecord> {
  const path = source.path;
  const chunks = textChunks(source, tap);
  // Peek at the first non-blank character: "[" means one array, anything else NDJSON.
  const head: string[] = [];
  let isArray = false;
  for await (const chunk of chunks) {
    head.push(chunk);
    const t = chunk.trimStart();
    if (t) {
      isArray = t.startsWith("[");
      break;
    }
  }
  async function* replay(): AsyncGenerator<string> {
    yield* head;
    yield* chunks;
  }
  if (!isArray) {
    for await (const { text, line } of textLines(replay())) {
      if (text.trim() !== "") yield toRecord(text, line);
    }
    return;
  }
  const splitter = new JsonArraySplitter();
  try {
    for await (const chunk of replay()) {
      for (const piece of splitter.push(chunk)) yield toRecord(piece.text, piece.line);
    }
    splitter.end();
  } catch (error) {
    if (error instanceof SyntaxError) throw new IngestError(path, `malformed JSON array: ${error.message}`, { cause: error });
    throw error;
  }
}

function toRecord(text: string, line: number): SourceRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { fields: null, object: null, error: `not valid JSON (${(error as Error).message})`, line };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { fields: null, object: null, error: `not a JSON object: ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`, line };
  }
  return { fields: null, object: value as Record<string, unknown>, error: null, line, text };
}

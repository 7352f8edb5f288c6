/**
 * Streaming readers of the supported file formats. Each yields one record at a time with the
 * physical line where it starts; no reader holds more than a bounded window of the file.
 *
 *   file bytes → tap (hash, progress) → csv-parse | line splitter | JSON splitter → SourceRecord
 */
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse, CsvError } from "csv-parse";
import { LineCounter } from "../../lib/ingest/line-counter.js";
import { JsonArraySplitter } from "../../lib/ingest/json-array-splitter.js";
import { IngestError } from "./ingest-error.js";

/** One record of the source file. Exactly one of fields, object, error is set. */
export interface SourceRecord {
  /** Field texts (csv, tsv, whitespace). */
  readonly fields: readonly string[] | null;
  /** A parsed JSON object (json). */
  readonly object: Readonly<Record<string, unknown>> | null;
  /** Why the record could not be read (a JSON element that is not valid JSON or not an object). */
  readonly error: string | null;
  /** 1-based physical line where the record starts. */
  readonly line: number;
}

/** Called with every chunk of file bytes, in order (hashing, progress). */
export type ByteTap = (chunk: Buffer) => void;

/**
 * Records of a delimited file (csv with any one-character delimiter, tsv). Quoted fields may hold
 * delimiters and line breaks; a UTF-8 BOM is skipped; CRLF and LF both end records; blank lines are
 * skipped. Rows with a different field count are passed through (the caller rejects them).
 * @throws IngestError naming the line when the quoting is malformed
 */
export async function* delimitedRecords(path: string, delimiter: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  const counter = new LineCounter();
  const file = createReadStream(path);
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      tap(chunk);
      counter.push(chunk);
      callback(null, chunk);
    },
  });
  const parser = parse({ bom: true, info: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  const done = pipeline(file, tee, parser);
  done.catch(() => {}); // failures surface through the iterator below
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      // csv-parse miscounts lines inside quoted CRLF, so lines come from byte offsets instead
      let embedded = 0;
      for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) embedded++;
      yield { fields: record, object: null, error: null, line: counter.lineAt(info.bytes - 1) - embedded };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as unknown as { lines?: number }).lines;
      throw new IngestError(path, `line ${lines ?? "?"}: malformed ${delimiter === "\t" ? "TSV" : "CSV"}: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    file.destroy();
  }
}

/**
 * Decoded text chunks of a UTF-8 file (BOM skipped); multi-byte characters split across chunks are joined.
 * @throws IngestError when the bytes are not valid UTF-8
 */
export async function* textChunks(path: string, tap: ByteTap): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  const file = createReadStream(path);
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      tap(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (error) {
        throw new IngestError(path, `not valid UTF-8 text in bytes ${offset}..${offset + chunk.length}`, { cause: error });
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
export async function* whitespaceRecords(path: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  for await (const { text, line } of textLines(textChunks(path, tap))) {
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
export async function* jsonRecords(path: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  const chunks = textChunks(path, tap);
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
  return { fields: null, object: value as Record<string, unknown>, error: null, line };
}

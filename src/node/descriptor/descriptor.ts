/**
 * The dataset descriptor: a YAML file that maps any interaction file onto the Interactions schema,
 * so that a new dataset needs no code. See data/datasets/*.yaml for examples.
 */
import type { OutcomeSpec } from "../../lib/schema/outcome.js";
import type { TimestampFormat } from "../../lib/ingest/parse-values.js";

/** File formats a descriptor may name. */
export const FILE_FORMATS = {
  csv: "comma-separated values (RFC 4180 quoting; another one-character delimiter via `delimiter`)",
  tsv: "tab-separated values",
  json: "a JSON array of objects, or NDJSON (one object per line)",
  whitespace: "fields separated by runs of spaces or tabs, leading space ignored, no quoting",
  parquet: "Apache Parquet (read by DuckDB; every column is read as text and validated like csv)",
  arrow: "Apache Arrow IPC file or stream (.arrow, .feather v2)",
  xlsx: "an Excel workbook (one sheet; `sheet` and `headerRow` choose where the table is)",
} as const;

export type FileFormat = keyof typeof FILE_FORMATS;

export function isFileFormat(value: unknown): value is FileFormat {
  return typeof value === "string" && Object.hasOwn(FILE_FORMATS, value);
}

/** Compression of a text source (csv, tsv, json, whitespace); inferred from a .gz or .zst extension. */
export const COMPRESSIONS = { none: "plain file", gzip: "gzip (.gz)", zstd: "Zstandard (.zst)" } as const;

export type Compression = keyof typeof COMPRESSIONS;

/** Formats read as text, which may be compressed. */
export const TEXT_FORMATS: readonly FileFormat[] = ["csv", "tsv", "json", "whitespace"];

/** What to do with exact duplicate rows (they are counted either way). */
export const DUPLICATE_POLICIES = { keep: "keep every copy", reject: "reject every copy after the first" } as const;

export type DuplicatePolicy = keyof typeof DUPLICATE_POLICIES;

/** The item id given to every row when the descriptor maps no item column. */
export const ALL_ITEMS = "all";

/** Source column names of the schema fields. */
export interface ColumnMapping {
  readonly customer: string;
  /** null: every row gets item ALL_ITEMS. */
  readonly item: string | null;
  readonly outcome: string;
  readonly timestamp: string | null;
  readonly value: string | null;
  /** Ground truth: the expected outcome of the row (synthetic data only); null for real data. */
  readonly truth: string | null;
}

/** A validated descriptor. */
export interface Descriptor {
  /** Dataset name: letters, digits, "-" and "_" (used in file names). */
  readonly name: string;
  /** Path of the descriptor file, as given. */
  readonly path: string;
  /** Source path as written in the descriptor. */
  readonly source: string;
  /** Absolute source path (resolved against the descriptor's folder); may be a glob of partition files. */
  readonly sourcePath: string;
  readonly format: FileFormat;
  /** Compression of a text format; "none" for parquet, arrow and xlsx. */
  readonly compression: Compression;
  /** Field delimiter for csv (default ","); tsv uses a tab. */
  readonly delimiter: string;
  /** Whether the first line names the columns. Default true. */
  readonly header: boolean;
  /** Column names of a headerless file; null when header is true. */
  readonly names: readonly string[] | null;
  readonly columns: ColumnMapping;
  readonly outcome: OutcomeSpec;
  /** Required exactly when columns.timestamp is set. */
  readonly timestamp: { readonly format: TimestampFormat } | null;
  /** xlsx only: the worksheet name (default: the first sheet). */
  readonly sheet: string | null;
  /** xlsx only: 1-based worksheet row of the header, or of the first data row when header is false. Default 1. */
  readonly headerRow: number;
  /** Whether spaces and tabs around customer ids, item ids and context levels are removed. Default true. */
  readonly trim: boolean;
  /**
   * json: how an id or context level written as a JSON number becomes text. "as-written" (default):
   * the number's text as typed (`1.0` and `1` are two ids, `1` and `"1"` one); "by-value": its value
   * (`1.0`, `1` and `"1"` are one id; non-integers and integers beyond 2^53 are rejected).
   */
  readonly numericIds: NumericIds;
  /** Raw values that mean "not recorded". Default [""]. */
  readonly missing: readonly string[];
  readonly duplicates: DuplicatePolicy;
  /** Our context name → source column, in descriptor order. */
  readonly context: Readonly<Record<string, string>>;
  readonly citation: string | null;
  readonly description: string | null;
  /** ISO 4217 code of the value column's money (e.g. "EUR"); null: reported as "currency units". Default null. */
  readonly currency: string | null;
}

/** How JSON numbers in id and context columns become text (see Descriptor.numericIds). */
export const NUMERIC_IDS = {
  "as-written": "the number's text as typed (1.0 and 1 are two ids)",
  "by-value": "the number's value (1.0, 1 and \"1\" are one id)",
} as const;
export type NumericIds = keyof typeof NUMERIC_IDS;

/** A descriptor that is invalid or does not match its file. */
export class DescriptorError extends Error {
  /**
   * @param file descriptor path as given
   * @param detail what is wrong, with the key path and the value received
   */
  constructor(readonly file: string, detail: string, options?: { cause?: unknown }) {
    super(`descriptor ${file}: ${detail}`, options);
    this.name = "DescriptorError";
  }
}

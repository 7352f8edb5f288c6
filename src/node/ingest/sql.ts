/**
 * Every SQL statement of ingest, in one place. The statements are standard SQL where standard SQL
 * serves (CASE, IN, UNION ALL, GROUP BY, window row_number, CAST), so that the same classification and
 * encoding could run on a distributed engine (Spark SQL, Trino) over the same Parquet partitions. The
 * DuckDB-only pieces are confined to the helpers marked DUCKDB below: the file scans (read_csv,
 * read_parquet), the row order (rowid of a table filled in scan order), full-match regular expressions,
 * epoch_ms, and reading typed Parquet columns straight from their type (typedValue).
 *
 *   scan files → cls (per row, in file order: mapped columns as text, or typed where their type reads
 *     as their text; clean? and the parsed numbers,
 *     by the JavaScript validator's rules, conservatively; encoded ids and levels)
 *     → rows that are not clean go to the JavaScript validator (exact reasons) → fixed
 *     → acc (clean ∪ fixed) → first-appearance dictionaries → integer codes in row order
 */
import type { Descriptor } from "../descriptor/descriptor.js";
import { isNamedTimestampFormat, MAX_MAGNITUDE } from "../../lib/ingest/parse-values.js";
import type { OutcomeSpec } from "../../lib/schema/outcome.js";
import { UNKNOWN_LEVEL } from "../../lib/schema/interactions.js";

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A quoted SQL string literal. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** DUCKDB: a regular expression that must match the whole text (Trino: regexp_like with ^...$). */
function fullMatch(expr: string, pattern: string): string {
  return `regexp_full_match(${expr}, ${literal(pattern)})`;
}

/** DUCKDB: milliseconds since the epoch of a TIMESTAMP (standard: EXTRACT(EPOCH ...) * 1000). */
function epochMs(timestamp: string): string {
  return `CAST(epoch_ms(${timestamp}) AS DOUBLE)`;
}

/** Text a CSV field can never hold as a whole field: DuckDB's NULL string, so that empty fields stay "". */
const NO_NULL = "\u0001irmlab:no-null\u0001";

/** Options of a delimited-text scan. */
export interface CsvScan {
  readonly files: readonly string[];
  readonly delimiter: string;
  readonly header: boolean;
  /** Number of columns (from the header or the descriptor's names). */
  readonly columns: number;
  readonly compression: "none" | "gzip" | "zstd";
}

/**
 * DUCKDB: a strict read_csv of every column as text, named c0, c1, ...: no type sniffing, quotes
 * doubled inside quoted fields, no NULLs (empty fields stay ""), a row with a different field
 * count or broken quoting is an error (the streaming reader then names it exactly).
 */
export function csvScan(s: CsvScan): string {
  const cols = Array.from({ length: s.columns }, (_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(", ");
  return `read_csv([${s.files.map(literal).join(", ")}], header = ${s.header}, auto_detect = false, delim = ${literal(s.delimiter)}, quote = '"', escape = '"', strict_mode = true, null_padding = false, nullstr = ${literal(NO_NULL)}, compression = ${literal(s.compression === "none" ? "none" : s.compression)}, columns = {${cols}})`;
}

/** DUCKDB: the first record of a delimited file, every field as text (to learn a compressed file's header). */
export function csvFirstRecord(s: Omit<CsvScan, "columns" | "header">): string {
  return `SELECT * FROM read_csv(${literal(s.files[0]!)}, header = false, all_varchar = true, delim = ${literal(s.delimiter)}, quote = '"', escape = '"', compression = ${literal(s.compression)}) LIMIT 1`;
}

/** DUCKDB: a scan of Parquet files in the given order. */
export function parquetScan(files: readonly string[]): string {
  return `read_parquet([${files.map(literal).join(", ")}])`;
}

/** Column names and types of a scan. */
export function describeScan(scan: string): string {
  return `DESCRIBE SELECT * FROM ${scan}`;
}

/** One mapped source column: its name in the scan, and its SQL type there (null: text). */
export interface ScanColumn {
  readonly name: string;
  readonly type: string | null;
}

/** A source column as text; typed timestamps become ISO 8601 text in UTC, so the iso rules apply. */
function asText(c: ScanColumn): string {
  const t = c.type?.toUpperCase() ?? "VARCHAR";
  if (t === "VARCHAR") return ident(c.name);
  if (t.startsWith("TIMESTAMP")) return `strftime(CAST(${ident(c.name)} AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%gZ')`;
  return `CAST(${ident(c.name)} AS VARCHAR)`;
}

/** Integer types whose values DuckDB casts to DOUBLE exactly as it reads their text (checked on a million random values of each range, beyond 2^53 included). */
const INTEGER_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "HUGEINT"]);

/**
 * How a mapped numeric or timestamp slot is read: "text" (the column as text, by the validator's
 * rules, as for CSV), or straight from its type when that gives the same number as its text would:
 * "integer", "double" (a finite DOUBLE's text reads back to the same double, -0 included: DuckDB
 * writes the shortest text that does), "timestamp" (whole milliseconds, years 1000–9999, read as
 * ISO: the text asText writes would parse to the same instant). Other types (FLOAT, DECIMAL, ...)
 * and other timestamp formats are read as text. A typed slot reads its text only for the rows that
 * are not clean (selectUnclean), and never for the clean ones.
 */
export type SlotReading = "text" | "integer" | "double" | "timestamp";

/** The reading of slot `slot` (2 outcome, 3 timestamp, 4 value, 5 truth; ids and levels are text). */
export function slotReading(c: ScanColumn | null, slot: number, r: SqlRules): SlotReading {
  const t = c?.type?.toUpperCase() ?? "VARCHAR";
  if (slot === 3) return r.timestampFormat === "iso" && (t.startsWith("TIMESTAMP") || t === "DATE") && !r.missing.some(couldBeText) ? "timestamp" : "text";
  if (slot < 2 || slot > 5 || r.missing.some(couldBeText)) return "text";
  return INTEGER_TYPES.has(t) ? "integer" : t === "DOUBLE" ? "double" : "text";
}

/** The text of slot s as cls holds it: the column itself, or the text its typed value stands for (see slotReading). */
function slotText(c: ScanColumn | null, s: number, r: SqlRules): string {
  return c === null || slotReading(c, s, r) === "text" ? `s${s}` : asText({ name: `s${s}`, type: c.type });
}

/** Whether a missing-value marker could be the text of a number or timestamp (then typed slots compare their text with it). */
function couldBeText(marker: string): boolean {
  return /^[+-]?([0-9.]|inf|nan)/i.test(marker);
}

/**
 * DUCKDB: a typed slot's number when it reads straight from its type, else `fallback` (the expression
 * on its text). Standard SQL has no isfinite or epoch_us (Trino: is_finite, to_unixtime).
 */
function typedValue(reading: SlotReading, expr: string, fallback: string): string {
  switch (reading) {
    case "integer":
      return `CASE WHEN ${expr} IS NOT NULL THEN CAST(${expr} AS DOUBLE) ELSE ${fallback} END`;
    case "double":
      return `CASE WHEN isfinite(${expr}) THEN ${expr} ELSE ${fallback} END`;
    case "timestamp": {
      const ts = `CAST(${expr} AS TIMESTAMP)`;
      return `CASE WHEN isfinite(${ts}) AND epoch_us(${ts}) % 1000 = 0 AND year(${ts}) BETWEEN 1000 AND 9999 THEN ${epochMs(ts)} ELSE ${fallback} END`;
    }
    default:
      return fallback;
  }
}

/** The validation rules that classify a row as clean in SQL (see {@link createClassified}). */
export interface SqlRules {
  readonly outcome: OutcomeSpec;
  /** Named timestamp format, or a pattern (never clean in SQL: the JavaScript validator reads it). */
  readonly timestampFormat: string | null;
  readonly missing: readonly string[];
  readonly trim: boolean;
  /** Which slots are mapped: item, timestamp, value, truth. */
  readonly item: boolean;
  readonly timestamp: boolean;
  readonly value: boolean;
  readonly truth: boolean;
  readonly contexts: number;
}

/** The rules of a descriptor. */
export function sqlRules(d: Descriptor): SqlRules {
  return {
    outcome: d.outcome,
    timestampFormat: d.timestamp?.format ?? null,
    missing: d.missing,
    trim: d.trim,
    item: d.columns.item !== null,
    timestamp: d.columns.timestamp !== null,
    value: d.columns.value !== null,
    truth: d.columns.truth !== null,
    contexts: Object.keys(d.context).length,
  };
}

// The JavaScript validator's number syntax (parse-values.ts DECIMAL), without surrounding blanks:
// text with blanks is not clean here and goes to the JavaScript validator, which decides exactly.
const DECIMAL = "[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?";
// ISO dates and times that DuckDB's TIMESTAMP cast reads exactly as parseTimestamp does: year
// 1000-9999, hours 00-23, at most milliseconds, UTC ("Z" or no zone). Other forms are not clean.
const ISO = "[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,3})?)?Z?)?";
const UNIX = "[+-]?[0-9]{1,13}([.][0-9]+)?";

function inList(expr: string, values: readonly string[]): string {
  return values.length === 0 ? "FALSE" : `${expr} IN (${values.map(literal).join(", ")})`;
}

/** A number in the validator's syntax, else NULL (DuckDB and JavaScript both round decimal text correctly). */
function decimal(expr: string): string {
  return `CASE WHEN ${fullMatch(expr, DECIMAL)} THEN TRY_CAST(${expr} AS DOUBLE) END`;
}

/** Not NULL, not NaN and within MAX_MAGNITUDE (so also finite), as parseMoney requires. */
function finite(expr: string): string {
  return `(${expr} IS NOT NULL AND ${expr} = ${expr} AND abs(${expr}) <= ${MAX_MAGNITUDE})`;
}

/** An identifier as encoded (trimmed of spaces and tabs when trim is on). */
function idText(expr: string, trim: boolean): string {
  return trim ? `trim(${expr}, ${literal(" \t")})` : expr;
}

function idPresent(expr: string, r: SqlRules): string {
  // only spaces and tabs (or nothing): what trims to nothing (cheaper than a full-match regular expression)
  return `(${expr} IS NOT NULL AND ${idText(expr, true)} <> '' AND NOT ${inList(idText(expr, r.trim), r.missing)})`;
}

function present(expr: string, r: SqlRules): string {
  return `(${expr} IS NOT NULL AND NOT ${inList(expr, r.missing)})`;
}

function outcomeValue(expr: string, spec: OutcomeSpec): string {
  if (spec.type === "binary") {
    return `CASE WHEN lower(${expr}) IN ('true', 'yes') THEN 1.0 WHEN lower(${expr}) IN ('false', 'no') THEN 0.0 ELSE ${decimal(expr)} END`;
  }
  return `(${decimal(expr)} + 0.0)`; // + 0.0 turns -0 into 0, as parseOutcome does
}

function outcomeValid(y: string, spec: OutcomeSpec): string {
  if (spec.type === "binary") return `(${y} IN (0.0, 1.0))`;
  const upper = Number.isFinite(spec.max) ? ` AND ${y} <= ${spec.max}` : "";
  // a fractional count is not clean: the JavaScript validator rejects it with its reason
  const whole = spec.type === "count" ? ` AND ${y} = floor(${y})` : "";
  return `(${finite(y)} AND ${y} >= ${spec.min}${upper}${whole})`;
}

function timestampValue(expr: string, format: string): string {
  switch (isNamedTimestampFormat(format) ? format : "pattern") {
    case "iso":
      return `CASE WHEN ${fullMatch(expr, ISO)} THEN ${epochMs(`TRY_CAST(${expr} AS TIMESTAMP)`)} END`;
    case "yyyymmdd":
      return `CASE WHEN ${fullMatch(expr, "[1-9][0-9]{7}")} THEN ${epochMs(`TRY_STRPTIME(${expr}, '%Y%m%d')`)} END`;
    case "unix-seconds":
      return `CASE WHEN ${fullMatch(expr, UNIX)} THEN TRY_CAST(${expr} AS DOUBLE) * 1000 END`;
    case "unix-ms":
      return `CASE WHEN ${fullMatch(expr, UNIX)} THEN TRY_CAST(${expr} AS DOUBLE) END`;
    default:
      return "CAST(NULL AS DOUBLE)";
  }
}

/**
 * Table cls, one pass over the scan, rows in file order (DUCKDB: a table filled from a scan keeps the
 * scan's order in its rowid): the mapped columns (s0, s1, ... in slot order) as text, or typed where
 * their type reads as their text would (slotReading), whether the row
 * is clean (ok), its outcome (y), timestamp in ms (ts), value (v) and truth (t), and the encoded text
 * of its ids and levels (customer, item, k0, k1, ...: trimmed when trim is on; a context that is
 * absent or a missing-value marker becomes "unknown"). A clean row is one the JavaScript validator
 * would accept with the same numbers; a row that is not clean may still be valid (the JavaScript
 * validator decides).
 * @param slots the scan column of each mapped slot, null where the slot is not mapped
 */
export function createClassified(scan: string, slots: readonly (ScanColumn | null)[], r: SqlRules): string {
  const reading = slots.map((c, s) => slotReading(c, s, r));
  // a typed slot stays typed in cls; the expressions on its text read asText of it (only where its own type does not serve)
  const raw = slots.map((c, s) => `${c === null ? "CAST(NULL AS VARCHAR)" : reading[s] === "text" ? asText(c) : ident(c.name)} AS s${s}`).join(", ");
  const text = (s: number) => slotText(slots[s]!, s, r);
  const read = (s: number, onText: (expr: string) => string) => (reading[s] === "text" ? onText(`s${s}`) : typedValue(reading[s]!, `s${s}`, onText(text(s))));
  const y = r.outcome.type === "binary" || reading[2] === "text" ? read(2, (e) => outcomeValue(e, r.outcome)) : `(${read(2, (e) => outcomeValue(e, r.outcome))} + 0.0)`;
  const ts = r.timestamp ? read(3, (e) => timestampValue(e, r.timestampFormat!)) : "CAST(NULL AS DOUBLE)";
  const v = r.value ? read(4, decimal) : "CAST(NULL AS DOUBLE)";
  const t = r.truth ? read(5, decimal) : "CAST(NULL AS DOUBLE)";
  // the text of a number or a timestamp holds no NUL, and no missing-value marker (slotReading)
  const noNul = slots.flatMap((_, s) => (reading[s] === "text" ? [`coalesce(strpos(s${s}, chr(0)), 0) = 0`] : [])).join(" AND ");
  const given = (s: number) => (reading[s] === "text" ? present(`s${s}`, r) : `s${s} IS NOT NULL`);
  const ok = [
    noNul || "TRUE",
    idPresent("s0", r),
    r.item ? idPresent("s1", r) : "TRUE",
    given(2),
    outcomeValid("y", r.outcome),
    r.timestamp ? `${given(3)} AND ${finite("ts")} AND abs(ts) <= 8.64e15` : "TRUE",
    r.value ? `${given(4)} AND ${finite("v")}` : "TRUE",
    r.truth ? `${given(5)} AND ${finite("t")} AND t >= ${r.outcome.min}${Number.isFinite(r.outcome.max) ? ` AND t <= ${r.outcome.max}` : ""}` : "TRUE",
  ].join(" AND ");
  const levels = Array.from({ length: r.contexts }, (_, k) => {
    const s = `s${6 + k}`;
    const text = idText(s, r.trim);
    return `, CASE WHEN ${s} IS NULL OR ${inList(text, r.missing)} THEN ${literal(UNKNOWN_LEVEL)} ELSE ${text} END AS k${k}`;
  }).join("");
  const ids = `${idText("s0", r.trim)} AS customer, ${r.item ? idText("s1", r.trim) : "CAST(NULL AS VARCHAR)"} AS item${levels}`;
  return `CREATE TEMP TABLE cls AS SELECT *, coalesce(${ok}, FALSE) AS ok, ${ids} FROM (SELECT *, ${y} AS y, ${ts} AS ts, ${v} AS v, ${t} AS t FROM (SELECT ${raw} FROM ${scan}) scanned) parsed`;
}

/** Rows in cls. */
export const COUNT_ROWS = "SELECT count(*) FROM cls";

/**
 * Rows from <= r < to that are not clean, with their raw text (typed slots as asText writes them), in
 * file order (for the JavaScript validator). A range at a time, as selectEncodedRange: a file of many
 * bad rows must not need one sort of all of them.
 */
export function selectUnclean(slots: readonly (ScanColumn | null)[], r: SqlRules, from: number, to: number): string {
  const cols = slots.map((c, s) => `${slotText(c, s, r)} AS s${s}`).join(", ");
  return `SELECT CAST(rowid AS INTEGER) AS r, ${cols} FROM cls WHERE NOT ok AND rowid >= ${from} AND rowid < ${to} ORDER BY r`;
}

/** Table fixed: rows that were not clean but that the JavaScript validator accepted, with its numbers. */
export const CREATE_FIXED = "CREATE TEMP TABLE fixed (r INTEGER, y DOUBLE, ts DOUBLE, v DOUBLE, t DOUBLE)";

/** View acc: the accepted rows (clean ∪ fixed), with r, the numbers and the encoded ids and levels. */
export function createAccepted(r: SqlRules): string {
  const keys = ["customer", "item", ...Array.from({ length: r.contexts }, (_, k) => `k${k}`)];
  return `CREATE TEMP VIEW acc AS SELECT CAST(rowid AS INTEGER) AS r, y, ts, v, t, ${keys.join(", ")} FROM cls WHERE ok UNION ALL SELECT f.r, f.y, f.ts, f.v, f.t, ${keys.map((k) => `c.${k}`).join(", ")} FROM fixed f JOIN (SELECT CAST(rowid AS INTEGER) AS r, * FROM cls) c ON c.r = f.r`;
}

/** Table d_<key>: the distinct values of acc.<key> with codes 0, 1, ... in order of first appearance. */
export function createDictionary(key: string): string {
  return `CREATE TEMP TABLE ${ident(`d_${key}`)} AS SELECT ${ident(key)} AS id, CAST(row_number() OVER (ORDER BY min(r)) - 1 AS INTEGER) AS code FROM acc GROUP BY ${ident(key)}`;
}

/** The values of a dictionary in code order. */
export function selectDictionary(key: string): string {
  return `SELECT id FROM ${ident(`d_${key}`)} ORDER BY code`;
}

/**
 * Table enc: every accepted row, r, then outcome, timestamp, value, truth (NaN where absent, so
 * that the columns arrive as plain DOUBLE arrays), then one code per key; in no particular order
 * (joined, not sorted: one sort of every row needs memory in proportion to the rows, and fails
 * under the ingest's memory limit at 100M rows; {@link selectEncodedRange} sorts a range at a time).
 */
export function createEncoded(keys: readonly string[]): string {
  const nan = (c: string) => `coalesce(acc.${c}, CAST('NaN' AS DOUBLE)) AS ${c}`;
  const codes = keys.map((k) => `${ident(`d_${k}`)}.code AS ${ident(`code_${k}`)}`).join(", ");
  const joins = keys.map((k) => `JOIN ${ident(`d_${k}`)} ON ${ident(`d_${k}`)}.id = acc.${ident(k)}`).join(" ");
  return `CREATE TEMP TABLE enc AS SELECT acc.r, ${["y", "ts", "v", "t"].map(nan).join(", ")}, ${codes} FROM acc ${joins}`;
}

/** The rows of enc with from <= r < to, in file order. */
export function selectEncodedRange(from: number, to: number): string {
  return `SELECT * FROM enc WHERE r >= ${from} AND r < ${to} ORDER BY r`;
}

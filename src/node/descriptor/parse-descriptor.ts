/**
 * Validation of a parsed descriptor object: every key checked, unknown keys refused, defaults
 * applied. Each error names the descriptor file, the key path and the value received, and lists
 * what is valid.
 */
import { isAbsolute, resolve } from "node:path";
import { isOutcomeType, OUTCOME_TRANSFORMS, OUTCOME_TYPES, type OutcomeSpec, type OutcomeTransform } from "../../lib/schema/outcome.js";
import { isNamedTimestampFormat, TIMESTAMP_FORMATS } from "../../lib/ingest/parse-values.js";
import { compileTimestampPattern } from "../../lib/ingest/timestamp-pattern.js";
import {
  COMPRESSIONS,
  DescriptorError,
  DUPLICATE_POLICIES,
  NUMERIC_IDS,
  type NumericIds,
  TEXT_FORMATS,
  type Compression,
  FILE_FORMATS,
  type ColumnMapping,
  type Descriptor,
  type DuplicatePolicy,
  type FileFormat,
} from "./descriptor.js";

const TOP_KEYS = ["name", "description", "source", "format", "compression", "delimiter", "header", "names", "sheet", "headerRow", "columns", "outcome", "timestamp", "trim", "numericIds", "missing", "duplicates", "context", "citation", "currency"];
const COLUMN_KEYS = ["customer", "item", "outcome", "timestamp", "value", "truth"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Validates a descriptor object (as parsed from YAML).
 * @param raw the parsed YAML document
 * @param file the descriptor path as given (for messages and resolving `source`)
 * @throws DescriptorError on any unknown key, missing key, wrong type or invalid value
 */
export function parseDescriptor(raw: unknown, file: string): Descriptor {
  const v: Validator = new Validator(file);
  const top = v.object(raw, "", TOP_KEYS);
  const name = v.string(top.name, "name");
  if (!NAME.test(name)) v.fail("name", name, "letters, digits, \"-\" and \"_\", starting with a letter or digit");
  const source = v.string(top.source, "source");
  const format = top.format === undefined ? inferFormat(v, source) : v.oneOf(top.format, "format", FILE_FORMATS);
  const compression: Compression = top.compression === undefined ? inferCompression(source, format) : v.oneOf(top.compression, "compression", COMPRESSIONS);
  if (compression !== "none" && !TEXT_FORMATS.includes(format)) v.fail("compression", compression, `none for format ${format} (only ${TEXT_FORMATS.join(", ")} files are compressed as a whole)`);
  if (format !== "xlsx") {
    for (const key of ["sheet", "headerRow"]) if (top[key] !== undefined) v.fail(key, top[key], `absent: ${key} applies only to format xlsx`);
  }
  const sheet = top.sheet === undefined || top.sheet === null ? null : v.string(top.sheet, "sheet");
  let headerRow = 1;
  if (top.headerRow !== undefined) {
    headerRow = v.number(top.headerRow, "headerRow");
    if (!Number.isInteger(headerRow) || headerRow < 1) v.fail("headerRow", headerRow, "a worksheet row number (an integer >= 1)");
  }
  const trim = top.trim === undefined ? true : v.boolean(top.trim, "trim");
  if (top.numericIds !== undefined && format !== "json") v.fail("numericIds", top.numericIds, "absent: numericIds applies only to format json (other formats give ids as text or typed columns)");
  const numericIds: NumericIds = top.numericIds === undefined ? "as-written" : v.oneOf(top.numericIds, "numericIds", NUMERIC_IDS);
  let delimiter = format === "tsv" ? "\t" : ",";
  if (top.delimiter !== undefined) {
    if (format !== "csv") v.fail("delimiter", top.delimiter, "no delimiter: it applies only to format csv");
    delimiter = v.string(top.delimiter, "delimiter");
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") v.fail("delimiter", delimiter, "one character other than a quote or a line break");
  }
  if ((format === "json" || format === "parquet" || format === "arrow") && top.header !== undefined) {
    v.fail("header", top.header, `absent for format ${format} (columns are ${format === "json" ? "the keys of the objects" : "named in the file"})`);
  }
  const header = top.header === undefined ? true : v.boolean(top.header, "header");
  let names: string[] | null = null;
  if (header && top.names !== undefined) v.fail("names", top.names, "no names when header is true (names are for headerless files: set header: false)");
  if (!header) {
    if (top.names === undefined) v.missing("names", "a list of column names (required when header is false)");
    names = v.stringList(top.names, "names", false);
    if (names.length === 0) v.fail("names", top.names, "a non-empty list of column names");
    const dup = names.find((n, i) => names!.indexOf(n) !== i);
    if (dup !== undefined) v.fail("names", dup, "distinct column names");
  }
  const columns = parseColumns(v, top.columns);
  const outcome = parseOutcomeSpec(v, top.outcome);
  let timestamp: Descriptor["timestamp"] = null;
  if (columns.timestamp !== null) {
    if (top.timestamp === undefined) v.missing("timestamp", `{ format: ${Object.keys(TIMESTAMP_FORMATS).join(" | ")} | a pattern such as "dd/MM/yyyy HH:mm:ss" } (required because columns.timestamp is set)`);
    const t = v.object(top.timestamp, "timestamp", ["format"]);
    const expected = `one of ${Object.keys(TIMESTAMP_FORMATS).join(", ")}, or a pattern such as "dd/MM/yyyy HH:mm:ss"`;
    if (t.format === undefined) v.missing("timestamp.format", expected);
    if (typeof t.format !== "string" || t.format === "") v.fail("timestamp.format", t.format, expected);
    if (!isNamedTimestampFormat(t.format)) {
      const compiled = compileTimestampPattern(t.format);
      if (typeof compiled === "string") v.fail("timestamp.format", t.format, `${expected}; this pattern has ${compiled}`);
    }
    timestamp = { format: t.format };
  } else if (top.timestamp !== undefined && top.timestamp !== null) {
    v.fail("timestamp", top.timestamp, "no timestamp settings: columns.timestamp is not set");
  }
  const missing = top.missing === undefined ? [""] : v.stringList(top.missing, "missing", true);
  const duplicates: DuplicatePolicy = top.duplicates === undefined ? "keep" : v.oneOf(top.duplicates, "duplicates", DUPLICATE_POLICIES);
  const context: Record<string, string> = {};
  if (top.context !== undefined && top.context !== null) {
    const c = v.object(top.context, "context", null);
    for (const [key, column] of Object.entries(c)) {
      if (!NAME.test(key)) v.fail(`context.${key}`, key, "a context name of letters, digits, \"-\" and \"_\"");
      context[key] = v.string(column, `context.${key}`);
    }
  }
  const citation = top.citation === undefined || top.citation === null ? null : v.string(top.citation, "citation");
  const description = top.description === undefined || top.description === null ? null : v.string(top.description, "description");
  const currency = top.currency === undefined || top.currency === null ? null : v.string(top.currency, "currency");
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) v.fail("currency", currency, "a three-letter ISO 4217 code such as EUR or USD");
  const sourcePath = isAbsolute(source) ? source : resolve(file, "..", source);
  return { name, path: file, source, sourcePath, format, compression, delimiter, header, names, sheet, headerRow, columns, outcome, timestamp, trim, numericIds, missing, duplicates, context, citation, description, currency };
}

const COMPRESSED_EXT: Readonly<Record<string, Compression>> = { gz: "gzip", zst: "zstd" };

/** The file name's extensions, last first, without a compression extension: "a.csv.gz" → "csv". */
function dataExtension(source: string): string {
  const parts = source.toLowerCase().split("/").pop()!.split(".");
  const last = parts.pop() ?? "";
  return Object.hasOwn(COMPRESSED_EXT, last) ? (parts.pop() ?? "") : last;
}

function inferCompression(source: string, format: FileFormat): Compression {
  const last = source.toLowerCase().split(".").pop() ?? "";
  return TEXT_FORMATS.includes(format) && Object.hasOwn(COMPRESSED_EXT, last) ? COMPRESSED_EXT[last]! : "none";
}

function inferFormat(v: Validator, source: string): FileFormat {
  const ext = dataExtension(source);
  const byExt: Record<string, FileFormat> = {
    csv: "csv",
    tsv: "tsv",
    tab: "tsv",
    json: "json",
    ndjson: "json",
    jsonl: "json",
    parquet: "parquet",
    arrow: "arrow",
    feather: "arrow",
    arrows: "arrow",
    ipc: "arrow",
    xlsx: "xlsx",
  };
  const f = byExt[ext];
  if (f === undefined) v.missing("format", `one of ${Object.keys(FILE_FORMATS).join(", ")} (cannot be inferred from the extension of "${source}")`);
  return f!;
}

function parseColumns(v: Validator, raw: unknown): ColumnMapping {
  if (raw === undefined) v.missing("columns", `a mapping with keys ${COLUMN_KEYS.join(", ")}`);
  const c = v.object(raw, "columns", COLUMN_KEYS);
  if (c.customer === undefined || c.customer === null) v.missing("columns.customer", "the source column of customer ids");
  if (c.outcome === undefined || c.outcome === null) v.missing("columns.outcome", "the source column of outcomes");
  const optional = (key: string): string | null => (c[key] === undefined || c[key] === null ? null : v.string(c[key], `columns.${key}`));
  return {
    customer: v.string(c.customer, "columns.customer"),
    item: optional("item"),
    outcome: v.string(c.outcome, "columns.outcome"),
    timestamp: optional("timestamp"),
    value: optional("value"),
    truth: optional("truth"),
  };
}

function parseOutcomeSpec(v: Validator, raw: unknown): OutcomeSpec {
  if (raw === undefined) v.missing("outcome", `{ type: ${Object.keys(OUTCOME_TYPES).join(" | ")} }`);
  const o = v.object(raw, "outcome", ["type", "min", "max", "transform"]);
  if (o.type === undefined) v.missing("outcome.type", `one of ${Object.keys(OUTCOME_TYPES).join(", ")}`);
  if (!isOutcomeType(o.type)) v.fail("outcome.type", o.type, `one of ${Object.keys(OUTCOME_TYPES).join(", ")}`);
  if (o.transform !== undefined && o.type !== "amount") v.fail("outcome.transform", o.transform, `absent: only an amount outcome takes a transform (a count is modelled on the log scale already)`);
  if (o.type !== "rating") {
    for (const key of ["min", "max"]) {
      if (o[key] !== undefined) v.fail(`outcome.${key}`, o[key], `no ${key}: the range of a ${o.type} outcome is fixed (binary 0..1, amount and count >= 0)`);
    }
    if (o.type === "binary") return { type: "binary", min: 0, max: 1 };
    if (o.type === "count") return { type: "count", min: 0, max: Infinity };
    if (o.transform === undefined) return { type: "amount", min: 0, max: Infinity };
    if (!(OUTCOME_TRANSFORMS as readonly unknown[]).includes(o.transform)) v.fail("outcome.transform", o.transform, `one of ${OUTCOME_TRANSFORMS.join(", ")}`);
    return { type: "amount", min: 0, max: Infinity, transform: o.transform as OutcomeTransform };
  }
  if (o.min === undefined) v.missing("outcome.min", "the smallest rating (a number)");
  if (o.max === undefined) v.missing("outcome.max", "the largest rating (a number)");
  const min = v.number(o.min, "outcome.min");
  const max = v.number(o.max, "outcome.max");
  if (!(min < max)) v.fail("outcome.max", max, `a number greater than outcome.min (${min})`);
  return { type: "rating", min, max };
}

/** Type checks that throw DescriptorError with the key path. */
class Validator {
  constructor(private readonly file: string) {}

  fail(path: string, value: unknown, expected: string): never {
    throw new DescriptorError(this.file, `key "${path}" must be ${expected}; got ${show(value)}`);
  }

  missing(path: string, expected: string): never {
    throw new DescriptorError(this.file, `key "${path}" is missing; expected ${expected}`);
  }

  object(raw: unknown, path: string, keys: readonly string[] | null): Record<string, unknown> {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      this.fail(path || "(document)", raw, keys ? `a mapping with keys ${keys.join(", ")}` : "a mapping");
    }
    const obj = raw as Record<string, unknown>;
    if (keys) {
      for (const key of Object.keys(obj)) {
        if (!keys.includes(key)) {
          throw new DescriptorError(this.file, `key "${path ? `${path}.` : ""}${key}" is not allowed; valid keys${path ? ` of ${path}` : ""} are ${keys.join(", ")}`);
        }
      }
    }
    return obj;
  }

  string(raw: unknown, path: string): string {
    if (typeof raw !== "string" || raw === "") this.fail(path, raw, "a non-empty string");
    return raw;
  }

  number(raw: unknown, path: string): number {
    if (typeof raw !== "number" || !Number.isFinite(raw)) this.fail(path, raw, "a finite number");
    return raw;
  }

  boolean(raw: unknown, path: string): boolean {
    if (typeof raw !== "boolean") this.fail(path, raw, "true or false");
    return raw;
  }

  oneOf<T extends string>(raw: unknown, path: string, options: Readonly<Record<T, string>>): T {
    if (typeof raw !== "string" || !Object.hasOwn(options, raw)) this.fail(path, raw, `one of ${Object.keys(options).join(", ")}`);
    return raw as T;
  }

  stringList(raw: unknown, path: string, allowEmptyStrings: boolean): string[] {
    if (!Array.isArray(raw)) this.fail(path, raw, "a list of strings");
    return raw.map((x, i) => {
      // YAML reads NA as a string but 0 or null as other types: missing markers must be written as strings
      if (typeof x !== "string" || (!allowEmptyStrings && x === "")) this.fail(`${path}[${i}]`, x, allowEmptyStrings ? "a string (quote it)" : "a non-empty string");
      return x;
    });
  }
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

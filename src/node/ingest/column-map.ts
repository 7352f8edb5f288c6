/**
 * Matching a descriptor's column mapping against the columns a file actually has, with a hint
 * when the file looks like it was split on the wrong delimiter.
 */
import { SLOT } from "../../lib/ingest/row-ingester.js";
import { DescriptorError, type Descriptor, type FileFormat } from "../descriptor/descriptor.js";

/** Source column per slot (SLOT order: customer, item, outcome, timestamp, value, truth, contexts...), with its descriptor key. */
export interface MappedColumn {
  readonly key: string;
  readonly column: string | null;
}

/** The mapped columns of a descriptor in SLOT order. */
export function mappedColumns(d: Descriptor): MappedColumn[] {
  const c = d.columns;
  const slots: MappedColumn[] = [
    { key: "columns.customer", column: c.customer },
    { key: "columns.item", column: c.item },
    { key: "columns.outcome", column: c.outcome },
    { key: "columns.timestamp", column: c.timestamp },
    { key: "columns.value", column: c.value },
    { key: "columns.truth", column: c.truth },
    ...Object.entries(d.context).map(([name, column]) => ({ key: `context.${name}`, column })),
  ];
  if (slots.length - SLOT.context !== Object.keys(d.context).length) throw new Error("mappedColumns: slot layout mismatch");
  return slots;
}

/**
 * Index of every mapped column in `available`, -1 where a slot is not mapped.
 * @param available column names found in the file (header, names, or first JSON object's keys)
 * @param where how to name the place the columns came from, e.g. "the header of data.csv"
 * @throws DescriptorError naming the first mapped column that is absent (or repeated) and listing the
 *   columns found, with a delimiter hint when the header looks split on the wrong character
 */
export function resolveColumns(d: Descriptor, available: readonly string[], where: string): Int32Array {
  const slots = mappedColumns(d);
  const out = new Int32Array(slots.length).fill(-1);
  slots.forEach(({ key, column }, s) => {
    if (column === null) return;
    const i = available.indexOf(column);
    if (i < 0) {
      throw new DescriptorError(d.path, `column "${column}" (${key}) not found in ${where}; columns are ${listColumns(available)}${delimiterHint(d.format, available)}`);
    }
    if (available.indexOf(column, i + 1) >= 0) {
      throw new DescriptorError(d.path, `column "${column}" (${key}) appears more than once in ${where}; columns are ${listColumns(available)}`);
    }
    out[s] = i;
  });
  return out;
}

function listColumns(cols: readonly string[]): string {
  const shown = cols.slice(0, 20).map((c) => (c.length > 60 ? `${c.slice(0, 57)}...` : c)).join(", ");
  return cols.length > 20 ? `${shown}, ... (${cols.length} in all)` : shown || "(none)";
}

/**
 * A hint such as `; the header looks tab-separated; set format: tsv` when the header was read as a
 * single column that contains another delimiter, else "".
 */
export function delimiterHint(format: FileFormat, header: readonly string[]): string {
  if (header.length !== 1 || format === "json") return "";
  const h = header[0]!;
  if (h.includes("\t") && format !== "tsv" && format !== "whitespace") return "; the header looks tab-separated; set format: tsv";
  if (h.includes(",") && format !== "csv") return "; the header looks comma-separated; set format: csv";
  if (h.includes(";")) return "; the header looks semicolon-separated; set format: csv and delimiter: \";\"";
  if (h.includes("|")) return "; the header looks pipe-separated; set format: csv and delimiter: \"|\"";
  if (/\S\s+\S/.test(h) && format !== "whitespace") return "; the header looks whitespace-separated; set format: whitespace";
  return "";
}

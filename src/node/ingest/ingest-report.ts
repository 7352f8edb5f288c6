import type { Interactions } from "../../lib/schema/interactions.js";
import type { OutcomeType } from "../../lib/schema/outcome.js";
import type { Compression, DuplicatePolicy, FileFormat } from "../descriptor/descriptor.js";

/** What an ingest read, kept and rejected. JSON-safe; printed by `irmlab ingest`. */
export interface IngestReport {
  /** Dataset name from the descriptor. */
  readonly name: string;
  /** Descriptor path as given. */
  readonly descriptor: string;
  /** Source path relative to the working directory. */
  readonly source: string;
  readonly format: FileFormat;
  readonly compression: Compression;
  /** Which reader ran: DuckDB (csv, tsv, parquet), or the streaming reader (other formats, or a fallback). */
  readonly engine: "duckdb" | "stream";
  /** sha256 of the source file bytes, hex (of all partition files in order, for a glob). */
  readonly sourceHash: string;
  /** Size of the source file in bytes. */
  readonly bytes: number;
  /** Data rows read (header excluded, blank lines not counted). Always rowsAccepted + rowsRejected. */
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  /** Rejected rows per reason (see REJECT_REASONS). */
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** Rows that exactly duplicate an earlier row (customer, item, timestamp, contexts, outcome, value), whatever the policy. */
  readonly duplicateRows: number;
  readonly duplicatesPolicy: DuplicatePolicy;
  /** Distinct customers and items among accepted rows. */
  readonly customers: number;
  readonly items: number;
  /** Accepted rows per context dimension and level ("unknown" = not recorded). */
  readonly contexts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Outcome type and its observed min, max and mean over accepted rows (null when none were accepted). */
  readonly outcome: { readonly type: OutcomeType; readonly min: number | null; readonly max: number | null; readonly mean: number | null };
  /** First and last timestamp (ISO 8601, UTC), or null when there is no timestamp column or no row. */
  readonly timeRange: { readonly first: string; readonly last: string } | null;
  /** Sum of the value column over accepted rows, or null when there is no value column. */
  readonly valueTotal: number | null;
  /** Things that look wrong but are not rejected, e.g. a context level that looks like a missing-value marker. */
  readonly warnings: readonly string[];
  /** How many rejected rows are stored for the reject report (capped; all are counted). */
  readonly rejectExamplesStored: number;
  /** Where the reject report was written, or null when it was not written. */
  readonly rejectReportPath: string | null;
  readonly citation: string | null;
}

/** Per-dimension level counts, outcome range and mean, time range and value total of `data`. */
export function summarizeData(data: Interactions): Pick<IngestReport, "contexts" | "outcome" | "timeRange" | "valueTotal"> {
  const contexts: Record<string, Record<string, number>> = {};
  for (const c of data.contexts) {
    const counts = new Float64Array(c.levels.length);
    for (let i = 0; i < c.codes.length; i++) counts[c.codes[i]!]!++;
    contexts[c.name] = Object.fromEntries(c.levels.map((level, k) => [level, counts[k]!]));
  }
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < data.size; i++) {
    const y = data.outcome[i]!;
    if (y < min) min = y;
    if (y > max) max = y;
    sum += y;
  }
  const n = data.size;
  let timeRange: IngestReport["timeRange"] = null;
  if (data.timestamp && n > 0) {
    let first = Infinity, last = -Infinity;
    for (const t of data.timestamp) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    timeRange = { first: new Date(first).toISOString(), last: new Date(last).toISOString() };
  }
  let valueTotal: number | null = null;
  if (data.value) {
    valueTotal = 0;
    for (const v of data.value) valueTotal += v;
    valueTotal = Math.round(valueTotal * 100) / 100;
  }
  return {
    contexts,
    outcome: { type: data.outcomeSpec.type, min: n ? min : null, max: n ? max : null, mean: n ? sum / n : null },
    timeRange,
    valueTotal,
  };
}

/** Texts that usually mean "not recorded" (compared case-insensitively). */
export const MISSING_LOOKALIKES = ["null", "na", "n/a", "nan", "none", "nil", "?", "-", "--", "missing", "unknown", "undefined", "#n/a", ".", "(null)", "(blank)"];

/**
 * Warnings about context levels that look like missing-value markers but are not declared in the
 * descriptor's `missing` list, so they became levels of their own, with the entry to add.
 */
export function ingestWarnings(data: Interactions, missing: readonly string[]): string[] {
  const out: string[] = [];
  const declared = new Set(missing);
  for (const c of data.contexts) {
    const suspicious = c.levels.filter((l) => !declared.has(l) && l !== "unknown" && MISSING_LOOKALIKES.includes(l.trim().toLowerCase()));
    if (suspicious.length === 0) continue;
    const counts = new Float64Array(c.levels.length);
    for (let i = 0; i < c.codes.length; i++) counts[c.codes[i]!]!++;
    const shown = suspicious.map((l) => `"${l}" (${counts[c.levels.indexOf(l)]} rows)`).join(", ");
    const entry = [...missing, ...suspicious].map((m) => JSON.stringify(m)).join(", ");
    out.push(`context ${c.name}: level ${shown} looks like a missing-value marker but is kept as a level; if it means "not recorded", set missing: [${entry}]`);
  }
  return out;
}

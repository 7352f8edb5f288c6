import { csvCell } from "../../lib/format/csv-cell.js";
import { writeFileAtomic } from "../write-file-atomic.js";
import type { RejectExample } from "../../lib/ingest/reject-log.js";
import type { IngestReport } from "./ingest-report.js";

/** Columns of the reject report CSV. */
export const REJECT_REPORT_COLUMNS = ["data_row", "line", "column", "value", "reason", "detail"] as const;

/**
 * Writes the stored rejected rows as CSV (data_row, line, column, value, reason, detail) atomically:
 * to a temporary file beside `path`, then renamed. Creates the folder when needed.
 * @param report the ingest report (its counts are not changed)
 * @param rejects stored rejected rows, at most report.rejectExamplesStored
 * @param path destination file
 * @returns the report with rejectReportPath set to `path`
 * @throws Error from the file system (with the path)
 */
export async function writeRejectReport(report: IngestReport, rejects: readonly RejectExample[], path: string): Promise<IngestReport> {
  const lines = [REJECT_REPORT_COLUMNS.join(",")];
  for (const r of rejects) {
    lines.push([String(r.dataRow), String(r.line), csvField(r.column), csvField(r.value), csvField(r.reason), csvField(r.detail)].join(","));
  }
  await writeFileAtomic(path, `${lines.join("\n")}\n`, `the reject report of ${report.source}`);
  return { ...report, rejectReportPath: path };
}

/** A text field of the report: neutralised against spreadsheet formulas, RFC 4180 quoting (csvCell). */
export const csvField = csvCell;

import type { IngestReport } from "./ingest-report.js";

/**
 * A readable multi-line summary of an ingest report (what `irmlab ingest` prints without --json).
 * @returns text ending with a newline
 */
export function formatIngestSummary(r: IngestReport): string {
  const n = (x: number): string => x.toLocaleString("en-US");
  const lines = [
    `dataset      ${r.name}  (${r.descriptor})`,
    `source       ${r.source}  [${r.format}${r.compression === "none" ? "" : ` ${r.compression}`} read by ${r.engine}, ${n(r.bytes)} bytes, sha256 ${r.sourceHash.slice(0, 16)}...]`,
    `rows         read ${n(r.rowsRead)} = accepted ${n(r.rowsAccepted)} + rejected ${n(r.rowsRejected)}`,
  ];
  for (const [reason, count] of Object.entries(r.rejectedByReason)) lines.push(`  rejected   ${reason}: ${n(count)}`);
  lines.push(`duplicates   ${n(r.duplicateRows)} exact duplicate rows (policy: ${r.duplicatesPolicy})`);
  lines.push(`customers    ${n(r.customers)}    items ${n(r.items)}`);
  const o = r.outcome;
  lines.push(`outcome      ${o.type}: min ${o.min ?? "-"}, max ${o.max ?? "-"}, mean ${o.mean === null ? "-" : o.mean.toFixed(4)}`);
  if (r.timeRange) lines.push(`time         ${r.timeRange.first} .. ${r.timeRange.last}`);
  if (r.valueTotal !== null) lines.push(`value total  ${r.valueTotal}`);
  for (const [name, levels] of Object.entries(r.contexts)) {
    lines.push(`context      ${name}: ${Object.entries(levels).map(([level, count]) => `${level} ${n(count)}`).join(", ")}`);
  }
  lines.push(`rejects      ${r.rejectReportPath ?? "(not written)"}${r.rejectExamplesStored < r.rowsRejected ? ` (first ${n(r.rejectExamplesStored)} of ${n(r.rowsRejected)})` : ""}`);
  for (const w of r.warnings) lines.push(`warning      ${w}`);
  if (r.citation) lines.push(`citation     ${r.citation}`);
  return `${lines.join("\n")}\n`;
}

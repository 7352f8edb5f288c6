/**
 * Reading a dataset through its descriptor, streaming, into the Interactions schema.
 *
 *   descriptor.yaml → loadDescriptor → source records (csv | tsv | whitespace | json)
 *     → header → resolveColumns → per record: ragged? → RowIngester (validate, encode, dedupe)
 *     → InteractionsBuilder.build → IngestReport (rowsRead = rowsAccepted + rowsRejected)
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { RejectLog, type RejectExample } from "../../lib/ingest/reject-log.js";
import { RowIngester } from "../../lib/ingest/row-ingester.js";
import { assertInteractions, type Interactions } from "../../lib/schema/interactions.js";
import { ALL_ITEMS, DescriptorError, type Descriptor } from "../descriptor/descriptor.js";
import { loadDescriptor } from "../descriptor/load-descriptor.js";
import { delimiterHint, mappedColumns, resolveColumns } from "./column-map.js";
import { IngestError } from "./ingest-error.js";
import { summarizeData, type IngestReport } from "./ingest-report.js";
import { delimitedRecords, jsonRecords, whitespaceRecords, type ByteTap, type SourceRecord } from "./source-records.js";

/** Options of {@link readDataset}. */
export interface ReadDatasetOptions {
  /** How many rejected rows to keep for the reject report (all are counted). Default 10,000. */
  readonly maxRejectExamples?: number;
  /** Called with the fraction of the file's bytes read, in [0, 1]. Default: none. */
  readonly onProgress?: (fraction: number) => void;
}

/** What {@link readDataset} returns. */
export interface ReadDatasetResult {
  readonly data: Interactions;
  readonly report: IngestReport;
  readonly descriptor: Descriptor;
  /** Stored rejected rows (at most maxRejectExamples), for {@link writeRejectReport}. */
  readonly rejects: readonly RejectExample[];
}

/**
 * Reads the dataset a descriptor describes.
 * @param descriptorPath path of the YAML descriptor
 * @throws DescriptorError when the descriptor is invalid or does not match the file (missing column,
 *   wrong delimiter); IngestError when the file is empty, has no data rows or is malformed
 */
export async function readDataset(descriptorPath: string, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  const descriptor = await loadDescriptor(descriptorPath);
  return readWithDescriptor(descriptor, options);
}

/**
 * Reads the file of an already validated descriptor (see {@link readDataset}).
 * @throws as readDataset
 */
export async function readWithDescriptor(descriptor: Descriptor, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  const file = descriptor.sourcePath;
  const shown = relative(process.cwd(), file) || file;
  const { size } = await stat(file);
  if (size === 0) throw new IngestError(shown, "the file is empty (expected a header and data rows)");
  const hash = createHash("sha256");
  let bytesRead = 0;
  let lastReported = -1;
  const tap: ByteTap = (chunk) => {
    hash.update(chunk);
    bytesRead += chunk.length;
    const f = Math.floor((bytesRead / size) * 100);
    if (options.onProgress && f !== lastReported) {
      lastReported = f;
      options.onProgress(bytesRead / size);
    }
  };
  const records = openRecords(descriptor, file, tap);
  const slots = mappedColumns(descriptor);
  const rejects = new RejectLog(options.maxRejectExamples ?? 10_000);
  const ingester = new RowIngester(
    {
      outcomeSpec: descriptor.outcome,
      columns: [slots[0]!.column!, slots[1]!.column, slots[2]!.column!, slots[3]!.column, slots[4]!.column, slots[5]!.column],
      timestampFormat: descriptor.timestamp?.format ?? null,
      defaultItem: ALL_ITEMS,
      contexts: Object.entries(descriptor.context).map(([name, column]) => ({ name, column })),
      missing: descriptor.missing,
      duplicates: descriptor.duplicates,
    },
    rejects,
  );
  const fields: (string | null)[] = new Array(slots.length).fill(null);
  let columnNames: readonly string[] | null = descriptor.names;
  let index: Int32Array | null = null;
  let dataRow = 0;
  let sawHeader = false;
  for await (const record of records) {
    if (index === null) {
      // The first record fixes the columns: a header, the descriptor's names, or the first JSON object's keys.
      if (record.object) columnNames = Object.keys(record.object);
      else if (descriptor.header && record.fields) {
        columnNames = record.fields;
        sawHeader = true;
      } else if (record.fields && columnNames && record.fields.length !== columnNames.length) {
        throw new DescriptorError(descriptor.path, `names lists ${columnNames.length} columns (${columnNames.join(", ")}) but line ${record.line} of ${shown} has ${record.fields.length} field(s)${delimiterHint(descriptor.format, record.fields)}`);
      }
      if (columnNames === null) throw new IngestError(shown, `line ${record.line}: ${record.error ?? "the first record is not a JSON object"}`);
      const where = record.object ? `the first record of ${shown} (line ${record.line})` : sawHeader ? `the header of ${shown}` : `the names of ${descriptor.path}`;
      index = resolveColumns(descriptor, columnNames, where);
      if (sawHeader) continue;
    }
    dataRow++;
    ingestRecord(record, dataRow, columnNames!, index, fields, ingester);
  }
  if (index === null) throw new IngestError(shown, "the file is empty (no header and no data rows)");
  if (dataRow === 0) throw new IngestError(shown, "no data rows (the file has only a header)");

  const data = ingester.builder.build();
  assertInteractions(data);
  const rowsAccepted = data.size;
  const rowsRejected = rejects.total;
  if (ingester.rowsRead !== dataRow || dataRow !== rowsAccepted + rowsRejected) {
    throw new Error(`ingest invariant broken for ${shown}: rowsRead ${dataRow} (ingester ${ingester.rowsRead}) != accepted ${rowsAccepted} + rejected ${rowsRejected}`);
  }
  const report: IngestReport = {
    name: descriptor.name,
    descriptor: descriptor.path,
    source: shown,
    format: descriptor.format,
    sourceHash: hash.digest("hex"),
    bytes: size,
    rowsRead: dataRow,
    rowsAccepted,
    rowsRejected,
    rejectedByReason: rejects.byReason(),
    duplicateRows: ingester.duplicateRows,
    duplicatesPolicy: descriptor.duplicates,
    customers: data.customerIds.length,
    items: data.itemIds.length,
    ...summarizeData(data),
    rejectExamplesStored: rejects.examples().length,
    rejectReportPath: null,
    citation: descriptor.citation,
  };
  return { data, report, descriptor, rejects: rejects.examples() };
}

function openRecords(d: Descriptor, file: string, tap: ByteTap): AsyncGenerator<SourceRecord> {
  switch (d.format) {
    case "csv":
    case "tsv":
      return delimitedRecords(file, d.delimiter, tap);
    case "whitespace":
      return whitespaceRecords(file, tap);
    case "json":
      return jsonRecords(file, tap);
  }
}

/** Fills `fields` in SLOT order from one record and hands it to the ingester (or rejects it whole). */
function ingestRecord(record: SourceRecord, dataRow: number, names: readonly string[], index: Int32Array, fields: (string | null)[], ingester: RowIngester): void {
  const { line } = record;
  if (record.error !== null) return ingester.rejectRow(dataRow, line, "invalid record", "", record.error);
  if (record.fields) {
    const f = record.fields;
    if (f.length !== names.length) {
      return ingester.rejectRow(dataRow, line, "ragged row", `${f.length} field(s)`, `${names.length} fields like the header`);
    }
    for (let s = 0; s < index.length; s++) fields[s] = index[s]! >= 0 ? f[index[s]!]! : null;
  } else {
    const obj = record.object!;
    for (let s = 0; s < index.length; s++) {
      if (index[s]! < 0) {
        fields[s] = null;
        continue;
      }
      const v = obj[names[index[s]!]!];
      if (v !== null && typeof v === "object") {
        return ingester.rejectRow(dataRow, line, "invalid record", JSON.stringify(v).slice(0, 80), `a string, number or boolean in "${names[index[s]!]}"`);
      }
      fields[s] = v === null || v === undefined ? null : String(v);
    }
  }
  ingester.ingest(fields, dataRow, line);
}


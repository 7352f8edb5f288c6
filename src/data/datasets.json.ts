/**
 * Data loader for data/datasets.json: the data explorer's aggregates of every dataset the project
 * can read — each committed descriptor data/datasets/*.yaml whose source file exists, plus the
 * default synthetic population (data/experiments/default.yaml) — with ingest reports (rows read,
 * accepted, rejected by reason). Small cells (< $IRMLAB_MIN_CELL customers, default 10) suppressed.
 * Descriptor folder: $IRMLAB_DESCRIPTORS or data/datasets.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { parseExperimentConfig } from "../lib/config/experiment-config.js";
import { profileDataset } from "../lib/report/dataset-profile.js";
import { loadExperimentData } from "../node/experiment/load-data.js";
import { readDataset } from "../node/ingest/read-dataset.js";

const log = (text: string): boolean => process.stderr.write(`datasets.json: ${text}\n`);

try {
  const folder = process.env.IRMLAB_DESCRIPTORS ?? "data/datasets";
  const k = Number(process.env.IRMLAB_MIN_CELL ?? 10);
  const out: unknown[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const defaultConfig = "data/experiments/default.yaml";
  const config = parseExperimentConfig(parse(readFileSync(defaultConfig, "utf8")), defaultConfig);
  const synthetic = await loadExperimentData(config.dataset, defaultConfig);
  out.push({
    name: "synthetic (default)",
    description: "The embedded synthetic population of the default experiment: seeded, with known ground truth.",
    citation: null,
    synthetic: true,
    ingest: null,
    ...profileDataset(synthetic.data, k),
  });
  for (const file of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const path = join(folder, file);
    const raw = parse(readFileSync(path, "utf8")) as { name?: string; source?: string; description?: string };
    const source = raw.source ? resolve(dirname(path), raw.source) : null;
    if (!source || !existsSync(source)) {
      skipped.push({ name: raw.name ?? file, reason: "source file not present on this machine" });
      continue;
    }
    const { data, report } = await readDataset(path);
    log(`${report.name}: ${report.rowsAccepted} of ${report.rowsRead} rows accepted`);
    out.push({
      name: report.name,
      description: raw.description ?? "",
      citation: report.citation,
      synthetic: false,
      ingest: {
        rowsRead: report.rowsRead,
        rowsAccepted: report.rowsAccepted,
        rowsRejected: report.rowsRejected,
        rejectedByReason: report.rejectedByReason,
        duplicateRows: report.duplicateRows,
        format: report.format,
        timeRange: report.timeRange,
      },
      ...profileDataset(data, k),
    });
  }
  process.stdout.write(JSON.stringify({ schemaVersion: 1, minCellCustomers: k, datasets: out, skipped }));
} catch (error) {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}

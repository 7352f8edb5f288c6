import type { Command } from "commander";

/** `irmlab ingest <descriptor.yaml>`: validate and read a dataset, print its ingest report, write its reject report. */
export function register(program: Command): void {
  program
    .command("ingest")
    .description("read a dataset through its YAML descriptor: validate it, count and report rejected rows, print the ingest summary")
    .argument("<descriptor>", "dataset descriptor (YAML), e.g. data/datasets/tripadvisor.yaml")
    .option("--report <path>", "where to write the reject report CSV (data_row,line,column,value,reason,detail); default data/reports/<name>-rejects.csv")
    .option("--json", "JSON only: no readable summary on stderr")
    .option("--quiet", "no progress bar and no readable summary on stderr")
    .addHelpText(
      "after",
      `
Prints the ingest report as JSON on stdout and a readable summary on stderr.
Every data row is either accepted or rejected with a reason: rowsRead = rowsAccepted + rowsRejected.
Rows are numbered two ways: data_row counts data rows from 1 (header excluded); line is the physical
line of the file where the row starts (they differ after the header, blank lines and quoted line breaks).
Exit status 1, with one message naming file, line, column and value, when the descriptor is invalid or
the file cannot be read at all (empty, header only, wrong delimiter, missing column).

Example:
  irmlab ingest data/datasets/tripadvisor.yaml > tripadvisor-ingest.json`,
    )
    .action(async (descriptorPath: string, opts: { report?: string; json?: boolean; quiet?: boolean }) => {
      const { readDataset } = await import("../../src/node/ingest/read-dataset.js");
      const { writeRejectReport } = await import("../../src/node/ingest/write-reject-report.js");
      const { formatIngestSummary } = await import("../../src/node/ingest/format-ingest-summary.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const progress = startProgress(`ingest ${descriptorPath}`, { quiet: Boolean(opts.quiet) });
      const result = await readDataset(descriptorPath, { onProgress: (f) => progress.update(f) });
      progress.done();
      const path = opts.report ?? `data/reports/${result.descriptor.name}-rejects.csv`;
      const report = await writeRejectReport(result.report, result.rejects, path);
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (!opts.json && !opts.quiet) process.stderr.write(formatIngestSummary(report));
      if (report.rowsRead > 0 && report.rowsAccepted === 0) {
        throw new Error(`${report.source}: all ${report.rowsRead} data rows were rejected; see ${path}`);
      }
    });
}

import type { Command } from "commander";

/** `irmlab ingest <descriptor.yaml>`: validate and read a dataset, print its ingest report, write its reject report. */
export function register(program: Command): void {
  program
    .command("ingest")
    .description("read a dataset through its YAML descriptor: validate it, count and report rejected rows, print the ingest summary")
    .argument("<descriptor>", "dataset descriptor (YAML), e.g. data/datasets/tripadvisor.yaml")
    .option("--report <path>", "where to write the reject report CSV (data_row,line,column,value,reason,detail); default data/reports/<name>-rejects.csv")
    .option("--engine <engine>", "auto: csv, tsv and parquet through DuckDB (the streaming reader names malformed text); stream: the streaming reader for every format but parquet", "auto")
    .option("--json", "JSON only: no readable summary on stderr")
    .option("--quiet", "no progress bar and no readable summary on stderr")
    .addHelpText(
      "after",
      `
Prints the ingest report as JSON on stdout and a readable summary on stderr.
Every data row is either accepted or rejected with a reason: rowsRead = rowsAccepted + rowsRejected.
Rows are numbered from 1, two ways: data_row counts data rows from 1 (header excluded, across all files
of a glob); line is the physical line of the file where the row starts (they differ after the header,
blank lines and quoted line breaks); for xlsx, line is the worksheet row; for parquet and arrow, which
have no lines, line is the row's position in the file order (= data_row).
Formats: csv, tsv, json/ndjson, whitespace (each may be .gz or .zst), parquet, arrow, xlsx; a source may
be a glob of partition files (see the README, "Data in").
Exit status 1, with one message naming file, line, column and value, when the descriptor is invalid or
the file cannot be read at all (empty, header only, wrong delimiter, missing column).

Example:
  irmlab ingest data/datasets/tripadvisor.yaml > tripadvisor-ingest.json`,
    )
    .action(async (descriptorPath: string, opts: { report?: string; engine: string; json?: boolean; quiet?: boolean }) => {
      if (opts.engine !== "auto" && opts.engine !== "stream") throw new Error(`--engine must be auto or stream; got "${opts.engine}"`);
      const { readDataset } = await import("../../src/node/ingest/read-dataset.js");
      const { writeRejectReport } = await import("../../src/node/ingest/write-reject-report.js");
      const { formatIngestSummary } = await import("../../src/node/ingest/format-ingest-summary.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const progress = startProgress(`ingest ${descriptorPath}`, { quiet: Boolean(opts.quiet) });
      const result = await readDataset(descriptorPath, { onProgress: (f) => progress.update(f), engine: opts.engine });
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

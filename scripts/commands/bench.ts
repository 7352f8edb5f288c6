import type { Command } from "commander";
import { InvalidArgumentError } from "commander";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return n;
}

/** `irmlab bench`: training throughput of the learned models vs a typed-array reference FM. */
export function register(program: Command): void {
  program
    .command("bench")
    .description("train each learned model one epoch on a deterministic benchmark set; report rows/s, peak memory and the typed-array ceiling")
    .option("--rows <n>", "interactions", positiveInt, 2_000_000)
    .option("--customers <n>", "customers", positiveInt, 100_000)
    .option("--items <n>", "items", positiveInt, 2_000)
    .option("--context-dims <n>", "context dimensions", positiveInt, 2)
    .option("--levels <n>", "levels per context dimension", positiveInt, 8)
    .option("--dim <n>", "embedding dimension", positiveInt, 32)
    .option("--batch-size <n>", "rows per batch", positiveInt, 1024)
    .option("--models <names>", "comma-separated models", "mf,fm,camf,multi-persona")
    .option("--stock-batches <n>", "batches of stock TensorFlow.js training to time per model (0: skip)", nonNegativeInt, 1)
    .option("--stock-batch-size <n>", "rows per stock TensorFlow.js batch", positiveInt, 16)
    .option("--seed <n>", "data seed", positiveInt, 1)
    .option("--threads <n>", "threads of the multi-threaded fit of each model (1: single-threaded only; default: every core)", positiveInt)
    .option("--no-sklearn", "skip the scikit-learn SGDClassifier figure (Debian's python3-sklearn) on the same shape")
    .option("--json", "print one JSON document (the report) and nothing else on stdout")
    .option("--quiet", "no progress lines on stderr")
    .option("--pipeline", "benchmark the profile-model pipeline instead (generate → split → fit → predict → evaluate); --customers defaults to 1,000,000")
    .option("--weeks <n>", "--pipeline: observation weeks of the synthetic generator (default 78: about 34 rows per customer)", positiveInt)
    .option("--resamples <n>", "--pipeline: bootstrap resamples", positiveInt, 200)
    .option("--from-parquet", "--pipeline: generate the population once to Parquet (data/generated/bench-parquet-*), then time ingest → split → fit (profile models, mf, fm) → evaluate → value")
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const log = (line: string): void => {
        if (!o.quiet) process.stderr.write(`bench: ${line}\n`);
      };
      const { formatCount, formatDuration, formatNumber, formatRate, textTable } = await import("../../src/lib/format/index.js");
      const loadLine = (l: { readonly start: readonly number[]; readonly end: readonly number[] }): string => {
        const f = (xs: readonly number[]): string => xs.map((x) => formatNumber(x, { digits: 2 })).join(" ");
        return `load average ${f(l.start)} at start, ${f(l.end)} at end`;
      };
      const mib = (mb: number | undefined): string => (mb === undefined ? "—" : `${formatCount(mb)} MiB`);
      if (o.pipeline) {
        const { runPipelineBench } = await import("../../src/node/bench/pipeline-bench.js");
        const customers = cmd.getOptionValueSource("customers") === "default" ? 1_000_000 : (o.customers as number);
        const report = await runPipelineBench({
          customers,
          resamples: o.resamples as number,
          seed: o.seed as number,
          ...(o.weeks === undefined ? {} : { weeks: o.weeks as number }),
          fromParquet: o.fromParquet === true,
          log,
        });
        if (o.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${formatCount(report.rows)} rows, ${formatCount(report.customers)} customers (train ${formatCount(report.trainRows)}, test ${formatCount(report.testRows)}), ${formatCount(report.resamples)} resamples, from ${report.source}, ${report.threads} training threads\n`);
        process.stdout.write(
          textTable(
            [{ header: "stage" }, { header: "time", align: "right" }, { header: "CPU", align: "right" }, { header: "throughput", align: "right" }, { header: "peak RSS", align: "right" }, { header: "stage's own peak", align: "right" }],
            report.stages.map((s) => [s.stage, formatDuration(s.seconds), formatDuration(s.cpuSeconds), s.rowsPerSecond === null || s.rowsPerSecond === undefined ? "—" : formatRate(s.rowsPerSecond, "rows"), mib(s.peakRssMb), mib(s.stagePeakRssMb)]),
          ),
        );
        process.stdout.write(`total ${formatDuration(report.totalSeconds)} (${formatDuration(report.totalCpuSeconds)} CPU${report.source === "memory" ? "" : ", the one-time generation excluded"}), peak RSS ${formatCount(report.peakRssMb)} MiB; ${loadLine(report.loadAverage)}\n`);
        return;
      }
      const { loadTf } = await import("../../src/node/tf-backend.js");
      await loadTf();
      const { runBench } = await import("../../src/node/bench/run-bench.js");
      const report = await runBench({
        rows: o.rows as number,
        customers: o.customers as number,
        items: o.items as number,
        contextDims: o.contextDims as number,
        levels: o.levels as number,
        seed: o.seed as number,
        dim: o.dim as number,
        batchSize: o.batchSize as number,
        models: String(o.models).split(",").map((s) => s.trim()).filter(Boolean),
        stockBatches: o.stockBatches as number,
        stockBatchSize: o.stockBatchSize as number,
        ...(o.threads === undefined ? {} : { threads: o.threads as number }),
        sklearn: o.sklearn !== false,
        log,
      });
      if (o.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatCount(report.data.rows)} rows, dim ${report.dim}; ${report.threads} threads on ${report.cores} cores; ${loadLine(report.loadAverage)} (a busy machine lowers every figure)\n`);
      process.stdout.write(`reference FM (typed arrays, 1 thread): ${formatRate(report.reference.rowsPerSecond, "rows")}\n`);
      const sk = report.sklearn;
      if (sk) process.stdout.write(`scikit-learn SGDClassifier (one-hot, 1 epoch): ${"skipped" in sk ? `skipped: ${sk.skipped}` : `${formatRate(sk.rowsPerSecond, "rows")} (sklearn ${sk.version})`}\n`);
      const rate = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : formatRate(x, "rows"));
      process.stdout.write(
        textTable(
          ["model", "1 thread", "of reference", "threads", "parallel", "stock tfjs", "predict", "predict (tf graph)", "peak RSS"].map((header, i) => ({ header, align: i === 0 ? ("left" as const) : ("right" as const) })),
          report.models.map((m) => [
            m.model,
            rate(m.rowsPerSecond),
            formatNumber(m.rowsPerSecond / report.reference.rowsPerSecond, { digits: 2 }),
            m.parallelRowsPerSecond === null ? "—" : String(m.threads),
            rate(m.parallelRowsPerSecond),
            rate(m.stockRowsPerSecond),
            rate(m.predictRowsPerSecond),
            rate(m.graphPredictRowsPerSecond),
            `${formatCount(m.peakRssMb)} MiB`,
          ]),
        ),
      );
    });
}

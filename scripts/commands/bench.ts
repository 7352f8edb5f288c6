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

function loadLine(l: { readonly start: readonly number[]; readonly end: readonly number[] }): string {
  const f = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(" ");
  return `load average ${f(l.start)} at start, ${f(l.end)} at end`;
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
    .option("--json", "print the report as JSON on stdout")
    .option("--pipeline", "benchmark the profile-model pipeline instead (generate → split → fit → predict → evaluate); --customers defaults to 1,000,000")
    .option("--weeks <n>", "--pipeline: observation weeks of the synthetic generator (default 78: about 34 rows per customer)", positiveInt)
    .option("--resamples <n>", "--pipeline: bootstrap resamples", positiveInt, 200)
    .option("--from-parquet", "--pipeline: generate the population once to Parquet (data/generated/bench-parquet-*), then time ingest → split → fit (profile models, mf, fm) → evaluate → value")
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      if (o.pipeline) {
        const { runPipelineBench } = await import("../../src/node/bench/pipeline-bench.js");
        const customers = cmd.getOptionValueSource("customers") === "default" ? 1_000_000 : (o.customers as number);
        const report = await runPipelineBench({
          customers,
          resamples: o.resamples as number,
          seed: o.seed as number,
          ...(o.weeks === undefined ? {} : { weeks: o.weeks as number }),
          fromParquet: o.fromParquet === true,
          log: (line) => process.stderr.write(`bench: ${line}\n`),
        });
        if (o.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${report.rows} rows, ${report.customers} customers (train ${report.trainRows}, test ${report.testRows}), ${report.resamples} resamples, from ${report.source}, ${report.threads} training threads\n`);
        for (const s of report.stages) {
          process.stdout.write(`${s.stage.padEnd(26)} ${s.seconds.toFixed(2).padStart(9)} s  ${String(s.rowsPerSecond ?? "-").padStart(11)} rows/s\n`);
        }
        process.stdout.write(`total ${report.totalSeconds.toFixed(2)} s, peak RSS ${report.peakRssMb} MB; ${loadLine(report.loadAverage)}\n`);
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
        log: (line) => process.stderr.write(`bench: ${line}\n`),
      });
      if (o.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${report.data.rows} rows, dim ${report.dim}; ${report.threads} threads on ${report.cores} cores; ${loadLine(report.loadAverage)} (a busy machine lowers every figure)\n`);
      process.stdout.write(`reference FM (typed arrays, 1 thread): ${report.reference.rowsPerSecond} rows/s\n`);
      const sk = report.sklearn;
      if (sk) process.stdout.write(`scikit-learn SGDClassifier (one-hot, 1 epoch): ${"skipped" in sk ? `skipped: ${sk.skipped}` : `${sk.rowsPerSecond} rows/s (sklearn ${sk.version})`}\n`);
      for (const m of report.models) {
        const ratio = (m.rowsPerSecond / report.reference.rowsPerSecond).toFixed(2);
        const parallel = m.parallelRowsPerSecond === null ? "" : `  ${m.threads} threads ${m.parallelRowsPerSecond} rows/s`;
        process.stdout.write(`${m.model.padEnd(14)} 1 thread ${String(m.rowsPerSecond).padStart(9)} rows/s (${ratio} of reference)${parallel}  stock tfjs ${m.stockRowsPerSecond ?? "-"} rows/s  predict ${m.predictRowsPerSecond} rows/s (tf graph ${m.graphPredictRowsPerSecond})  peak RSS ${m.peakRssMb} MB\n`);
      }
    });
}

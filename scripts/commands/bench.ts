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
    .option("--json", "print the report as JSON on stdout")
    .action(async (o: Record<string, unknown>) => {
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
        log: (line) => process.stderr.write(`bench: ${line}\n`),
      });
      if (o.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      process.stdout.write(`reference FM (typed arrays): ${report.reference.rowsPerSecond} rows/s\n`);
      for (const m of report.models) {
        process.stdout.write(`${m.model.padEnd(14)} ${String(m.rowsPerSecond).padStart(9)} rows/s  stock tfjs ${m.stockRowsPerSecond ?? "-"} rows/s  predict ${m.predictRowsPerSecond} rows/s (tf graph ${m.graphPredictRowsPerSecond})  peak RSS ${m.peakRssMb} MB\n`);
      }
    });
}

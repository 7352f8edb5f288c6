import { InvalidArgumentError, type Command } from "commander";

const integer = (flag: string, min: number) => (raw: string): number => {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got "${raw}"`);
  return v;
};

interface ClvFlags {
  calibrationEnd?: string;
  holdoutEnd?: string;
  synthetic?: boolean;
  customers: number;
  contextStrength?: string;
  seed: number;
  resamples: number;
  months: number;
  json?: boolean;
  out?: string;
  quiet?: boolean;
}

/** `irmlab clv`: CRM lifetime-value models (BG/NBD, Pareto/NBD, Gamma-Gamma) fitted and checked on a holdout. */
export function register(program: Command): void {
  program
    .command("clv")
    .description("fit BG/NBD, Pareto/NBD and Gamma-Gamma on the calibration period and check them on the holdout (bootstrap CIs, tracking, diagnostic plot data)")
    .argument("[descriptor]", "dataset descriptor (YAML) with customer + timestamp (+ value) columns")
    .option("--calibration-end <date>", "end of the calibration period, e.g. 1997-09-30 (UTC); synthetic default: the generator's")
    .option("--holdout-end <date>", "end of the holdout period (default: the last timestamp)")
    .option("--synthetic", "use the embedded synthetic population instead of a descriptor")
    .option("--customers <n>", "synthetic: number of customers", integer("--customers", 1), 2000)
    .option("--context-strength <x>", "synthetic: how much context matters")
    .option("--seed <n>", "seed of the bootstrap (and of the synthetic population)", integer("--seed", 0), 1)
    .option("--resamples <n>", "bootstrap resamples (customers)", integer("--resamples", 1), 1000)
    .option("--months <n>", "CLV horizon in months", integer("--months", 0), 12)
    .option("--json", "print the report as JSON (plot data only in --out)")
    .option("--out <file>", "write the full JSON report (with plot data) to this file")
    .option("--quiet", "no progress output")
    .action(async (descriptor: string | undefined, flags: ClvFlags) => {
      const { runClv } = await import("../../src/node/value/run-clv.js");
      const { compactClv, formatClv } = await import("../../src/node/value/format-clv.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const { writeFileAtomic } = await import("../../src/node/runs/run-store.js");
      const source = sourceOf(descriptor, flags);
      const progress = startProgress("load data", { quiet: Boolean(flags.quiet) });
      const report = await runClv(source, {
        ...(flags.calibrationEnd === undefined ? {} : { calibrationEnd: flags.calibrationEnd }),
        ...(flags.holdoutEnd === undefined ? {} : { holdoutEnd: flags.holdoutEnd }),
        seed: flags.seed, resamples: flags.resamples, months: flags.months,
        onProgress: (f) => progress.update(f),
      });
      progress.done();
      if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(report, null, 2)}\n`);
      if (flags.json) process.stdout.write(`${JSON.stringify(compactClv(report), null, 2)}\n`);
      else process.stdout.write(formatClv(report));
    });
}

function sourceOf(descriptor: string | undefined, flags: ClvFlags): { descriptor: string } | { synthetic: Record<string, number> } {
  if (descriptor && flags.synthetic) throw new Error("give a descriptor or --synthetic, not both");
  if (descriptor) return { descriptor };
  if (!flags.synthetic) throw new Error("give a dataset descriptor (e.g. data/datasets/cdnow-sample.yaml) or --synthetic");
  const strength = flags.contextStrength === undefined ? undefined : Number(flags.contextStrength);
  if (strength !== undefined && !Number.isFinite(strength)) throw new Error(`--context-strength must be a number, got "${flags.contextStrength}"`);
  return { synthetic: { seed: flags.seed, customers: flags.customers, ...(strength === undefined ? {} : { contextStrength: strength }) } };
}

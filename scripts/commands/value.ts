import { InvalidArgumentError, type Command } from "commander";

const integer = (flag: string, min: number) => (raw: string): number => {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got "${raw}"`);
  return v;
};
const fraction = (flag: string) => (raw: string): number => {
  const v = Number(raw);
  if (!(v > 0 && v < 1)) throw new InvalidArgumentError(`${flag} must be a number in (0, 1), got "${raw}"`);
  return v;
};

interface ValueFlags {
  calibrationEnd?: string;
  holdoutEnd?: string;
  synthetic?: boolean;
  customers: number;
  contextStrength?: string;
  seed: number;
  resamples: number;
  firePercentile: number;
  lapseMonths: number;
  targetShare: number;
  contacts: number;
  json?: boolean;
  out?: string;
  quiet?: boolean;
}

/** `irmlab value`: the IRM value measures (value by context, breadth, types, fire list, journeys, targeting). */
export function register(program: Command): void {
  program
    .command("value")
    .description("IRM value measures at a calibration date: value by context, breadth, relationship types, the CLV fire list, journeys vs the funnel, and a targeting simulation of the profile models")
    .argument("[descriptor]", "dataset descriptor (YAML) with customer + timestamp (+ value, contexts)")
    .option("--calibration-end <date>", "decision date, e.g. 1997-09-30 (UTC); synthetic default: the generator's")
    .option("--holdout-end <date>", "end of the holdout period (default: the last timestamp)")
    .option("--synthetic", "use the embedded synthetic population (ground truth known)")
    .option("--customers <n>", "synthetic: number of customers", integer("--customers", 1), 2000)
    .option("--context-strength <x>", "synthetic: how much context matters")
    .option("--seed <n>", "seed of fits, bootstrap and the synthetic population", integer("--seed", 0), 1)
    .option("--resamples <n>", "bootstrap resamples (customers)", integer("--resamples", 1), 1000)
    .option("--fire-percentile <p>", "share of customers a CLV cut-off fires (lowest CLV)", fraction("--fire-percentile"), 0.2)
    .option("--lapse-months <n>", "months without purchase after which a buyer is lapsed", integer("--lapse-months", 1), 3)
    .option("--target-share <p>", "share of customers the campaign contacts", fraction("--target-share"), 0.5)
    .option("--contacts <n>", "contacts per targeted customer in the campaign month", integer("--contacts", 1), 4)
    .option("--json", "print the value record as JSON")
    .option("--out <file>", "write the value record (value.json) to this file")
    .option("--quiet", "no progress output")
    .action(async (descriptor: string | undefined, flags: ValueFlags) => {
      const { runValue } = await import("../../src/node/value/run-value.js");
      const { formatValue } = await import("../../src/node/value/format-value.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const { writeFileAtomic } = await import("../../src/node/runs/run-store.js");
      if (descriptor && flags.synthetic) throw new Error("give a descriptor or --synthetic, not both");
      if (!descriptor && !flags.synthetic) throw new Error("give a dataset descriptor (e.g. data/datasets/cdnow-sample.yaml) or --synthetic");
      const strength = flags.contextStrength === undefined ? undefined : Number(flags.contextStrength);
      if (strength !== undefined && !Number.isFinite(strength)) throw new Error(`--context-strength must be a number, got "${flags.contextStrength}"`);
      const source = descriptor
        ? { descriptor }
        : { synthetic: { seed: flags.seed, customers: flags.customers, ...(strength === undefined ? {} : { contextStrength: strength }) } };
      const progress = startProgress("load data", { quiet: Boolean(flags.quiet) });
      const run = await runValue(source, {
        ...(flags.calibrationEnd === undefined ? {} : { calibrationEnd: flags.calibrationEnd }),
        ...(flags.holdoutEnd === undefined ? {} : { holdoutEnd: flags.holdoutEnd }),
        seed: flags.seed, resamples: flags.resamples, firePercentile: flags.firePercentile, lapseMonths: flags.lapseMonths,
        targetShare: flags.targetShare, contactsPerMonth: flags.contacts,
        onProgress: (f) => progress.update(f),
      });
      progress.done();
      if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(run, null, 2)}\n`);
      process.stdout.write(flags.json ? `${JSON.stringify(run, null, 2)}\n` : formatValue(run));
    });
}

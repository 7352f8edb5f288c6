import type { Command } from "commander";
import { addSourceOptions, fractionOption, integerOption, sourceOf, windowFlags, type SourceFlags } from "../../src/node/value/value-command-options.js";

interface ValueFlags extends SourceFlags {
  firePercentile: number;
  lapseMonths: number;
  targetShare: number;
  contacts: number;
}

/** `irmlab value`: the IRM value measures (value by context, breadth, types, fire policy, journeys, targeting). */
export function register(program: Command): void {
  const command = program
    .command("value")
    .description("IRM value measures at a calibration date: value by context, breadth, relationship types, the fire policy (lowest CLV vs an IRM-aware score), journeys vs the funnel, and a targeting simulation of the profile models");
  addSourceOptions(command, {
    calibration: "decision date",
    seed: "seed of fits, bootstrap and the synthetic population",
    out: "write the value record (value.json) to this file",
  })
    .option("--fire-percentile <p>", "share of customers a CLV cut-off fires (lowest CLV)", fractionOption("--fire-percentile"), 0.2)
    .option("--lapse-months <n>", "months without purchase after which a buyer is lapsed", integerOption("--lapse-months", 1), 3)
    .option("--target-share <p>", "share of customers the campaign contacts", fractionOption("--target-share"), 0.5)
    .option("--contacts <n>", "contacts per targeted customer in the campaign month", integerOption("--contacts", 1), 4)
    .action(async (descriptor: string | undefined, flags: ValueFlags) => {
      const { runValue } = await import("../../src/node/value/run-value.js");
      const { formatValue } = await import("../../src/node/value/format-value.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const { writeFileAtomic } = await import("../../src/node/write-file-atomic.js");
      const source = sourceOf(descriptor, flags);
      const progress = startProgress("load data", { quiet: Boolean(flags.quiet) });
      const run = await runValue(source, {
        ...windowFlags(flags),
        seed: flags.seed, resamples: flags.resamples, firePercentile: flags.firePercentile, lapseMonths: flags.lapseMonths,
        targetShare: flags.targetShare, contactsPerMonth: flags.contacts,
        onProgress: (f) => progress.update(f),
      });
      progress.done();
      if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(run, null, 2)}\n`);
      process.stdout.write(flags.json ? `${JSON.stringify(run, null, 2)}\n` : formatValue(run));
    });
}

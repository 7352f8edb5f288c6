import type { Command } from "commander";
import { addSourceOptions, integerOption, sourceOf, windowFlags, type SourceFlags } from "../../src/node/value/value-command-options.js";

/** `irmlab clv`: CRM lifetime-value models (BG/NBD, Pareto/NBD, Gamma-Gamma) fitted and checked on a holdout. */
export function register(program: Command): void {
  const command = program
    .command("clv")
    .description("fit BG/NBD, Pareto/NBD and Gamma-Gamma on the calibration period and check them on the holdout (bootstrap CIs, tracking, diagnostic plot data)");
  addSourceOptions(command, {
    calibration: "end of the calibration period",
    seed: "seed of the bootstrap (and of the synthetic population)",
    out: "write the full JSON report (with plot data) to this file",
  })
    .option("--months <n>", "CLV horizon in months", integerOption("--months", 0), 12)
    .addHelpText("after", "\n--json prints the report without the plot data; --out writes all of it.")
    .action(async (descriptor: string | undefined, flags: SourceFlags & { months: number }) => {
      const { runClv } = await import("../../src/node/value/run-clv.js");
      const { compactClv, formatClv } = await import("../../src/node/value/format-clv.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const { writeFileAtomic } = await import("../../src/node/write-file-atomic.js");
      const source = sourceOf(descriptor, flags);
      const progress = startProgress("load data", { quiet: Boolean(flags.quiet) });
      const report = await runClv(source, { ...windowFlags(flags), seed: flags.seed, resamples: flags.resamples, months: flags.months, onProgress: (f) => progress.update(f) });
      progress.done();
      if (flags.out) await writeFileAtomic(flags.out, `${JSON.stringify(report, null, 2)}\n`);
      if (flags.json) process.stdout.write(`${JSON.stringify(compactClv(report), null, 2)}\n`);
      else process.stdout.write(formatClv(report));
    });
}

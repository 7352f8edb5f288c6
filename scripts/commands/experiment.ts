import type { Command } from "commander";

/** `irmlab experiment <config>`: one run from a YAML config into data/runs/<run-id>/. */
export function register(program: Command): void {
  program
    .command("experiment")
    .description("run an experiment config: fit every model on the same split, score the test rows, compare IRM with CRM; prints a table of models and metrics, the paired differences with CIs, the verdict and the run folder (saved learned models are in its models/)")
    .argument("[config]", "experiment config (YAML)", "data/experiments/default.yaml")
    .option("--out <folder>", "folder that receives the run folder", "data/runs")
    .option("--seed <n>", "override the config's seed (integer)")
    .option("--quiet", "no progress output", false)
    .option("--json", "print one JSON document (run folder, models, comparisons, verdict) and nothing else on stdout", false)
    .action(async (config: string, opts: { out: string; seed?: string; quiet: boolean; json: boolean }) => {
      const { runExperiment } = await import("../../src/node/run/run-experiment.js");
      const { formatExperimentSummary, experimentSummaryJson } = await import("../../src/lib/format/experiment-summary.js");
      let seed: number | undefined;
      if (opts.seed !== undefined) {
        seed = Number(opts.seed);
        // beyond 2^53 the number read is not the number typed (99999999999999999999 becomes 1e20)
        if (!/^\d+$/.test(opts.seed) || !Number.isSafeInteger(seed)) {
          throw new Error(`--seed: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER} (larger ones cannot be stored exactly), got ${JSON.stringify(opts.seed)}`);
        }
      }
      const result = await runExperiment(config, { out: opts.out, quiet: opts.quiet || opts.json, ...(seed === undefined ? {} : { seed }) });
      if (opts.json) process.stdout.write(`${JSON.stringify(experimentSummaryJson(result.run, result.metrics, result.dir), null, 2)}\n`);
      else process.stdout.write(formatExperimentSummary(result.run, result.metrics, result.dir));
    });
}

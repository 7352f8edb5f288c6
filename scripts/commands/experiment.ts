import type { Command } from "commander";

/** `irmlab experiment <config>`: one run from a YAML config into data/runs/<run-id>/. */
export function register(program: Command): void {
  program
    .command("experiment")
    .description("run an experiment config: fit every model on the same split, score the test rows, compare IRM with CRM; prints a table of models and metrics, the paired differences with CIs, the verdict and the run folder")
    .argument("[config]", "experiment config (YAML)", "data/experiments/default.yaml")
    .option("--out <folder>", "folder that receives the run folder", "data/runs")
    .option("--models <folder>", "folder that receives the saved TensorFlow.js models as <folder>/<run-id>/<model>/", "models")
    .option("--seed <n>", "override the config's seed (integer)")
    .option("--quiet", "no progress output", false)
    .option("--json", "print one JSON document (run folder, models, comparisons, verdict) and nothing else on stdout", false)
    .action(async (config: string, opts: { out: string; models: string; seed?: string; quiet: boolean; json: boolean }) => {
      const { runExperiment } = await import("../../src/node/experiment/run-experiment.js");
      const { formatExperimentSummary, experimentSummaryJson } = await import("../../src/lib/format/experiment-summary.js");
      let seed: number | undefined;
      if (opts.seed !== undefined) {
        seed = Number(opts.seed);
        if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: expected a non-negative integer, got ${JSON.stringify(opts.seed)}`);
      }
      const result = await runExperiment(config, { out: opts.out, models: opts.models, quiet: opts.quiet || opts.json, ...(seed === undefined ? {} : { seed }) });
      if (opts.json) process.stdout.write(`${JSON.stringify(experimentSummaryJson(result.run, result.metrics, result.dir), null, 2)}\n`);
      else process.stdout.write(formatExperimentSummary(result.run, result.metrics, result.dir));
    });
}

import type { Command } from "commander";
import { modelParamsHelp } from "../../src/lib/models/model-params.js";
import { DEFAULT_CANDIDATES, DEFAULT_GRID } from "../../src/lib/selection/select-models.js";
import { DESCRIPTOR_PROTOCOL as p } from "../../src/node/run/read-experiment-config.js";

/** What a config may say about models, below the options in `--help` (README "Experiments" says more). */
function modelsHelp(): string {
  const grid = Object.entries(DEFAULT_GRID).map(([k, v]) => `${k}: [${v.join(", ")}]`).join(", ");
  return [
    "",
    "Models: a config lists them as `models: [name, { name, params: {...} }]` (global-mean is always added).",
    "Each model's params, with their defaults (an unknown param is an error):",
    ...modelParamsHelp(),
    "",
    "`models: auto` (or a `select:` block) chooses the best CRM and IRM model on the training rows only:",
    "  select: { validation: split | kfold | customer (default split), folds (default 3),",
    `            candidates (default ${DEFAULT_CANDIDATES.join(", ")}),`,
    `            grid (learned models' settings to try; keys ${Object.keys(DEFAULT_GRID).join(", ")}; default ${grid}) }`,
    `A bare dataset descriptor runs the default protocol: ${[...p.models, "global-mean"].join(", ")}`,
    `on an ${p.split.kind} ${100 - p.split.testFraction * 100}/${p.split.testFraction * 100} split, seed ${p.seed}, headline ${p.compare.irm} vs ${p.compare.crm}.`,
  ].join("\n");
}

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
    .option("--reuse", "show the complete run whose config, data and code hashes match, if there is one, instead of fitting again (as `npm run build` does); every run is recorded for that reuse", false)
    .addHelpText("after", modelsHelp)
    .action(async (config: string, opts: { out: string; seed?: string; quiet: boolean; json: boolean; reuse: boolean }) => {
      const { ensureRun } = await import("../../src/node/run/reuse-run.js");
      const { formatExperimentSummary, experimentSummaryJson } = await import("../../src/lib/format/experiment-summary.js");
      let seed: number | undefined;
      if (opts.seed !== undefined) {
        seed = Number(opts.seed);
        // beyond 2^53 the number read is not the number typed (99999999999999999999 becomes 1e20)
        if (!/^\d+$/.test(opts.seed) || !Number.isSafeInteger(seed)) {
          throw new Error(`--seed: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER} (larger ones cannot be stored exactly), got ${JSON.stringify(opts.seed)}`);
        }
      }
      // the site's loaders go through the same ensureRun: the next `npm run build` reuses this run
      const quiet = opts.quiet || opts.json;
      const log = quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
      const result = await ensureRun(config, opts.out, { reuse: opts.reuse, quiet, ...(log ? { log } : {}), ...(seed === undefined ? {} : { seed }) });
      if (opts.json) process.stdout.write(`${JSON.stringify(experimentSummaryJson(result.run, result.metrics, result.dir), null, 2)}\n`);
      else process.stdout.write(formatExperimentSummary(result.run, result.metrics, result.dir));
    });
}

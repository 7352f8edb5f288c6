import type { Command } from "commander";

/** `irmlab compare <runA> <runB>`: paired comparison of two runs on the same split. */
export function register(program: Command): void {
  program
    .command("compare")
    .description("paired comparison of a model of run A with a model of run B on the same test rows (refuses runs on different splits)")
    .argument("<runA>", "run folder (data/runs/<run-id>) or run id under --runs")
    .argument("<runB>", "run folder or run id")
    .option("--runs <folder>", "folder that holds run ids", "data/runs")
    .option("--model-a <name>", "model of run A (default: its compared IRM model)")
    .option("--model-b <name>", "model of run B (default: its compared IRM model; the CRM model when B is A)")
    .option("--resamples <n>", "bootstrap resamples", "1000")
    .option("--seed <n>", "bootstrap seed (default: run A's seed)")
    .option("--json", "print one JSON document and nothing else on stdout", false)
    .option("--quiet", "no progress output (compare prints none)", false)
    .action(async (runA: string, runB: string, opts: { runs: string; modelA?: string; modelB?: string; resamples: string; seed?: string; json: boolean; quiet: boolean }) => {
      const { existsSync } = await import("node:fs");
      const { join } = await import("node:path");
      const { compareRuns } = await import("../../src/node/run/compare-runs.js");
      const { formatCount, formatEstimate, formatNumber, formatP, textTable } = await import("../../src/lib/format/index.js");
      const resolveRun = (x: string): string => (existsSync(join(x, "run.json")) ? x : join(opts.runs, x));
      const int = (name: string, v: string, min: number): number => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < min) throw new Error(`${name}: expected an integer >= ${min}, got ${JSON.stringify(v)}`);
        return n;
      };
      const result = await compareRuns(resolveRun(runA), resolveRun(runB), {
        ...(opts.modelA ? { modelA: opts.modelA } : {}),
        ...(opts.modelB ? { modelB: opts.modelB } : {}),
        resamples: int("--resamples", opts.resamples, 50),
        ...(opts.seed === undefined ? {} : { seed: int("--seed", opts.seed, 0) }),
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const rows = result.comparisons.map((c) => {
        const v = result.values.find((x) => x.metric === c.metric)!;
        const d = c.overall;
        return [c.metric, formatNumber(v.a, { digits: 4 }), formatNumber(v.b, { digits: 4 }), formatEstimate(d, { signed: true }), formatP(d.pValue), d.test ?? ""];
      });
      const lines = [
        `A = ${result.modelA} (run ${result.runA})`,
        `B = ${result.modelB} (run ${result.runB})`,
        `same split ${result.splitHash.slice(0, 12)}…: ${formatCount(result.rows)} test rows, ${formatCount(result.customers)} customers`,
        "",
        textTable(
          [{ header: "metric" }, { header: "A", align: "right" }, { header: "B", align: "right" }, { header: "A − B (CI, customer bootstrap)" }, { header: "p", align: "right" }, { header: "test" }],
          rows,
        ).trimEnd(),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}

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
    .option("--json", "print JSON", false)
    .action(async (runA: string, runB: string, opts: { runs: string; modelA?: string; modelB?: string; resamples: string; seed?: string; json: boolean }) => {
      const { existsSync } = await import("node:fs");
      const { join } = await import("node:path");
      const { compareRuns } = await import("../../src/node/experiment/compare-runs.js");
      const { fmt } = await import("../../src/lib/evaluation/verdict.js");
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
      const lines = [
        `A = ${result.modelA} (run ${result.runA})`,
        `B = ${result.modelB} (run ${result.runB})`,
        `same split ${result.splitHash.slice(0, 12)}…: ${result.rows} test rows, ${result.customers} customers`,
        "",
        ["metric", "A", "B", "A − B", "95% CI (customer bootstrap)", "p", "test"].join("\t"),
      ];
      for (const c of result.comparisons) {
        const v = result.values.find((x) => x.metric === c.metric)!;
        const d = c.overall;
        const show = (x: number | null): string => (x === null ? "—" : fmt(x));
        lines.push([c.metric, show(v.a), show(v.b), fmt(d.estimate), `${fmt(d.lower)} to ${fmt(d.upper)}`, d.pValue === undefined ? "—" : d.pValue.toExponential(2), d.test ?? ""].join("\t"));
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}

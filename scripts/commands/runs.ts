import type { Command } from "commander";

/** `irmlab runs`: the runs under data/runs with status, dataset, models and headline. */
export function register(program: Command): void {
  program
    .command("runs")
    .description("list runs (newest first) with status (complete, running, incomplete, damaged: with the file at fault), dataset, split, models and headline comparison")
    .option("--runs <folder>", "folder of runs", "data/runs")
    .option("--json", "print JSON", false)
    .action(async (opts: { runs: string; json: boolean }) => {
      const { runSummaries } = await import("../../src/node/runs/run-store.js");
      const { fmt } = await import("../../src/lib/evaluation/verdict.js");
      const runs = await runSummaries(opts.runs);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        process.stdout.write(`no runs under ${opts.runs}\n`);
        return;
      }
      const lines = [["run", "status", "dataset", "split", "models", "headline (irm − crm, CI)"].join("\t")];
      for (const r of runs) {
        const h = r.headline;
        const head = h ? `${h.metric} ${h.irm} − ${h.crm} = ${fmt(h.estimate)} [${fmt(h.lower)}, ${fmt(h.upper)}]` : (r.problem ?? "—");
        lines.push([r.runId, r.status, r.dataset ?? "—", r.split ?? "—", r.models.join(",") || "—", head].join("\t"));
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}

import type { Command } from "commander";

/** `irmlab runs`: the runs under data/runs with status, dataset, models and headline. */
export function register(program: Command): void {
  program
    .command("runs")
    .description("list runs (newest first) with status (complete, running, incomplete, damaged: with the file at fault), dataset, split, models and headline comparison")
    .option("--runs <folder>", "folder of runs", "data/runs")
    .option("--json", "print one JSON document (every run summary) and nothing else on stdout", false)
    .option("--quiet", "no progress output (runs prints none)", false)
    .action(async (opts: { runs: string; json: boolean }) => {
      const { runSummaries } = await import("../../src/node/run/run-store.js");
      const { formatEstimate, textTable } = await import("../../src/lib/format/index.js");
      const { VERDICTS } = await import("../../src/lib/evaluation/verdict.js");
      const runs = await runSummaries(opts.runs);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        return;
      }
      if (runs.length === 0) {
        process.stdout.write(`no runs under ${opts.runs}\n`);
        return;
      }
      // the CI sets the precision, so a small effect shows its digits instead of "0.000"
      const rows = runs.map((r) => {
        const h = r.headline;
        const head = h ? `${h.metric} ${h.irm} − ${h.crm} = ${formatEstimate(h, { signed: true })}` : (r.problem ?? "—");
        return [r.runId, r.status, r.dataset ?? "—", r.split ?? "—", r.models.join(",") || "—", h ? VERDICTS[h.decision] : "—", head];
      });
      process.stdout.write(textTable(["run", "status", "dataset", "split", "models", "verdict", "headline (IRM − CRM, CI)"].map((header) => ({ header })), rows));
    });
}

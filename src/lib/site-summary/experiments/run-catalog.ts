/**
 * Run records → the experiments page: one row per run (status, dataset, headline, how to rerun) and
 * one heat map per sweep (mean headline difference per pair of swept values).
 */
import { publicPath } from "../site-summary.js";
import type { RunRecord } from "../../records/run-record.js";
import type { MetricsRecord } from "../../records/metrics-record.js";
import { formatEstimate, intervalOf } from "../../format/format-interval.js";
import { metricLabel } from "../describe-verdict.js";

/** One run on the experiments page. */
export interface CatalogRun {
  readonly runId: string;
  readonly date: string;
  readonly name: string;
  readonly dataset: string;
  readonly status: string;
  readonly models: readonly string[];
  /** e.g. "log-loss IRM − CRM −0.031 (95% CI −0.034 to −0.028)"; "" without comparison. */
  readonly headline: string;
  readonly verdict: string;
  /** The exact command that reproduces the run. */
  readonly command: string;
  readonly sweepId: string | null;
}

/** One cell of a sweep heat map: the mean headline difference over the runs sharing x and y. */
export interface SweepCellSummary {
  readonly x: string;
  readonly y: string;
  readonly estimate: number;
  readonly runs: number;
  /** Runs whose CI excluded 0 in IRM's favour. */
  readonly irmWins: number;
}

/** A sweep: its axes and cells. */
export interface CatalogSweep {
  readonly sweepId: string;
  readonly xParam: string;
  readonly yParam: string | null;
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly cells: readonly SweepCellSummary[];
}

/**
 * The catalog row of a run.
 * @param run run.json
 * @param metrics metrics.json
 */
export function catalogRun(run: RunRecord, metrics: MetricsRecord): CatalogRun {
  const c = metrics.comparisons.find((x) => x.metric === metrics.headlineMetric) ?? metrics.comparisons[0];
  const name = typeof run.config.name === "string" ? run.config.name : "experiment";
  // an absolute path of this machine is never published: a config outside the project keeps its file name
  const config = run.configPath ? publicPath(run.configPath) : "<config>";
  return {
    runId: run.runId,
    date: run.startedAt.slice(0, 10),
    name,
    dataset: run.dataset.name,
    status: run.status,
    models: run.models.map((m) => m.name),
    headline: c ? `${metricLabel(c.metric)} ${c.irm} − ${c.crm} ${formatEstimate(intervalOf(c.overall.estimate, c.overall.lower, c.overall.upper, c.overall.level), { signed: true })}` : "",
    verdict: metrics.verdict,
    command: run.sweep ? `node scripts/irmlab.mjs experiment ${config}` : `node scripts/irmlab.mjs experiment ${config} --seed ${run.seed}`,
    sweepId: run.sweep?.sweepId ?? null,
  };
}

/**
 * Sweep heat maps from the runs that carry `run.sweep`: x = the first swept parameter other than
 * seed, y = the second (or seed when there is no second); each cell averages the runs sharing x and y.
 * @param runs run and metrics records (any order)
 */
export function catalogSweeps(runs: readonly { run: RunRecord; metrics: MetricsRecord }[]): CatalogSweep[] {
  const bySweep = new Map<string, { run: RunRecord; metrics: MetricsRecord }[]>();
  for (const r of runs) {
    if (!r.run.sweep) continue;
    const list = bySweep.get(r.run.sweep.sweepId) ?? [];
    list.push(r);
    bySweep.set(r.run.sweep.sweepId, list);
  }
  return [...bySweep.entries()].sort(([a], [b]) => a.localeCompare(b)).flatMap(([sweepId, list]) => {
    const keys = Object.keys(list[0]!.run.sweep!.params);
    const nonSeed = keys.filter((k) => k !== "seed");
    const xParam = nonSeed[0] ?? keys[0];
    if (xParam === undefined) return [];
    const yParam = nonSeed[1] ?? (keys.includes("seed") && xParam !== "seed" ? "seed" : null);
    const first = list[0]!.metrics;
    const metric = first.headlineMetric;
    const cells = new Map<string, { x: string; y: string; sum: number; runs: number; irmWins: number }>();
    for (const { run, metrics } of list) {
      const c = metrics.comparisons.find((x) => x.metric === metric);
      if (!c) continue;
      const x = String(JSON.stringify(run.sweep!.params[xParam]));
      const y = yParam === null ? "all" : String(JSON.stringify(run.sweep!.params[yParam]));
      const cell = cells.get(`${x}\u0000${y}`) ?? { x, y, sum: 0, runs: 0, irmWins: 0 };
      cell.sum += c.overall.estimate;
      cell.runs++;
      const irmBetter = c.higherIsBetter ? c.overall.lower > 0 : c.overall.upper < 0;
      if (irmBetter) cell.irmWins++;
      cells.set(`${x}\u0000${y}`, cell);
    }
    const higherIsBetter = first.comparisons.find((x) => x.metric === metric)?.higherIsBetter ?? false;
    return [{ sweepId, xParam, yParam, metric, higherIsBetter, cells: [...cells.values()].map(({ sum, ...c }) => ({ ...c, estimate: sum / c.runs })) }];
  });
}

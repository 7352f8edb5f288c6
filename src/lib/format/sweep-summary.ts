/**
 * What `irmlab sweep` prints at the end: how many cells completed, failed or are still pending,
 * the aggregated headline effect per condition (mean over seeds with its t-CI), the share of seeds
 * making each headline claim per condition (null calibration and power), and the model ranks.
 */
import { METRICS } from "../evaluation/metric-names.js";
import type { SweepGroup, SweepRecord } from "../records/sweep-record.js";
import { formatEstimate, formatLevel } from "./format-interval.js";
import { formatNumber, pClause } from "./format-number.js";
import { textTable } from "./text-table.js";

/** Counts of a sweep's cells by status. */
export function sweepCounts(record: SweepRecord): { cells: number; complete: number; failed: number; pending: number } {
  const count = (s: string): number => record.cells.filter((c) => c.status === s).length;
  return { cells: record.cells.length, complete: count("complete"), failed: count("failed"), pending: count("pending") };
}

/**
 * The plain-text grid summary of a sweep.
 * @param dir the sweep folder, printed last
 */
export function formatSweepSummary(record: SweepRecord, dir: string): string {
  const n = sweepCounts(record);
  const out = [`sweep ${record.sweepId} (${record.status}): ${n.cells} cells: ${n.complete} complete, ${n.failed} failed, ${n.pending} not run`];
  for (const c of record.cells.filter((x) => x.status === "failed")) out.push(`  cell ${c.index} failed: ${c.error ?? "unknown error"}`);
  const groups = record.summary?.groups ?? [];
  if (groups.length > 0) {
    const g0 = groups[0]!;
    const keys = [...new Set(groups.flatMap((g) => Object.keys(g.params)))];
    const rows = groups.map((g) => [
      ...keys.map((k) => show(g.params[k])),
      String(g.seeds),
      g.difference.lower === null || g.difference.upper === null
        ? formatNumber(g.difference.mean, { signed: true })
        : formatEstimate({ estimate: g.difference.mean, lower: g.difference.lower, upper: g.difference.upper }, { signed: true }),
      `${g.directions["irm-better"]} / ${g.directions["crm-better"]} / ${g.directions.equivalent ?? 0} / ${g.directions.inconclusive ?? 0}`,
    ]);
    const head = record.cells.find((c) => c.headline)?.headline;
    const pair = head ? `${head.irm} − ${head.crm}` : "IRM − CRM";
    out.push(
      "",
      `effect per condition: ${METRICS[g0.metric].label} ${pair}, mean over seeds (${formatLevel(g0.difference.level)} t-CI); ${METRICS[g0.metric].higherIsBetter ? "higher" : "lower"} is better`,
      textTable(
        [...keys.map((k) => ({ header: k })), { header: "seeds", align: "right" as const }, { header: "difference" }, { header: "runs IRM better / CRM better / equivalent / inconclusive" }],
        rows,
      ).trimEnd(),
    );
  }
  for (const g of groups) if (g.calibration) out.push("", ...calibrationLines(g));
  const ranks = record.summary?.ranks;
  if (ranks && "friedman" in ranks) {
    const f = ranks.friedman;
    const order = ranks.models.map((m, i) => ({ m, r: f.averageRanks[i]! })).sort((a, b) => a.r - b.r);
    out.push(
      "",
      `average rank on ${METRICS[ranks.metric].label} across ${ranks.groups} conditions (1 = best; Friedman, Iman–Davenport ${pClause(f.imanDavenportPValue)}): ${order.map((o) => `${o.m} ${formatNumber(o.r, { digits: 2 })}`).join(", ")}`,
    );
  } else if (ranks && "skipped" in ranks) {
    out.push("", `model ranks: ${ranks.skipped}`);
  }
  out.push("", `sweep folder: ${dir}`);
  return `${out.join("\n")}\n`;
}

/**
 * The claims table of one condition: share of seeds making each claim, with its Clopper–Pearson CI
 * (at context strength 0 a false-positive rate, goal ≤ 5%; where context matters, the power).
 */
export function calibrationLines(g: SweepGroup): string[] {
  const share = (x: { made: number; share: number; lower: number; upper: number }, seeds: number): string =>
    `${x.made}/${seeds} = ${pct(x.share)} [${pct(x.lower)}, ${pct(x.upper)}]`;
  const where = Object.entries(g.params).map(([k, v]) => `${k} ${show(v)}`).join(", ") || "all cells";
  const rows = g.calibration!.map((c) => [c.claim, share(c, c.seeds), c.ciExcludes0 ? share(c.ciExcludes0, c.seeds) : ""]);
  return [
    `claims made, ${where} (${g.seeds} seeds; share of seeds, Clopper–Pearson 95% CI; value measures claim when their Holm-adjusted p < 0.05):`,
    textTable([{ header: "claim" }, { header: "made" }, { header: "value: unadjusted CI of the excess excludes 0" }], rows).trimEnd(),
  ];
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** A swept value as the config wrote it (2, not "2.00"). */
function show(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

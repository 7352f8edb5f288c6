/**
 * A sweep record (data/sweeps/<id>/sweep.json) → what the experiments page draws:
 *
 *   summary.groups (cells averaged over seeds) ──► heat-map cells: x = first swept key, y = second
 *   summary.ranks  (Friedman + Nemenyi)        ──► critical-difference data, or the reason it was skipped
 *
 * Only aggregates: swept values, means over seeds, ranks. Dataset descriptors are shown by file name.
 */
import { isSeedPath, type SweepRecord } from "../../records/sweep-record.js";
import { METRICS, type MetricName } from "../../evaluation/metric-names.js";

/** One heat-map cell: the mean headline difference IRM − CRM over the seeds of one group. */
export interface SiteSweepCell {
  readonly x: string;
  readonly y: string;
  /** Mean of irm − crm over seeds (metric units). */
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Seeds (runs) in the group. */
  readonly runs: number;
  /** Runs whose CI excluded 0 in IRM's favour. */
  readonly irmWins: number;
  readonly crmWins: number;
}

/** Friedman + Nemenyi over the groups of a sweep, for a critical-difference diagram. */
export interface SiteSweepRanks {
  readonly metric: MetricName;
  readonly higherIsBetter: boolean;
  /** Groups (datasets or conditions) the ranks average over. */
  readonly groups: number;
  readonly friedmanPValue: number;
  readonly imanDavenportPValue: number;
  readonly criticalDifference: number;
  readonly alpha: number;
  /** Models by average rank (1 = best), best first. */
  readonly models: readonly { readonly name: string; readonly averageRank: number }[];
  /** Groups of models whose ranks differ by less than the critical difference (not significantly different). */
  readonly cliques: readonly { readonly models: readonly string[]; readonly lowRank: number; readonly highRank: number }[];
}

/** A sweep as the site shows it. */
export interface SiteSweep {
  readonly sweepId: string;
  /** Config name (sweep id without its hash). */
  readonly name: string;
  readonly status: SweepRecord["status"];
  readonly completeCells: number;
  readonly totalCells: number;
  readonly metric: MetricName | null;
  readonly higherIsBetter: boolean;
  readonly irm: string | null;
  readonly crm: string | null;
  /** Display names of the axes; yParam null when a single key was swept (besides seeds). */
  readonly xParam: string;
  readonly yParam: string | null;
  readonly cells: readonly SiteSweepCell[];
  /** null with `ranksSkipped` saying why, when the sweep could not rank models. */
  readonly ranks: SiteSweepRanks | null;
  readonly ranksSkipped: string | null;
}

/**
 * The site's view of one sweep record.
 * @param record a parsed sweep.json
 * @throws Error when the record lacks its grid or cells (not a sweep record)
 */
export function siteSweep(record: SweepRecord): SiteSweep {
  if (!Array.isArray(record?.grid) || !Array.isArray(record?.cells) || typeof record.sweepId !== "string") {
    throw new Error(`sweep.json: expected sweepId, grid and cells, received keys ${JSON.stringify(Object.keys(record ?? {}))}`);
  }
  const keys = record.grid.map((g) => g.path).filter((p) => !isSeedPath(p));
  const xKey = keys[0] ?? null;
  const yKey = keys[1] ?? null;
  const groups = record.summary?.groups ?? [];
  const firstHead = record.cells.find((c) => c.headline)?.headline ?? null;
  const metric: MetricName | null = groups[0]?.metric ?? firstHead?.metric ?? null;
  const cells: SiteSweepCell[] = groups.map((g) => ({
    x: xKey === null ? "all" : displayValue(g.params[xKey]),
    y: yKey === null ? "all" : displayValue(g.params[yKey]),
    estimate: g.difference.mean,
    lower: Number.isFinite(g.difference.lower) ? g.difference.lower : null,
    upper: Number.isFinite(g.difference.upper) ? g.difference.upper : null,
    runs: g.seeds,
    irmWins: g.directions["irm-better"],
    crmWins: g.directions["crm-better"],
  }));
  const r = record.summary?.ranks ?? { skipped: "the sweep has no summary yet (no completed cell)" };
  const ranks: SiteSweepRanks | null =
    "skipped" in r
      ? null
      : {
          metric: r.metric,
          higherIsBetter: METRICS[r.metric].higherIsBetter,
          groups: r.groups,
          friedmanPValue: r.friedman.chiSquarePValue,
          imanDavenportPValue: r.friedman.imanDavenportPValue,
          criticalDifference: r.criticalDifference.criticalDifference,
          alpha: r.criticalDifference.alpha,
          models: r.criticalDifference.models.map((m) => ({ name: m.name, averageRank: m.averageRank })),
          cliques: r.criticalDifference.cliques.map((c) => ({ models: [...c.models], lowRank: c.lowRank, highRank: c.highRank })),
        };
  return {
    sweepId: record.sweepId,
    name: record.sweepId.replace(/-[0-9a-f]{6,}$/, ""),
    status: record.status,
    completeCells: record.cells.filter((c) => c.status === "complete").length,
    totalCells: record.cells.length,
    metric,
    higherIsBetter: metric === null ? false : METRICS[metric].higherIsBetter,
    irm: firstHead?.irm ?? null,
    crm: firstHead?.crm ?? null,
    xParam: xKey === null ? "all cells" : paramLabel(xKey),
    yParam: yKey === null ? null : paramLabel(yKey),
    cells,
    ranks,
    ranksSkipped: "skipped" in r ? r.skipped : null,
  };
}

/** "dataset.synthetic.contextStrength" → "context strength"; "dataset.descriptor" → "dataset". */
export function paramLabel(path: string): string {
  const known: Record<string, string> = {
    "dataset.descriptor": "dataset",
    "dataset.synthetic.purchaseRateRate": "history length (purchase-rate parameter: 10 short, 0.75 long)",
  };
  if (known[path]) return known[path];
  const last = path.split(".").at(-1) ?? path;
  return last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A swept value for an axis: descriptor paths by file stem ("../datasets/tripadvisor.yaml" → "tripadvisor"). */
function displayValue(value: unknown): string {
  if (typeof value === "string") return /\.ya?ml$/.test(value) ? (value.split("/").at(-1) ?? value).replace(/\.ya?ml$/, "") : value;
  return JSON.stringify(value) ?? String(value);
}

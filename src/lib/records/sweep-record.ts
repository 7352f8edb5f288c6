import { checkRecord } from "./check-record.js";
import { overallDifference, verdictOf, type Verdict } from "../evaluation/verdict.js";
import { METRICS, type MetricName } from "../evaluation/metric-names.js";
import { criticalDifferenceDiagram, friedman, type CriticalDifferenceDiagram, type FriedmanResult } from "../stats/friedman-nemenyi.js";
import { seedAggregate, type SeedAggregate } from "../stats/seed-aggregate.js";
import { clopperPearson } from "../stats/clopper-pearson.js";
import { excludesZero } from "../value/null-estimate.js";
import type { MeasureRow } from "./value-record.js";
import type { MetricsRecord } from "./metrics-record.js";

/**
 * data/sweeps/<sweep-id>/sweep.json: the grid, one entry per cell (status, run, headline), and the
 * summary over cells.
 *
 *   cells → groups: cells equal in every swept key but the seeds ("seed", "dataset.synthetic.seed")
 *     → per group: mean, sd, t-CI over seeds of the headline difference and of each model's metric;
 *                  share of seeds making each headline claim (verdicts, value measures) with a
 *                  Clopper–Pearson CI: the null calibration when context strength is 0, power otherwise
 *     → Friedman + Nemenyi CD over groups (each group a "dataset" in Demšar's sense), when ≥ 2 groups
 */
export interface SweepRecord {
  readonly sweepId: string;
  readonly configPath: string;
  /** "running" while cells remain, "complete" when all completed, "failed" when one failed (rerun retries it). */
  readonly status: "running" | "complete" | "failed";
  readonly grid: readonly { readonly path: string; readonly values: readonly unknown[] }[];
  readonly cells: readonly SweepCellRecord[];
  readonly summary: SweepSummary | null;
}

export interface SweepCellRecord {
  readonly index: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: "pending" | "complete" | "failed";
  readonly runId: string | null;
  /** Run folder relative to the sweep folder. */
  readonly runDir: string | null;
  readonly error: string | null;
  readonly headline: CellHeadline | null;
}

/** What a cell contributes to the summary, taken from its metrics.json. */
export interface CellHeadline {
  readonly dataset: string;
  readonly metric: MetricName;
  readonly irm: string;
  readonly crm: string;
  /** irm − crm with its CI (Nadeau–Bengio for k-fold runs, else the customer bootstrap). */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** The run's four-way verdict of the headline comparison. */
  readonly direction: Verdict;
  readonly verdict: string;
  /** The headline metric of every model, overall. */
  readonly models: Readonly<Record<string, number | null>>;
  /** Every headline claim the run could make and whether it made it (absent in older sweeps). */
  readonly claims?: readonly CellClaim[];
}

/** One claim a run can make, and whether this run made it: the unit of a null calibration. */
export interface CellClaim {
  /** "IRM better", "CRM better", or "value: <measure>". */
  readonly claim: string;
  /** Made: the run's headline verdict says so; value measures: Holm-adjusted p < α (value.json `claim`). */
  readonly made: boolean;
  /** Value measures: whether the unadjusted 95% CI of the excess excludes 0. */
  readonly ciExcludes0?: boolean;
}

/**
 * Per claim, the share of a group's seeds that made it, with a Clopper–Pearson 95% CI: at context
 * strength 0 every claim about context is false, so the share is the claim's false-positive rate;
 * where the effect is real, the share of "IRM better" is the power.
 */
export interface CalibrationRow {
  readonly claim: string;
  /** Seeds that recorded the claim (runs without value.json record only the verdicts). */
  readonly seeds: number;
  readonly made: number;
  readonly share: number;
  readonly lower: number;
  readonly upper: number;
  /** Value measures: the same for "the unadjusted CI of the excess excludes 0". */
  readonly ciExcludes0?: { readonly made: number; readonly share: number; readonly lower: number; readonly upper: number };
}

export interface SweepSummary {
  readonly groups: readonly SweepGroup[];
  /** Friedman + Nemenyi across groups on the headline metric, or null with the reason. */
  readonly ranks: { readonly metric: MetricName; readonly models: readonly string[]; readonly groups: number; readonly friedman: FriedmanResult; readonly criticalDifference: CriticalDifferenceDiagram } | { readonly skipped: string };
}

export interface SweepGroup {
  /** The swept values of the group, seed keys left out. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly dataset: string;
  readonly seeds: number;
  readonly metric: MetricName;
  readonly difference: SeedAggregate;
  /** Runs per verdict (sweeps written before the four-way verdict carry "no-difference" instead of the last two). */
  readonly directions: Readonly<Record<Verdict, number>>;
  readonly models: Readonly<Record<string, SeedAggregate>>;
  /** Share of seeds making each headline claim (absent when no cell recorded claims). */
  readonly calibration?: readonly CalibrationRow[];
}

/**
 * The claims of one run: the headline verdict's "IRM better" and "CRM better", and each value
 * measure's claim (Holm-adjusted) and unadjusted CI.
 * @param value the run's value.json measures; null when the run has none
 */
export function cellClaims(direction: Verdict, value: { readonly measures: readonly MeasureRow[] } | null): CellClaim[] {
  const claims: CellClaim[] = [
    { claim: "IRM better", made: direction === "irm-better" },
    { claim: "CRM better", made: direction === "crm-better" },
  ];
  for (const m of value?.measures ?? []) claims.push({ claim: `value: ${m.measure}`, made: m.claim, ciExcludes0: excludesZero(m.value) });
  return claims;
}

/**
 * The headline of a run's metrics: the headline comparison, every model's headline metric and
 * the run's claims.
 * @param value the run's value.json; null or absent when it has none (claims are then the verdicts)
 */
export function cellHeadline(metrics: MetricsRecord, dataset: string, value: { readonly measures: readonly MeasureRow[] } | null = null): CellHeadline {
  const c = metrics.comparisons[0];
  if (!c) throw new Error("cellHeadline: the run has no comparison");
  const head = metrics.comparisons.find((x) => x.irm === c.irm && x.crm === c.crm && x.metric === metrics.headlineMetric) ?? c;
  const d = overallDifference(head);
  const direction = verdictOf(d, head.higherIsBetter);
  return {
    dataset,
    metric: head.metric,
    irm: head.irm,
    crm: head.crm,
    estimate: d.estimate,
    lower: d.lower,
    upper: d.upper,
    direction,
    verdict: metrics.verdict,
    models: Object.fromEntries(metrics.models.map((m) => [m.model, m.overall.metrics[head.metric] ?? null])),
    claims: cellClaims(direction, value),
  };
}

/** True for swept keys that only change randomness: "seed" and any path ending in ".seed". */
export function isSeedPath(path: string): boolean {
  return path === "seed" || path.endsWith(".seed");
}

/**
 * Groups completed cells over seeds and ranks models across groups.
 * @param level CI level of the seed aggregates; default 0.95
 */
export function summarizeSweep(cells: readonly SweepCellRecord[], level = 0.95): SweepSummary {
  const done = cells.filter((c) => c.status === "complete" && c.headline);
  const groups = new Map<string, SweepCellRecord[]>();
  for (const c of done) {
    const params = Object.fromEntries(Object.entries(c.params).filter(([k]) => !isSeedPath(k)));
    const key = JSON.stringify(params);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: SweepGroup[] = [...groups.entries()].map(([key, cs]) => {
    const heads = cs.map((c) => c.headline!);
    const names = Object.keys(heads[0]!.models).filter((m) => heads.every((h) => typeof h.models[m] === "number"));
    const directions: Record<Verdict, number> = { "irm-better": 0, "crm-better": 0, equivalent: 0, inconclusive: 0 };
    for (const h of heads) directions[h.direction]++;
    return {
      params: JSON.parse(key) as Record<string, unknown>,
      dataset: heads[0]!.dataset,
      seeds: cs.length,
      metric: heads[0]!.metric,
      difference: seedAggregate(heads.map((h) => h.estimate), level),
      directions,
      models: Object.fromEntries(names.map((m) => [m, seedAggregate(heads.map((h) => h.models[m] as number), level)])),
      ...calibrationOf(heads),
    };
  });
  return { groups: out, ranks: ranksAcrossGroups(out) };
}

/** The calibration rows of a group's runs (claims in order of first appearance); {} when none recorded claims. */
function calibrationOf(heads: readonly CellHeadline[]): { calibration?: CalibrationRow[] } {
  const tallies = new Map<string, { seeds: number; made: number; ci: number; withCi: boolean }>();
  for (const h of heads) {
    for (const c of h.claims ?? []) {
      const t = tallies.get(c.claim) ?? { seeds: 0, made: 0, ci: 0, withCi: false };
      t.seeds++;
      if (c.made) t.made++;
      if (c.ciExcludes0 !== undefined) t.withCi = true;
      if (c.ciExcludes0) t.ci++;
      tallies.set(c.claim, t);
    }
  }
  if (tallies.size === 0) return {};
  return {
    calibration: [...tallies].map(([claim, t]) => ({
      claim, seeds: t.seeds, made: t.made, ...clopperPearson(t.made, t.seeds),
      ...(t.withCi ? { ciExcludes0: { made: t.ci, ...clopperPearson(t.ci, t.seeds) } } : {}),
    })),
  };
}

function ranksAcrossGroups(groups: readonly SweepGroup[]): SweepSummary["ranks"] {
  if (groups.length < 2) return { skipped: `Friedman needs at least 2 groups (datasets or conditions); the sweep has ${groups.length}` };
  const metric = groups[0]!.metric;
  if (groups.some((g) => g.metric !== metric)) return { skipped: "the groups are scored on different headline metrics (outcome types differ)" };
  const models = Object.keys(groups[0]!.models).filter((m) => groups.every((g) => g.models[m] !== undefined));
  if (models.length < 2 || models.length > 10) return { skipped: `Friedman/Nemenyi need 2 to 10 models present in every group; there are ${models.length}` };
  const scores = groups.map((g) => models.map((m) => g.models[m]!.mean));
  const f = friedman(scores, METRICS[metric].higherIsBetter);
  return { metric, models, groups: groups.length, friedman: f, criticalDifference: criticalDifferenceDiagram(models, f.averageRanks, groups.length) };
}

/**
 * sweep.json checked: an object with the keys every reader relies on.
 * @throws ConfigError naming the file, key and value
 */
export function parseSweepRecord(value: unknown, file: string): SweepRecord {
  return checkRecord(value, file, { sweepId: "string", configPath: "string", status: ["running", "complete", "failed"], grid: "list", cells: "list" }) as unknown as SweepRecord;
}

/**
 * Run record → publishable aggregates for the site.
 *
 *   RunRecord + MetricsRecord ──validate──► per-model cells ──suppress small cells──►
 *   comparisons (verdict from CI) ──► verdict of the headline comparison ──► SiteSummary
 *
 * Only aggregates leave: no config, no fitted parameters, no customer or item identifiers.
 */
import { overallDifference } from "../evaluation/verdict.js";
import { METRICS, type MetricName } from "../evaluation/metric-names.js";
import { MODEL_FAMILIES } from "../models/model.js";
import type { RunRecord } from "../records/run-record.js";
import type { Comparison, ContextCell, MetricsRecord } from "../records/metrics-record.js";
import { siteCell, siteDifference } from "./site-cells.js";
import { siteRanking } from "./site-ranking.js";
import type {
  SiteCell,
  SiteComparison,
  SiteContextDifference,
  SiteMetric,
  SiteModel,
  SiteModelCell,
  SiteSummary,
  SiteVerdict,
} from "./site-summary-types.js";
import { describeVerdict } from "./describe-verdict.js";
import { levelRules, MAX_PUBLISHED_LEVELS, type LevelRule } from "./publishable-levels.js";

export type * from "./site-summary-types.js";

/** Options of {@link buildSiteSummary}. */
export interface SiteSummaryOptions {
  /** Cells (overall, per context value) with fewer customers than this are suppressed. Default 10. */
  readonly minCellCustomers?: number;
  /** Most context levels (and segments) named per dimension; the rest are pooled. Default {@link MAX_PUBLISHED_LEVELS}. */
  readonly maxLevels?: number;
}

/**
 * The aggregates the site publishes for one run, with small cells suppressed.
 * @param run the run record (run.json)
 * @param metrics the metrics record (metrics.json) of the same run
 * @param options see {@link SiteSummaryOptions}
 * @throws RangeError when minCellCustomers is not a positive integer
 * @throws Error when the records disagree (a comparison names a model the metrics lack, an unknown metric)
 */
export function buildSiteSummary(run: RunRecord, metrics: MetricsRecord, options: SiteSummaryOptions = {}): SiteSummary {
  const minCellCustomers = options.minCellCustomers ?? 10;
  if (!Number.isInteger(minCellCustomers) || minCellCustomers < 1) {
    throw new RangeError(`buildSiteSummary: minCellCustomers must be a positive integer, received "${minCellCustomers}"`);
  }
  const where = `run "${run.runId}" metrics.json`;
  if (metrics.models.length === 0) throw new Error(`${where}: expected at least one model, received none`);
  const modelNames = new Set(metrics.models.map((m) => m.model));
  for (const [i, c] of metrics.comparisons.entries()) {
    for (const name of [c.irm, c.crm]) {
      if (!modelNames.has(name)) {
        throw new Error(`${where}: comparisons[${i}] names model "${name}"; models are ${[...modelNames].join(", ")}`);
      }
    }
    checkMetric(c.metric, `${where}: comparisons[${i}].metric`);
  }
  checkMetric(metrics.headlineMetric, `${where}: headlineMetric`);
  return _buildSiteSummary(run, metrics, minCellCustomers, options.maxLevels ?? MAX_PUBLISHED_LEVELS);
}

/**
 * Cells of named levels kept, the rest pooled into one withheld cell per dimension (and per model or
 * comparison): a small cell's level name is never published (see publishable-levels.ts).
 */
function poolLevels<T extends { readonly dimension: string; readonly level: string }>(cells: readonly T[], rules: Map<string, LevelRule>, pooled: (cell: T, label: string) => T): T[] {
  const out: T[] = [];
  const done = new Set<string>();
  for (const c of cells) {
    const rule = rules.get(c.dimension);
    if (!rule || rule.published.includes(c.level)) out.push(c);
    else if (rule.otherLabel && !done.has(c.dimension)) {
      done.add(c.dimension);
      out.push(pooled(c, rule.otherLabel));
    }
  }
  return out;
}

const WITHHELD = { rows: null, customers: null, suppressed: true } as const;

function checkMetric(metric: string, where: string): void {
  if (!Object.hasOwn(METRICS, metric)) {
    throw new Error(`${where}: expected one of ${Object.keys(METRICS).join(", ")}, received "${metric}"`);
  }
}

function _buildSiteSummary(run: RunRecord, metrics: MetricsRecord, minCellCustomers: number, maxLevels: number): SiteSummary {
  const small = (customers: number): boolean => customers < minCellCustomers;
  const contextRules = levelRules(metrics.models.flatMap((m) => m.byContext), minCellCustomers, maxLevels);
  const segmentRules = levelRules(metrics.models.flatMap((m) => m.bySegment ?? []), minCellCustomers, maxLevels);
  const poolCells = (cells: SiteModelCell[], rules: Map<string, LevelRule>, model: string, family: SiteModelCell["family"]): SiteModelCell[] =>
    poolLevels(cells, rules, (c, level) => ({ model, family, dimension: c.dimension, level, ...WITHHELD, metrics: Object.fromEntries(Object.keys(c.metrics).map((k) => [k, null])) }));
  const poolDifferences = (cells: SiteContextDifference[], rules: Map<string, LevelRule>): SiteContextDifference[] =>
    poolLevels(cells, rules, (c, level) => ({ dimension: c.dimension, level, ...WITHHELD, estimate: null, lower: null, upper: null, verdict: null }));
  const descriptions = new Map(run.models.map((m) => [m.name, m.description]));
  const models: SiteModel[] = metrics.models.map((m) => ({
    name: m.model,
    family: m.family,
    familyLabel: MODEL_FAMILIES[m.family],
    description: descriptions.get(m.model) ?? "",
    overall: siteCell(m.overall, small),
  }));
  const cells: SiteModelCell[] = metrics.models.flatMap((m) =>
    poolCells(m.byContext.map((c) => ({ model: m.model, family: m.family, dimension: c.dimension, level: c.level, ...siteCell(c, small) })), contextRules, m.model, m.family),
  );
  const segmentCells: SiteModelCell[] = metrics.models.flatMap((m) =>
    poolCells((m.bySegment ?? []).map((c) => ({ model: m.model, family: m.family, dimension: c.dimension, level: c.level, ...siteCell(c, small) })), segmentRules, m.model, m.family),
  );
  const mt = metrics.multipleTesting;
  const overallOf = new Map(metrics.models.map((m) => [m.model, siteCell(m.overall, small)]));
  const comparisons = metrics.comparisons.map((c) => {
    const sc = siteComparison(c, overallOf, small);
    return { ...sc, byContext: poolDifferences([...sc.byContext], contextRules), bySegment: poolDifferences([...sc.bySegment], segmentRules) };
  });
  const publishedLevels = (name: string, levels: readonly string[]): string[] => {
    const rule = contextRules.get(name);
    if (!rule) return []; // no cell of this dimension in the test data: its level names are not published
    return [...levels.filter((l) => rule.published.includes(l)), ...(rule.otherLabel ? [rule.otherLabel] : [])];
  };
  const headline = comparisons.find((c) => c.metric === metrics.headlineMetric) ?? comparisons[0];
  return {
    schemaVersion: 1,
    run: {
      runId: run.runId,
      startedAt: run.startedAt,
      date: run.startedAt.slice(0, 10),
      seed: run.seed,
      codeVersion: run.code.version,
      commit: run.code.commit,
    },
    dataset: {
      name: run.dataset.name,
      // a descriptor path relative to the project; never an absolute path of this machine
      source: publicPath(run.dataset.source),
      citation: run.dataset.citation,
      synthetic: run.dataset.synthetic !== null,
      rows: run.dataset.rows,
      customers: run.dataset.customers,
      items: run.dataset.items,
      outcomeType: run.dataset.outcomeType,
      contexts: run.dataset.contexts.map((c) => ({ name: c.name, levels: publishedLevels(c.name, c.levels) })),
    },
    split: {
      kind: run.split.kind,
      description: run.split.description,
      trainRows: run.split.trainRows,
      testRows: run.split.testRows,
      testCustomers: run.split.testCustomers,
      question: run.split.question ?? null,
    },
    minCellCustomers,
    metrics: metricsPresent(metrics),
    headlineMetric: metrics.headlineMetric,
    models,
    cells,
    comparisons,
    segments: {
      dimensions: dimensionsOf(segmentCells),
      cells: segmentCells,
      note: metrics.segmentsNote ?? null,
      multipleTesting: mt ? `${mt.method === "holm" ? "Holm" : mt.method}, α = ${mt.alpha}` : null,
    },
    ranking: metrics.ranking ? siteRanking(metrics.ranking, small) : null,
    verdict: headline ? withWarnings(describeVerdict(headline), metrics.warnings ?? []) : null,
    runVerdict: metrics.verdict,
  };
}

/** The verdict with the run's warnings attached, so the site shows them beside it. */
function withWarnings(verdict: SiteVerdict, warnings: readonly string[]): SiteVerdict {
  return warnings.length > 0 ? { ...verdict, warnings } : verdict;
}

/**
 * A path as published: a path inside the project as is; an absolute path, or one that climbs out of
 * the project ("../"), keeps its file name only, so no folder of this machine is published.
 */
export function publicPath(path: string): string {
  return /^([A-Za-z]:)?[\\/]/.test(path) || /^\.\.[\\/]/.test(path) ? (path.split(/[\\/]/).pop() ?? "") : path;
}

/** Metrics with a value anywhere in the record, in METRICS order. */
function metricsPresent(metrics: MetricsRecord): SiteMetric[] {
  const seen = new Set<string>(metrics.comparisons.map((c) => c.metric));
  for (const m of metrics.models) for (const k of Object.keys(m.overall.metrics)) seen.add(k);
  return (Object.keys(METRICS) as MetricName[])
    .filter((name) => seen.has(name))
    .map((name) => ({ name, label: METRICS[name].label, higherIsBetter: METRICS[name].higherIsBetter }));
}

/** Dimensions and their levels in first-seen order. */
function dimensionsOf(cells: readonly Pick<ContextCell, "dimension" | "level">[]): { name: string; levels: string[] }[] {
  const out = new Map<string, string[]>();
  for (const c of cells) {
    const levels = out.get(c.dimension) ?? [];
    if (!levels.includes(c.level)) levels.push(c.level);
    out.set(c.dimension, levels);
  }
  return [...out.entries()].map(([name, levels]) => ({ name, levels }));
}

function siteComparison(c: Comparison, overallOf: Map<string, SiteCell>, small: (customers: number) => boolean): SiteComparison {
  const cell = (d: Comparison["byContext"][number]): SiteContextDifference => ({
    dimension: d.dimension,
    level: d.level,
    ...siteDifference(d, d.difference, c.higherIsBetter, small),
  });
  return {
    irm: c.irm,
    crm: c.crm,
    metric: c.metric,
    label: METRICS[c.metric].label,
    higherIsBetter: c.higherIsBetter,
    level: c.overall.level,
    resamples: c.overall.resamples,
    irmValue: overallOf.get(c.irm)?.metrics[c.metric] ?? null,
    crmValue: overallOf.get(c.crm)?.metrics[c.metric] ?? null,
    // k-fold runs are judged by the Nadeau–Bengio interval over folds, as in the run's verdict
    overall: siteDifference(c.overall, overallDifference(c), c.higherIsBetter, small),
    byContext: c.byContext.map(cell),
    bySegment: (c.bySegment ?? []).map(cell),
  };
}

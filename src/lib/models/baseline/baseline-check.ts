import { METRICS, type MetricName } from "../../evaluation/metric-names.js";
import type { ModelMetrics } from "../../records/metrics-record.js";
import { GLOBAL_MEAN } from "./global-mean.js";

/** How the run's models fared against the global-mean baseline on the headline metric. */
export interface BaselineCheck {
  readonly baseline: string;
  readonly metric: MetricName;
  /** The baseline's overall value of the metric (null when undefined on the test rows). */
  readonly value: number | null;
  /** Models (oracle and baseline excluded) whose overall metric is strictly better than the baseline's. */
  readonly beatenBy: readonly string[];
  /** The warning to show, or null when some model beats the baseline. */
  readonly warning: string | null;
}

/**
 * Compares every model with the global-mean baseline on `metric` (overall, point estimates). The
 * oracle does not count: it reads the synthetic truth, which no real model can. Returns null when
 * the run has no baseline.
 */
export function baselineCheck(models: readonly ModelMetrics[], metric: MetricName): BaselineCheck | null {
  const base = models.find((m) => m.model === GLOBAL_MEAN);
  if (!base) return null;
  const value = base.overall.metrics[metric] ?? null;
  const higher = METRICS[metric].higherIsBetter;
  const candidates = models.filter((m) => m.model !== GLOBAL_MEAN && m.family !== "oracle");
  const beatenBy = value === null ? [] : candidates.filter((m) => {
    const v = m.overall.metrics[metric];
    return v !== null && v !== undefined && (higher ? v > value : v < value);
  }).map((m) => m.model);
  const label = METRICS[metric].label;
  const warning = value === null || beatenBy.length > 0 || candidates.length === 0
    ? null
    : `no model beats the ${GLOBAL_MEAN} baseline (the training mean for every row) on ${label}: ${candidates.map((m) => `${m.model} ${fmt(m.overall.metrics[metric])}`).join(", ")} vs ${GLOBAL_MEAN} ${fmt(value)}; nothing the run learned about customers, items or contexts predicts better than the average`;
  return { baseline: GLOBAL_MEAN, metric, value, beatenBy, warning };
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? "undefined" : v.toFixed(4);
}

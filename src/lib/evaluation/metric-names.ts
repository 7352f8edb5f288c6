import type { OutcomeType } from "../schema/outcome.js";

/** Every metric IRM Lab reports, with its direction and the outcome types it applies to. */
export const METRICS = {
  auc: { label: "AUC", higherIsBetter: true, outcomes: ["binary"] },
  logLoss: { label: "log-loss", higherIsBetter: false, outcomes: ["binary"] },
  brier: { label: "Brier score", higherIsBetter: false, outcomes: ["binary"] },
  ece: { label: "expected calibration error", higherIsBetter: false, outcomes: ["binary"] },
  rmse: { label: "RMSE", higherIsBetter: false, outcomes: ["rating", "amount", "count"] },
  mae: { label: "MAE", higherIsBetter: false, outcomes: ["rating", "amount", "count"] },
  poissonDeviance: { label: "mean Poisson deviance", higherIsBetter: false, outcomes: ["count"] },
} as const satisfies Record<string, { label: string; higherIsBetter: boolean; outcomes: readonly OutcomeType[] }>;

export type MetricName = keyof typeof METRICS;

export function isMetricName(value: unknown): value is MetricName {
  return typeof value === "string" && Object.hasOwn(METRICS, value);
}

/** The metrics that apply to an outcome type, in report order. */
export function metricsFor(type: OutcomeType): MetricName[] {
  return (Object.keys(METRICS) as MetricName[]).filter((m) => (METRICS[m].outcomes as readonly string[]).includes(type));
}

/**
 * Metrics that a paired customer bootstrap can compare (a per-customer decomposition exists).
 * ECE is not among them: its bins move with every resample; it is reported, never compared.
 */
export function isPairedMetric(name: MetricName): boolean {
  return name !== "ece";
}

/** The metric a verdict is stated in for an outcome type. */
export function headlineMetric(type: OutcomeType): MetricName {
  return type === "binary" ? "logLoss" : "rmse";
}

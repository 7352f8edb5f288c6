import type { Estimate } from "../../lib/value/customer-bootstrap.js";
import type { ClvRun } from "./run-clv.js";

/** The report without the plot data (tracking, frequency table, heat maps): what `clv --json` prints. */
export function compactClv(report: ClvRun): Omit<ClvRun, "tracking" | "frequencyVsHoldout" | "heatmaps"> & { plotData: string } {
  const { tracking: _t, frequencyVsHoldout: _f, heatmaps: _h, ...rest } = report;
  return { ...rest, plotData: "omitted; --out <file> writes tracking, frequencyVsHoldout and heatmaps" };
}

const fmt = (v: number | null, digits = 3): string => (v === null ? "n/a" : Number(v.toPrecision(digits + 1)).toString());
const ci = (e: Estimate): string => `${fmt(e.estimate)} [${fmt(e.lower)}, ${fmt(e.upper)}]`;

/** Plain-text summary of a CLV report for the terminal. */
export function formatClv(report: ClvRun): string {
  const lines = [
    `${report.dataset.name}: ${report.customers.fitted} customers fitted (calibration to ${report.calibrationEnd.slice(0, 10)}, holdout to ${report.holdoutEnd.slice(0, 10)}, ${fmt(report.holdoutPeriods)} weeks)`,
    `  left out: ${report.customers.firstPurchaseAfterCalibration} first bought after the calibration end, ${report.customers.withoutPurchases} never bought`,
  ];
  for (const [name, m] of Object.entries(report.models)) {
    lines.push(m === null ? `${name}: not fitted (no money recorded)` : `${name}: ${Object.entries(m.params).map(([k, v]) => `${k}=${fmt(v, 4)}`).join(" ")}  logLik ${fmt(m.logLikelihood, 6)}`);
  }
  lines.push("holdout transactions per customer, predicted vs actual (95% CI, customers resampled, parameters fixed: no parameter uncertainty):");
  for (const [name, e] of Object.entries(report.holdout)) {
    lines.push(`  ${name}: MAE ${ci(e.mae)}  RMSE ${ci(e.rmse)}  r ${ci(e.pearson)}  total ${fmt(e.totalPredicted, 5)} vs ${e.totalActual}`);
  }
  if (report.spend) lines.push(`spend per transaction (Gamma-Gamma): MAE ${ci(report.spend.mae)}  r ${ci(report.spend.pearson)} over ${report.spend.customers} customers`);
  lines.push(`CLV ${report.clv.months} months: mean ${fmt(report.clv.mean)}, median ${fmt(report.clv.quantiles.p50 ?? null)}, total ${fmt(report.clv.total, 6)}`);
  return `${lines.join("\n")}\n`;
}

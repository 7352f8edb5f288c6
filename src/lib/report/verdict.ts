import { METRICS, type MetricName } from "../evaluation/metric-names.js";
import { cellDirection, direction, type Direction } from "../evaluation/verdict.js";
import type { PairedDifference } from "../run/run-record.js";
import type { SiteComparison, SiteVerdict, Winner } from "./site-summary-types.js";

/**
 * Which model a paired difference `metric(irm) − metric(crm)` favours: "irm" or "crm" only when
 * the whole CI lies on one side of 0, "none" when the CI includes 0.
 * @param lower lower CI bound of the difference (metric units)
 * @param upper upper CI bound of the difference (metric units)
 * @param higherIsBetter direction of the metric
 * @throws RangeError when a bound is not finite or lower > upper
 */
export function winnerOf(lower: number, upper: number, higherIsBetter: boolean): Winner {
  if (!Number.isFinite(lower) || !Number.isFinite(upper) || lower > upper) {
    throw new RangeError(`winnerOf: expected finite lower <= upper, received lower "${lower}", upper "${upper}"`);
  }
  return WINNER[direction({ lower, upper }, higherIsBetter)];
}

const WINNER: Record<Direction, Winner> = { "irm-better": "irm", "crm-better": "crm", "no-difference": "none" };

/**
 * Which model a run's paired difference favours, by the same rule as the run's verdict: the CI must
 * exclude 0 and, for a context or segment cell, the Holm-adjusted p-value must be below 1 − level.
 */
export function winnerOfDifference(difference: PairedDifference, higherIsBetter: boolean): Winner {
  return WINNER[cellDirection(difference, higherIsBetter)];
}

/**
 * A number for display: `digits` decimals, or more when that would show fewer than two significant
 * digits (0.00012 shows as 0.00012, never "0.000"); whole numbers from 1,000 up with thousands
 * separators; U+2212 minus sign; exactly 0 as "0"; "—" for null.
 * @param value the number, or null
 * @param digits decimals for ordinary magnitudes. Default 3.
 */
export function formatValue(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  if (abs === 0) return "0";
  const decimals = abs >= 1000 ? 0 : Math.max(digits, 1 - Math.floor(Math.log10(abs)));
  const text = abs.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return value < 0 ? `\u2212${text}` : text;
}

/**
 * A signed difference for display, with "+" for positive values.
 * @param value the difference (metric units), or null
 * @param digits decimals for ordinary magnitudes. Default 3.
 */
export function formatDifference(value: number | null, digits = 3): string {
  if (value !== null && value > 0) return `+${formatValue(value, digits)}`;
  return formatValue(value, digits);
}

/**
 * The confidence interval as "95% CI −0.034 to −0.024".
 * @param level confidence level in (0, 1)
 */
export function formatCi(level: number, lower: number | null, upper: number | null, digits = 3): string {
  return `${Math.round(level * 100)}% CI ${formatValue(lower, digits)} to ${formatValue(upper, digits)}`;
}

/** The display label of a metric ("log-loss"). */
export function metricLabel(metric: MetricName): string {
  return METRICS[metric].label;
}

/**
 * The verdict of a comparison in plain words: which family predicts better, by how much (absolute
 * and relative to the CRM model), with the CI; "no detectable difference" when the CI includes 0.
 * @param comparison a comparison of the site summary
 */
export function describeVerdict(comparison: SiteComparison): SiteVerdict {
  const { irm, crm, metric, label, higherIsBetter, level, overall, irmValue, crmValue } = comparison;
  const base = { metric, irm, crm, winner: overall.winner };
  if (overall.suppressed || overall.estimate === null || overall.lower === null || overall.upper === null) {
    return {
      ...base,
      headline: overall.suppressed
        ? "Too few customers in the test data to compare the models."
        : "The run could not estimate the difference between the models.",
      detail: `No ${label} difference between ${irm} (IRM) and ${crm} (CRM) is reported.`,
    };
  }
  const ci = formatCi(level, overall.lower, overall.upper);
  const values = `${label}: ${irm} ${formatValue(irmValue)} vs ${crm} ${formatValue(crmValue)}`;
  const gain = Math.abs(overall.estimate);
  const relative = crmValue !== null && crmValue !== 0 ? ` (${formatValue((gain / Math.abs(crmValue)) * 100, 1)}% of the CRM model's ${label})` : "";
  const direction = higherIsBetter ? "higher is better" : "lower is better";
  const difference = `difference IRM − CRM ${formatDifference(overall.estimate)} (${ci}; ${direction})`;
  if (overall.winner === "none") {
    return {
      ...base,
      headline: `No detectable difference: the multi-context (IRM) model does not predict measurably better or worse than the single-profile (CRM) model.`,
      detail: `${values}; ${difference}. The interval includes zero.`,
    };
  }
  const [better, worse] = overall.winner === "irm" ? ["multi-context (IRM)", "single-profile (CRM)"] : ["single-profile (CRM)", "multi-context (IRM)"];
  return {
    ...base,
    headline: `The ${better} model predicts better than the ${worse} model, by ${formatValue(gain)} ${label}${relative}.`,
    detail: `${values}; ${difference}.`,
  };
}

import { METRICS, type MetricName } from "../evaluation/metric-names.js";
import type { SiteComparison, SiteVerdict } from "./site-summary-types.js";

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
 * The verdict of a comparison in plain words, one of the four verdicts: which family predicts
 * better, by how much (absolute and relative to the CRM model), with the CI; or that the two are
 * equivalent within the stated margin; or that the data cannot tell (inconclusive).
 * @param comparison a comparison of the site summary
 */
export function describeVerdict(comparison: SiteComparison): SiteVerdict {
  const { irm, crm, metric, label, higherIsBetter, level, overall, irmValue, crmValue } = comparison;
  const base = { metric, irm, crm, verdict: overall.verdict };
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
  const margin = overall.margin === undefined ? null : `±${formatValue(overall.margin, 4)} ${label}`;
  const tost = overall.pTost === undefined ? "" : `, TOST p ${overall.pTost < 0.001 ? "< 0.001" : `= ${overall.pTost.toPrecision(2)}`}`;
  if (overall.verdict === "equivalent") {
    return {
      ...base,
      headline: `Equivalent: the multi-context (IRM) and single-profile (CRM) models predict equally well, within ${margin ?? "the margin"} that would matter.`,
      detail: `${values}; ${difference}. The difference lies inside the equivalence margin ${margin ?? ""}${tost}.`,
    };
  }
  if (overall.verdict === "inconclusive" || overall.verdict === null) {
    const why = margin === null ? "The interval includes zero." : `The interval includes zero and reaches beyond the equivalence margin ${margin}${tost}: more data is needed to tell.`;
    return {
      ...base,
      headline: `Inconclusive: the data cannot tell whether the multi-context (IRM) model predicts better or worse than the single-profile (CRM) model.`,
      detail: `${values}; ${difference}. ${why}`,
    };
  }
  const [better, worse] = overall.verdict === "irm-better" ? ["multi-context (IRM)", "single-profile (CRM)"] : ["single-profile (CRM)", "multi-context (IRM)"];
  return {
    ...base,
    headline: `The ${better} model predicts better than the ${worse} model, by ${formatValue(gain)} ${label}${relative}.`,
    detail: `${values}; ${difference}.`,
  };
}

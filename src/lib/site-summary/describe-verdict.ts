import { METRICS, type MetricName } from "../evaluation/metric-names.js";
import { formatEstimate, formatPointEstimate } from "../format/format-interval.js";
import { formatNumber, pClause } from "../format/format-number.js";
import type { SiteComparison, SiteVerdict } from "./site-summary-types.js";

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
  const values = `${label}: ${irm} ${formatNumber(irmValue)} vs ${crm} ${formatNumber(crmValue)}`;
  const gain = Math.abs(overall.estimate);
  const relative = crmValue !== null && crmValue !== 0 ? ` (${formatNumber((gain / Math.abs(crmValue)) * 100, { digits: 2 })}% of the CRM model's ${label})` : "";
  const direction = higherIsBetter ? "higher is better" : "lower is better";
  const difference = `difference IRM − CRM ${formatEstimate({ estimate: overall.estimate, lower: overall.lower, upper: overall.upper, level }, { signed: true })}, ${direction}`;
  const margin = overall.margin === undefined ? null : `±${formatNumber(overall.margin, { digits: 2 })} ${label}`;
  const tost = overall.pTost === undefined ? "" : `, TOST ${pClause(overall.pTost)}`;
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
    headline: `The ${better} model predicts better than the ${worse} model, by ${formatPointEstimate({ estimate: gain, lower: overall.lower, upper: overall.upper })} ${label}${relative}.`,
    detail: `${values}; ${difference}.`,
  };
}

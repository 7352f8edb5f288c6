import type { CellMetrics, PairedDifference } from "../records/metrics-record.js";
import type { SiteCell, SiteDifference } from "./site-summary-types.js";
import { verdictOf } from "../evaluation/verdict.js";

/**
 * A cell's metrics for publication: counts and values withheld when it is small.
 * @param cell the run's cell (overall, context value or segment)
 * @param small whether a customer count is below the suppression threshold
 */
export function siteCell(cell: CellMetrics, small: (customers: number) => boolean): SiteCell {
  if (small(cell.customers)) {
    const metrics = Object.fromEntries(Object.keys(cell.metrics).map((k) => [k, null]));
    return { rows: null, customers: null, suppressed: true, metrics };
  }
  return { rows: cell.rows, customers: cell.customers, suppressed: false, metrics: { ...cell.metrics } };
}

/**
 * A paired difference for publication: withheld when the cell is small; the run's four-way
 * verdict (older runs: the rule they used); p-values, the Holm-consistent interval, the margin
 * and the TOST p carried over when the run recorded them.
 * @param cell rows and customers of the cell
 * @param difference the run's difference, or null when it could not resample the cell
 * @param higherIsBetter direction of the metric
 * @param small whether a customer count is below the suppression threshold
 */
export function siteDifference(
  cell: { rows: number; customers: number },
  difference: PairedDifference | null,
  higherIsBetter: boolean,
  small: (customers: number) => boolean,
): SiteDifference {
  if (small(cell.customers)) {
    return { rows: null, customers: null, suppressed: true, estimate: null, lower: null, upper: null, verdict: null };
  }
  const base = { rows: cell.rows, customers: cell.customers, suppressed: false };
  if (difference === null) return { ...base, estimate: null, lower: null, upper: null, verdict: null };
  return {
    ...base,
    estimate: difference.estimate,
    lower: difference.lower,
    upper: difference.upper,
    verdict: verdictOf(difference, higherIsBetter),
    ...(difference.adjusted === undefined ? {} : { adjusted: difference.adjusted }),
    ...(difference.margin === undefined ? {} : { margin: difference.margin }),
    ...(difference.pTost === undefined ? {} : { pTost: difference.pTost }),
    ...(difference.pValue === undefined ? {} : { pValue: difference.pValue }),
    ...(difference.pHolm === undefined ? {} : { pHolm: difference.pHolm }),
  };
}

import type { Comparison, ComparisonCell, PairedDifference } from "../run/run-record.js";
import { METRICS } from "./metric-names.js";

/**
 * Plain-words verdicts. A difference is claimed only when its confidence interval excludes 0
 * (and, per context or segment, when its Holm-adjusted p-value is below 1 − level); otherwise the
 * sentence says there is no detectable difference and gives the interval.
 */
export type Direction = "irm-better" | "crm-better" | "no-difference";

/** Which family the interval supports, given the metric's direction. */
export function direction(diff: Pick<PairedDifference, "lower" | "upper">, higherIsBetter: boolean): Direction {
  if (diff.lower <= 0 && diff.upper >= 0) return "no-difference";
  const irmHigher = diff.lower > 0;
  return irmHigher === higherIsBetter ? "irm-better" : "crm-better";
}

/**
 * Direction of a context or segment cell: a difference is claimed only when its CI excludes 0 AND,
 * where the cell carries a Holm-adjusted p-value, that p is below alpha = 1 − level. So a cell
 * that looks different alone but not after correcting for the number of cells is "no-difference".
 */
export function cellDirection(diff: PairedDifference, higherIsBetter: boolean): Direction {
  const dir = direction(diff, higherIsBetter);
  if (dir === "no-difference" || diff.pHolm === undefined) return dir;
  return diff.pHolm < 1 - diff.level ? dir : "no-difference";
}

/**
 * The overall difference a comparison is judged by: the Nadeau–Bengio interval over folds for
 * k-fold runs (resamples 0), the customer bootstrap otherwise.
 */
export function overallDifference(c: Comparison): PairedDifference {
  const cv = c.crossValidation;
  if (!cv) return c.overall;
  return {
    estimate: cv.mean,
    lower: cv.lower,
    upper: cv.upper,
    level: cv.level,
    resamples: 0,
    rows: c.overall.rows,
    customers: c.overall.customers,
    ...(cv.pValue === null ? {} : { pValue: cv.pValue }),
  };
}

/**
 * One to three sentences on a comparison: overall (the Nadeau–Bengio interval over folds for
 * k-fold runs, the customer bootstrap otherwise), then by context and by customer segment, using
 * Holm-adjusted results for every per-cell claim.
 */
export function verdictSentence(c: Comparison): string {
  const m = METRICS[c.metric];
  const cv = c.crossValidation;
  const d = overallDifference(c);
  const pct = Math.round(d.level * 100);
  const how = cv ? `, over ${cv.perFold.length} folds, Nadeau–Bengio` : "";
  const ci = `${pct}% CI ${fmt(d.lower)} to ${fmt(d.upper)}${how}`;
  const dir = direction(d, c.higherIsBetter);
  let first: string;
  if (dir === "no-difference") {
    first = `No detectable difference between the multi-context model (${c.irm}) and the single-profile model (${c.crm}): ${m.label} differs by ${fmt(d.estimate)} (${ci}, which includes 0).`;
  } else {
    const winner = dir === "irm-better" ? `The multi-context model (${c.irm})` : `The single-profile model (${c.crm})`;
    const loser = dir === "irm-better" ? `the single-profile model (${c.crm})` : `the multi-context model (${c.irm})`;
    // the winner's metric relative to the loser's: for AUC "higher", for losses "lower"
    const winnerGap = dir === "irm-better" ? d.estimate : -d.estimate;
    const relation = winnerGap > 0 ? "higher" : "lower";
    // the interval of the size of the gap, in the words of the sentence ("0.014 lower, CI 0.011 to 0.017")
    const [a, b] = [Math.abs(d.lower), Math.abs(d.upper)].sort((x, y) => x - y);
    first = `${winner} predicts better than ${loser}: ${m.label} ${fmt(Math.abs(d.estimate))} ${relation} (${pct}% CI ${fmt(a!)} to ${fmt(b!)}${how}).`;
  }
  const sentences = [first];
  const byContext = cellsSentence("By context", c.byContext, c.higherIsBetter);
  if (byContext) sentences.push(byContext);
  const bySegment = cellsSentence("By customer segment", c.bySegment ?? [], c.higherIsBetter);
  if (bySegment) sentences.push(bySegment);
  return sentences.join(" ");
}

function cellsSentence(title: string, cells: readonly ComparisonCell[], higherIsBetter: boolean): string | null {
  const groups: Record<Direction, { dimension: string; level: string }[]> = { "irm-better": [], "crm-better": [], "no-difference": [] };
  for (const cell of cells) {
    if (cell.difference) groups[cellDirection(cell.difference, higherIsBetter)].push(cell);
  }
  const parts: string[] = [];
  if (groups["irm-better"].length) parts.push(`the multi-context model is better for ${byDimension(groups["irm-better"])}`);
  if (groups["crm-better"].length) parts.push(`the single-profile model is better for ${byDimension(groups["crm-better"])}`);
  if (parts.length === 0) return null;
  const none = groups["no-difference"];
  // long lists of unremarkable cells (27 RFM segments) would drown the claims: count them instead
  if (none.length > 6) parts.push(`no detectable difference for the other ${none.length} ${title === "By context" ? "context values" : "segments"}`);
  else if (none.length) parts.push(`no detectable difference for ${byDimension(none)}`);
  const holm = cells.some((cell) => cell.difference?.pHolm !== undefined) ? " (Holm-adjusted)" : "";
  return `${title}${holm}: ${parts.join("; ")}.`;
}

/** "companion alone and family, intent gift": levels grouped under their dimension, in order. */
function byDimension(cells: readonly { dimension: string; level: string }[]): string {
  const dims = new Map<string, string[]>();
  for (const { dimension, level } of cells) dims.set(dimension, [...(dims.get(dimension) ?? []), level]);
  return [...dims].map(([dim, levels]) => `${dim} ${list(levels)}`).join(", ");
}

function list(xs: string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

/** Four significant digits, a sign only for negatives. */
export function fmt(x: number): string {
  if (x === 0) return "0";
  const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(x))));
  return x.toFixed(Math.min(6, digits));
}

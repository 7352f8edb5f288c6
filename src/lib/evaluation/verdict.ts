import type { Comparison, ComparisonCell, PairedDifference } from "../records/metrics-record.js";
import { intervalDecimals } from "../format/format-interval.js";
import { formatFixed, formatNumber, formatP } from "../format/format-number.js";
import { METRICS } from "./metric-names.js";

/**
 * The four-way verdict, the one vocabulary of claims in IRM Lab (metrics.json, CLI, `irmlab runs`,
 * site). For a paired difference metric(IRM) − metric(CRM) at significance α = 1 − level:
 *
 *   interval excludes 0 (⇔ p < α)             → "irm-better" or "crm-better", by the metric's direction
 *   else TOST p < α (the 1 − 2α interval lies
 *        inside ±margin)                       → "equivalent" (within ±margin)
 *   else                                      → "inconclusive"
 *
 * A difference that is detectable takes precedence over equivalence: a difference smaller than the
 * margin but clearly not 0 is still a difference (the sentence then says it is below the margin).
 * Context and segment cells use their Holm-consistent interval and Holm-adjusted TOST p.
 */
export const VERDICTS = {
  "irm-better": "IRM better",
  "crm-better": "CRM better",
  equivalent: "equivalent within the margin",
  inconclusive: "inconclusive",
} as const;

/** One of the four verdicts; see {@link VERDICTS}. */
export type Verdict = keyof typeof VERDICTS;

/** Whether a value is one of the four verdicts. */
export function isVerdict(value: unknown): value is Verdict {
  return typeof value === "string" && Object.hasOwn(VERDICTS, value);
}

/**
 * The verdict from an interval at the claim's level and a TOST p-value.
 * @param lower lower bound of the difference's interval at the claim's level
 * @param upper upper bound
 * @param pTost TOST p-value of "|difference| ≥ margin", or null when there is none (never "equivalent")
 * @param alpha significance of the claim (1 − level; cells: the same α, judged on Holm-adjusted values)
 * @param higherIsBetter direction of the metric
 */
export function decide(lower: number, upper: number, pTost: number | null, alpha: number, higherIsBetter: boolean): Verdict {
  if (lower > 0 || upper < 0) return lower > 0 === higherIsBetter ? "irm-better" : "crm-better";
  return pTost !== null && pTost < alpha ? "equivalent" : "inconclusive";
}

/**
 * The verdict of a stored difference: its own `verdict` when the run recorded one; for older runs,
 * the rule they used (CI excludes 0 and, for cells, Holm-adjusted p < α; otherwise inconclusive,
 * since they had no equivalence test).
 */
export function verdictOf(diff: PairedDifference, higherIsBetter: boolean): Verdict {
  if (diff.verdict) return diff.verdict;
  const claimed = decide(diff.lower, diff.upper, null, 1 - diff.level, higherIsBetter);
  if (claimed === "inconclusive" || diff.pHolm === undefined) return claimed;
  return diff.pHolm < 1 - diff.level ? claimed : "inconclusive";
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
    test: "nadeau-bengio",
    ...(cv.pValue === null ? {} : { pValue: cv.pValue }),
    ...(cv.margin === undefined ? {} : { margin: cv.margin }),
    ...(cv.pTost === undefined || cv.pTost === null ? {} : { pTost: cv.pTost }),
    ...(cv.verdict ? { verdict: cv.verdict } : {}),
  };
}

/**
 * One to three sentences on a comparison, opening with the four-way verdict: overall (the
 * Nadeau–Bengio interval over folds for k-fold runs, the customer bootstrap otherwise), then by
 * context and by customer segment, using the Holm-adjusted results for every per-cell claim.
 */
export function verdictSentence(c: Comparison): string {
  const m = METRICS[c.metric];
  const cv = c.crossValidation;
  const d = overallDifference(c);
  const pct = Math.round(d.level * 100);
  const how = cv ? `, over ${cv.perFold.length} folds, Nadeau–Bengio` : "";
  // estimate and interval at the interval's precision (src/lib/format), as in the CLI's tables
  const decimals = Math.min(6, intervalDecimals(d));
  const fmt = (x: number): string => formatFixed(x, decimals);
  const ci = `${pct}% CI ${fmt(d.lower)} to ${fmt(d.upper)}${how}`;
  const verdict = verdictOf(d, c.higherIsBetter);
  const margin = d.margin === undefined ? null : formatNumber(d.margin, { digits: 2 });
  const pair = `the multi-context model (${c.irm}) and the single-profile model (${c.crm})`;
  let first: string;
  if (verdict === "equivalent") {
    first = `Equivalent within ±${margin}: ${pair} differ in ${m.label} by ${fmt(d.estimate)} (${ci}; TOST p ${fmtP(d.pTost!)}), less than the margin that matters.`;
  } else if (verdict === "inconclusive") {
    const tost = margin === null ? "" : `, and it cannot rule out a difference of ±${margin} that would matter (TOST p ${fmtP(d.pTost ?? 1)})`;
    first = `Inconclusive: ${pair} differ in ${m.label} by ${fmt(d.estimate)} (${ci}, which includes 0${tost}).`;
  } else {
    const winner = verdict === "irm-better" ? `The multi-context model (${c.irm})` : `The single-profile model (${c.crm})`;
    const loser = verdict === "irm-better" ? `the single-profile model (${c.crm})` : `the multi-context model (${c.irm})`;
    // the winner's metric relative to the loser's: for AUC "higher", for losses "lower"
    const winnerGap = verdict === "irm-better" ? d.estimate : -d.estimate;
    const relation = winnerGap > 0 ? "higher" : "lower";
    // the interval of the size of the gap, in the words of the sentence ("0.014 lower, CI 0.011 to 0.017")
    const [a, b] = [Math.abs(d.lower), Math.abs(d.upper)].sort((x, y) => x - y);
    const small = d.margin !== undefined && Math.abs(d.lower) < d.margin && Math.abs(d.upper) < d.margin ? `; smaller than the ±${margin} margin that matters` : "";
    first = `${VERDICTS[verdict]}: ${winner} predicts better than ${loser}: ${m.label} ${fmt(Math.abs(d.estimate))} ${relation} (${pct}% CI ${fmt(a!)} to ${fmt(b!)}${how}${small}).`;
  }
  const sentences = [first];
  const byContext = cellsSentence("By context", c.byContext, c.higherIsBetter);
  if (byContext) sentences.push(byContext);
  const bySegment = cellsSentence("By customer segment", c.bySegment ?? [], c.higherIsBetter);
  if (bySegment) sentences.push(bySegment);
  return sentences.join(" ");
}

function cellsSentence(title: string, cells: readonly ComparisonCell[], higherIsBetter: boolean): string | null {
  const groups: Record<Verdict, { dimension: string; level: string }[]> = { "irm-better": [], "crm-better": [], equivalent: [], inconclusive: [] };
  for (const cell of cells) {
    if (cell.difference) groups[verdictOf(cell.difference, higherIsBetter)].push(cell);
  }
  const parts: string[] = [];
  if (groups["irm-better"].length) parts.push(`the multi-context model is better for ${byDimension(groups["irm-better"])}`);
  if (groups["crm-better"].length) parts.push(`the single-profile model is better for ${byDimension(groups["crm-better"])}`);
  if (groups.equivalent.length) parts.push(`equivalent within the margin for ${byDimension(groups.equivalent)}`);
  if (parts.length === 0) return null;
  const none = groups.inconclusive;
  const noun = title === "By context" ? "context values" : "segments";
  // long lists of unremarkable cells (27 RFM segments) would drown the claims: count them instead
  if (none.length > 6) parts.push(`inconclusive for the other ${none.length} ${noun}`);
  else if (none.length) parts.push(`inconclusive for ${byDimension(none)}`);
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

/** "= 0.012", "< 0.0001" (a resampling p of 0 means below its resolution). */
function fmtP(p: number): string {
  const text = formatP(p);
  return text.startsWith("<") ? text : `= ${text}`;
}

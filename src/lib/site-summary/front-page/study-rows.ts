/**
 * The executive front page's rows (one per dataset section of data/study.json), in plain words:
 * the verdict, the effect with its CI, and what it is worth where value was measured.
 */
import { VERDICTS, type Verdict } from "../../evaluation/verdict.js";
import { formatLevel, intervalDecimals } from "../../format/format-interval.js";
import { formatFixed } from "../../format/format-number.js";

/** The headline comparison of a study row, as data/study.json carries it. */
export interface StudyHeadline {
  readonly metric: string;
  readonly irm: string;
  readonly crm: string;
  readonly higherIsBetter: boolean;
  readonly level: number;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly verdict: Verdict | null;
  readonly suppressed: boolean;
}

/** What every verdict, effect and value of IRM against CRM reads on a dataset that records no context. */
export const NO_CONTEXT = "Not applicable: no context recorded";

/** The verdict label of a row: one of the four verdicts, or "not applicable" without context. */
export function verdictLabel(headline: StudyHeadline | null, contexts: number): string {
  if (contexts === 0) return NO_CONTEXT;
  if (!headline || headline.suppressed || headline.verdict === null) return "Inconclusive: too few customers to compare";
  const label = VERDICTS[headline.verdict];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * The effect in plain words: "context-profile's log-loss is 0.029 lower than customer-profile's
 * (95% CI 0.020 to 0.038 lower; lower is better)".
 */
export function plainEffect(h: StudyHeadline | null): string {
  if (!h || h.suppressed || h.estimate === null || h.lower === null || h.upper === null) return "No effect reported: too few customers in the test data.";
  if (h.estimate === 0 && h.lower === 0 && h.upper === 0) return `The two models give identical ${h.metric} on every test row.`;
  const side = (v: number): string => (v >= 0 ? "higher" : "lower");
  const good = h.higherIsBetter ? "higher is better" : "lower is better";
  const straddles = h.lower < 0 && h.upper > 0;
  // the estimate and its interval at one precision, the interval's (src/lib/format)
  const e = { estimate: h.estimate, lower: h.lower, upper: h.upper, level: h.level };
  const f = (x: number): string => formatFixed(x, Math.min(intervalDecimals(e), 6));
  const ci = straddles
    ? `${formatLevel(h.level)} CI ${f(h.lower)} to ${f(h.upper)}, which includes no difference`
    : `${formatLevel(h.level)} CI ${f(Math.min(Math.abs(h.lower), Math.abs(h.upper)))} to ${f(Math.max(Math.abs(h.lower), Math.abs(h.upper)))} ${side(h.estimate)}`;
  return `${h.irm}'s ${h.metric} is ${f(Math.abs(h.estimate))} ${side(h.estimate)} than ${h.crm}'s (${ci}; ${good}).`;
}

/**
 * The value line of a row: the value at stake of IRM over CRM where it was measured; without context
 * the two kinds of model see the same information, so it is not applicable rather than "+0".
 */
export function stakeLabel(stake: { readonly text: string } | null, contexts: number): string {
  if (contexts === 0) return `Value at stake: ${NO_CONTEXT.charAt(0).toLowerCase()}${NO_CONTEXT.slice(1)} (IRM and CRM see the same information).`;
  return stake ? `Value at stake: ${stake.text}` : "Value: not measured for this dataset.";
}

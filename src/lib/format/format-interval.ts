/**
 * Estimates with their confidence interval, all three numbers at one precision chosen from the
 * interval's width: a CI of ±0.0023 shows 4 decimals, a CI of ±12 shows none. So the digits
 * printed are the digits the data supports, and a small but real effect never rounds to 0.
 */
import { MISSING, decimalsFor, formatFixed, formatNumber } from "./format-number.js";

export interface IntervalEstimate {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Confidence level in (0, 1), e.g. 0.95. */
  readonly level?: number;
}

export interface IntervalFormat {
  /** "+" on positive numbers (differences). Default false. */
  readonly signed?: boolean;
  /** Unit appended once after the interval ("pp", "USD"). Default none. */
  readonly unit?: string;
}

/** Largest number of decimals before the three numbers switch to exponent form. */
const MAX_DECIMALS = 6;

/**
 * Decimals that show 2 significant digits of the interval's half-width (the usual reporting
 * rule); 3 significant digits of the estimate when the interval has no width.
 */
export function intervalDecimals(e: IntervalEstimate): number {
  const half = (e.upper - e.lower) / 2;
  if (Number.isFinite(half) && half > 0) return Math.max(0, 1 - Math.floor(Math.log10(Number(half.toPrecision(2)))));
  return decimalsFor(e.estimate, 3);
}

/**
 * "+0.0123 (95% CI +0.0101 to +0.0146)": the estimate and its interval at one precision.
 * Numbers needing more than 6 decimals print in exponent form ("4.2e-6 (95% CI 1.1e-6 to 7.3e-6)").
 */
export function formatEstimate(e: IntervalEstimate, options: IntervalFormat = {}): string {
  if (!Number.isFinite(e.estimate)) return MISSING;
  const level = e.level === undefined ? "" : `${formatLevel(e.level)} `;
  const unit = options.unit ? ` ${options.unit}` : "";
  if (!Number.isFinite(e.lower) || !Number.isFinite(e.upper)) return `${one(e.estimate, decimalsFor(e.estimate, 3), options)}${unit}`;
  const d = intervalDecimals(e);
  return `${one(e.estimate, d, options)}${unit} (${level}CI ${one(e.lower, d, options)} to ${one(e.upper, d, options)})`;
}

/** A confidence level as people write it: 0.95 → "95%", 0.975 → "97.5%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toPrecision(4))}%`;
}

/** "+0.0123": just the estimate, at the precision {@link formatEstimate} would use (for a table's estimate column next to {@link formatInterval}). */
export function formatPointEstimate(e: IntervalEstimate, options: IntervalFormat = {}): string {
  if (!Number.isFinite(e.estimate)) return MISSING;
  const d = Number.isFinite(e.lower) && Number.isFinite(e.upper) ? intervalDecimals(e) : decimalsFor(e.estimate, 3);
  return one(e.estimate, d, options);
}

/**
 * An estimate whose parts may be absent (null: not estimated, e.g. a suppressed cell), as
 * {@link IntervalEstimate} with NaN for each absent part: the formatters print those as {@link MISSING}.
 */
export function intervalOf(estimate: number | null, lower: number | null, upper: number | null, level?: number): IntervalEstimate {
  return { estimate: estimate ?? Number.NaN, lower: lower ?? Number.NaN, upper: upper ?? Number.NaN, ...(level === undefined ? {} : { level }) };
}

/** "[+0.0101, +0.0146]": just the interval, at the precision {@link formatEstimate} would use. */
export function formatInterval(e: IntervalEstimate, options: IntervalFormat = {}): string {
  if (!Number.isFinite(e.lower) || !Number.isFinite(e.upper)) return MISSING;
  const d = intervalDecimals(e);
  return `[${one(e.lower, d, options)}, ${one(e.upper, d, options)}]`;
}

function one(x: number, decimals: number, options: IntervalFormat): string {
  if (decimals > MAX_DECIMALS && x !== 0) return formatNumber(x, { digits: 2, signed: options.signed ?? false });
  return formatFixed(x, Math.min(decimals, MAX_DECIMALS), { signed: options.signed ?? false });
}

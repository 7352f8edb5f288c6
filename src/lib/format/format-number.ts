/**
 * Numbers for people: significant digits instead of fixed decimals, so 0.00004 never prints as
 * "0.000" and 5538.4 never as "5538.400". Pure and locale-independent (the same output on every
 * machine, so terminal output can be tested and diffed).
 */

/** What a missing or non-finite value prints as. */
export const MISSING = "—";

export interface NumberFormat {
  /** Significant digits kept. Integer digits are never replaced by zeros (5538.4 at 3 digits is "5,538"). Default 3. */
  readonly digits?: number;
  /** Prefix positive numbers with "+" (differences). Default false. */
  readonly signed?: boolean;
}

/** Below this magnitude (and at or above {@link LARGE}) a number prints in exponent form, e.g. "4.2e-5". */
const SMALL = 1e-4;
const LARGE = 1e15;

/**
 * A number with `digits` significant digits, thousands grouped with ",", exponent form only when
 * tiny (< 1e-4) or huge (≥ 1e15). null, NaN and ±Infinity print as {@link MISSING} / "∞".
 * @param x the number
 * @param options see {@link NumberFormat}
 * @throws RangeError when digits is not an integer in [1, 15]
 */
export function formatNumber(x: number | null | undefined, options: NumberFormat = {}): string {
  const digits = checkDigits(options.digits ?? 3);
  if (x === null || x === undefined || Number.isNaN(x)) return MISSING;
  if (!Number.isFinite(x)) return withSign(x > 0 ? "∞" : "-∞", x, options.signed);
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (abs < SMALL || abs >= LARGE) return withSign(x.toExponential(digits - 1).replace("e+", "e"), x, options.signed);
  return formatFixed(x, decimalsFor(x, digits), options);
}

/**
 * How many decimals show `digits` significant digits of x (0 for numbers with that many integer
 * digits). Decided on the rounded value, so 9.996 at 3 digits gets 1 decimal ("10.0"), not 2.
 */
export function decimalsFor(x: number, digits = 3): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const rounded = Math.abs(Number(x.toPrecision(checkDigits(digits))));
  return Math.max(0, digits - 1 - Math.floor(Math.log10(rounded)));
}

/**
 * A number with exactly `decimals` decimals and grouped thousands: the form for columns and
 * intervals whose numbers must share one precision. "-0.00" is printed as "0.00".
 * @param decimals decimals in [0, 20]
 */
export function formatFixed(x: number | null | undefined, decimals: number, options: Pick<NumberFormat, "signed"> = {}): string {
  if (x === null || x === undefined || Number.isNaN(x)) return MISSING;
  if (!Number.isFinite(x)) return withSign(x > 0 ? "∞" : "-∞", x, options.signed);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) throw new RangeError(`decimals: expected an integer in [0, 20], got ${decimals}`);
  let text = Math.abs(x).toFixed(decimals);
  const zero = /^[0.]*$/.test(text);
  const [int = "", frac] = text.split(".");
  text = group(int) + (frac === undefined ? "" : `.${frac}`);
  if (zero) return text;
  return x < 0 ? `-${text}` : options.signed ? `+${text}` : text;
}

/** An integer count with grouped thousands ("14,080"); non-integers are rounded. */
export function formatCount(n: number | null | undefined): string {
  return formatFixed(n, 0);
}

/**
 * Large numbers shortened with k (thousand), M (million), G (billion), T (trillion), e.g.
 * "2.13 M"; below 1000 the plain number. For throughputs and sizes where the magnitude matters
 * more than the last digit.
 */
export function formatCompact(x: number | null | undefined, options: NumberFormat = {}): string {
  if (x === null || x === undefined || !Number.isFinite(x) || Math.abs(x) < 1000) return formatNumber(x, options);
  const prefixes = ["k", "M", "G", "T"] as const;
  let scaled = Math.abs(x);
  let i = -1;
  // Rounding can carry into the next prefix (999,999 at 3 digits is "1.00 M", not "1,000 k").
  while (i < prefixes.length - 1 && Number(scaled.toPrecision(checkDigits(options.digits ?? 3))) >= 1000) {
    scaled /= 1000;
    i++;
  }
  return `${formatNumber(Math.sign(x) * scaled, options)} ${prefixes[i]}`;
}

/** A p-value: 2 significant digits, "< 0.0001" below that (more digits claim a precision p lacks). */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return MISSING;
  return p < 1e-4 ? "< 0.0001" : formatNumber(p, { digits: 2 });
}

/** "p = 0.76" or "p < 0.0001", for sentences. */
export function pClause(p: number | null | undefined): string {
  const text = formatP(p);
  return text.startsWith("<") ? `p ${text}` : `p = ${text}`;
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function withSign(text: string, x: number, signed: boolean | undefined): string {
  return signed && x > 0 && !text.startsWith("+") ? `+${text}` : text;
}

function checkDigits(digits: number): number {
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) throw new RangeError(`digits: expected an integer in [1, 15], got ${digits}`);
  return digits;
}

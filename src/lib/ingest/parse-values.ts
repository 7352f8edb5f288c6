/**
 * Strict parsing of raw text fields into numbers, outcomes and timestamps. Each parser returns
 * the parsed number, or the RejectReason that explains why the text is not valid; none of them
 * guesses (no `Number("")` = 0, no hexadecimal, no lenient `Date.parse`).
 */
import type { OutcomeSpec } from "../schema/outcome.js";
import type { RejectReason } from "./reject-log.js";
import { compileTimestampPattern, parseWithPattern, type TimestampPattern } from "./timestamp-pattern.js";

/** Timestamp formats a descriptor may declare. */
export const TIMESTAMP_FORMATS = {
  iso: "ISO 8601 date or date-time, e.g. 2015-03-01 or 2015-03-01T12:30:00Z (no zone = UTC)",
  yyyymmdd: "8-digit calendar date, e.g. 19970101 (UTC midnight)",
  "unix-seconds": "seconds since 1970-01-01T00:00:00Z",
  "unix-ms": "milliseconds since 1970-01-01T00:00:00Z",
} as const;

/** A named timestamp format. */
export type NamedTimestampFormat = keyof typeof TIMESTAMP_FORMATS;

/** A named format, or a pattern such as "dd/MM/yyyy HH:mm:ss" (see timestamp-pattern.ts). */
export type TimestampFormat = NamedTimestampFormat | (string & {});

export function isNamedTimestampFormat(value: unknown): value is NamedTimestampFormat {
  return typeof value === "string" && Object.hasOwn(TIMESTAMP_FORMATS, value);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A decimal number written in plain or scientific notation, surrounding spaces allowed.
 * @returns the number, or NaN when `text` is not such a number (callers turn NaN into a reason)
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  if (!DECIMAL.test(t)) return NaN;
  const x = Number(t);
  return Number.isFinite(x) ? x : NaN;
}

/**
 * The largest magnitude accepted for amounts, monetary values and ground truth: beyond it, sums over
 * millions of rows lose cents or overflow (1e308 + 1e308 = Infinity), so such rows are rejected.
 */
export const MAX_MAGNITUDE = 1e15;

const BINARY_WORDS: Readonly<Record<string, number>> = { true: 1, false: 0, yes: 1, no: 0 };

/**
 * The outcome encoded by `text` under `spec`: binary accepts numbers equal to 0 or 1 and
 * true/false/yes/no (any case); rating accepts numbers in [min, max]; amount numbers >= 0.
 * @param text a raw field that is not a missing-value marker
 * @returns the outcome, or "invalid outcome" / "outcome out of range"
 */
export function parseOutcome(text: string, spec: OutcomeSpec): number | RejectReason {
  if (spec.type === "binary") {
    const word = BINARY_WORDS[text.trim().toLowerCase()];
    if (word !== undefined) return word;
    const x = parseDecimal(text);
    if (x === 0 || x === 1) return x;
    return Number.isNaN(x) ? "invalid outcome" : "outcome out of range";
  }
  const x = parseDecimal(text);
  if (Number.isNaN(x)) return "invalid outcome";
  if (x < spec.min || x > spec.max || Math.abs(x) > MAX_MAGNITUDE) return "outcome out of range";
  if (spec.type === "count" && !Number.isInteger(x)) return "invalid outcome";
  return x === 0 ? 0 : x; // no negative zero
}

/**
 * A monetary value: a decimal number of magnitude at most MAX_MAGNITUDE.
 * @returns the value, or "invalid value"
 */
export function parseMoney(text: string): number | RejectReason {
  const x = parseDecimal(text);
  return Number.isNaN(x) || Math.abs(x) > MAX_MAGNITUDE ? "invalid value" : x;
}

const PATTERNS = new Map<string, TimestampPattern>();

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;
const INTEGER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Milliseconds since the Unix epoch (UTC) for `text` in `format`. Calendar dates are checked
 * (2015-02-30 is rejected, not rolled over).
 * @returns the time in ms, or "invalid timestamp"
 */
export function parseTimestamp(text: string, format: TimestampFormat): number | RejectReason {
  const t = text.trim();
  if (!isNamedTimestampFormat(format)) {
    let pattern = PATTERNS.get(format);
    if (pattern === undefined) {
      const compiled = compileTimestampPattern(format);
      if (typeof compiled === "string") throw new Error(`parseTimestamp: invalid pattern "${format}": ${compiled}`);
      PATTERNS.set(format, (pattern = compiled));
    }
    const x = parseWithPattern(t, pattern);
    return Number.isNaN(x) ? "invalid timestamp" : x;
  }
  switch (format) {
    case "unix-seconds":
    case "unix-ms": {
      if (!INTEGER.test(t)) return "invalid timestamp";
      const x = Number(t) * (format === "unix-seconds" ? 1000 : 1);
      return Number.isFinite(x) && Math.abs(x) <= 8.64e15 ? x : "invalid timestamp";
    }
    case "yyyymmdd": {
      const m = YYYYMMDD.exec(t);
      if (!m) return "invalid timestamp";
      return calendar(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0, 0, 0);
    }
    case "iso": {
      const m = ISO.exec(t);
      if (!m) return "invalid timestamp";
      const [, y, mo, d, h, mi, s, frac, zone] = m;
      const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
      let offset = 0;
      if (zone && zone !== "Z") {
        const digits = zone.replace(":", "");
        const oh = Number(digits.slice(1, 3));
        const om = Number(digits.slice(3, 5));
        if (oh > 23 || om > 59) return "invalid timestamp";
        offset = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
      }
      return calendar(+y!, +mo!, +d!, h ? +h : 0, mi ? +mi : 0, s ? +s : 0, ms, offset);
    }
  }
}

function calendar(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes: number): number | RejectReason {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return "invalid timestamp";
  const time = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 02-30 over to 03-02: a round trip detects impossible dates
  const check = new Date(time);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return "invalid timestamp";
  return time - offsetMinutes * 60_000;
}

/**
 * Timestamp patterns such as "dd/MM/yyyy HH:mm:ss" (the letters of Java's DateTimeFormatter and
 * Excel, a strict subset): compiled once into a regular expression, then every field must match
 * the whole pattern, and the date must exist. Times are read as UTC.
 */

/** Pattern letters and what they match. */
export const PATTERN_TOKENS = {
  yyyy: "4-digit year",
  MM: "2-digit month 01-12",
  M: "month 1-12, 1 or 2 digits",
  dd: "2-digit day of month",
  d: "day of month, 1 or 2 digits",
  HH: "2-digit hour 00-23",
  H: "hour 0-23, 1 or 2 digits",
  mm: "2-digit minute",
  ss: "2-digit second",
  SSS: "3-digit milliseconds",
} as const;

type Field = "year" | "month" | "day" | "hour" | "minute" | "second" | "ms";

const TOKEN_RULES: readonly (readonly [string, string, Field])[] = [
  ["yyyy", "(\\d{4})", "year"],
  ["SSS", "(\\d{3})", "ms"],
  ["MM", "(\\d{2})", "month"],
  ["dd", "(\\d{2})", "day"],
  ["HH", "(\\d{2})", "hour"],
  ["mm", "(\\d{2})", "minute"],
  ["ss", "(\\d{2})", "second"],
  ["M", "(\\d{1,2})", "month"],
  ["d", "(\\d{1,2})", "day"],
  ["H", "(\\d{1,2})", "hour"],
];

/** A compiled pattern. */
export interface TimestampPattern {
  readonly source: string;
  readonly regex: RegExp;
  readonly fields: readonly Field[];
}

/**
 * Compiles a pattern; text in single quotes is literal, other non-letters are literal.
 * @returns the pattern, or a message saying what is wrong (unknown letters, no year/month/day, a field twice)
 */
export function compileTimestampPattern(source: string): TimestampPattern | string {
  let re = "";
  const fields: Field[] = [];
  for (let i = 0; i < source.length; ) {
    const ch = source[i]!;
    if (ch === "'") {
      const end = source.indexOf("'", i + 1);
      if (end < 0) return `an unclosed quote at position ${i + 1}`;
      re += escape(source.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      const rule = TOKEN_RULES.find(([t]) => source.startsWith(t, i) && source[i + t.length] !== t[0]);
      if (!rule) {
        let j = i;
        while (source[j] === ch) j++;
        return `unknown pattern letters "${source.slice(i, j)}" at position ${i + 1} (valid: ${Object.keys(PATTERN_TOKENS).join(", ")}; quote literal text with ')`;
      }
      if (fields.includes(rule[2])) return `the ${rule[2]} appears twice`;
      fields.push(rule[2]);
      re += rule[1];
      i += rule[0].length;
      continue;
    }
    re += escape(ch);
    i++;
  }
  for (const f of ["year", "month", "day"] as const) if (!fields.includes(f)) return `no ${f} (a pattern needs yyyy, MM or M, and dd or d)`;
  return { source, regex: new RegExp(`^${re}$`), fields };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Milliseconds since the epoch (UTC) of `text` under `pattern`, or NaN when the text does not match
 * the whole pattern or names a date or time that does not exist.
 */
export function parseWithPattern(text: string, pattern: TimestampPattern): number {
  const m = pattern.regex.exec(text.trim());
  if (!m) return NaN;
  const v = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  pattern.fields.forEach((f, i) => (v[f] = Number(m[i + 1])));
  if (v.year < 1000 || v.month < 1 || v.month > 12 || v.day < 1 || v.hour > 23 || v.minute > 59 || v.second > 59) return NaN;
  const time = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second, v.ms);
  const check = new Date(time);
  return check.getUTCMonth() === v.month - 1 && check.getUTCDate() === v.day ? time : NaN;
}

/**
 * Small checkers for untyped input (YAML configs, JSON). Each throws ConfigError naming the file,
 * the key path and the value received, and lists what is valid.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Where a value sits: file and key path, for messages. */
export interface Where {
  readonly file: string;
  readonly path: string;
}

export function at(where: Where, key: string | number): Where {
  return { file: where.file, path: where.path ? `${where.path}.${key}` : String(key) };
}

export function fail(where: Where, message: string): never {
  throw new ConfigError(`${where.file}: ${where.path || "(top level)"}: ${message}`);
}

export function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/** A plain object whose keys are all in `allowed`. */
export function checkObject(value: unknown, where: Where, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(where, `expected a mapping, got ${show(value)}`);
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(at(where, key), `unknown key "${key}"; valid keys are ${allowed.join(", ")}`);
  }
  return obj;
}

export function checkString(value: unknown, where: Where): string {
  if (typeof value !== "string" || value.length === 0) fail(where, `expected a non-empty string, got ${show(value)}`);
  return value;
}

export function checkNumber(value: unknown, where: Where, range: { min?: number; max?: number; integer?: boolean } = {}): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(where, `expected a number, got ${show(value)}`);
  if (range.integer && !Number.isInteger(value)) fail(where, `expected an integer, got ${show(value)}`);
  // Beyond 2^53 a YAML or JSON number is already rounded (99999999999999999999 reads as 1e20): refuse it
  // rather than run with a different value than the one written.
  if (range.integer && !Number.isSafeInteger(value)) {
    fail(where, `expected an integer of at most ${Number.MAX_SAFE_INTEGER} in size (larger ones cannot be stored exactly and would silently change), got ${show(value)}`);
  }
  if (range.min !== undefined && value < range.min) fail(where, `expected a number >= ${range.min}, got ${show(value)}`);
  if (range.max !== undefined && value > range.max) fail(where, `expected a number <= ${range.max}, got ${show(value)}`);
  return value;
}

export function checkBoolean(value: unknown, where: Where): boolean {
  if (typeof value !== "boolean") fail(where, `expected true or false, got ${show(value)}`);
  return value;
}

export function checkOneOf<T extends string>(value: unknown, where: Where, valid: readonly T[]): T {
  if (typeof value !== "string" || !(valid as readonly string[]).includes(value)) {
    fail(where, `expected one of ${valid.join(", ")}, got ${show(value)}`);
  }
  return value as T;
}

export function checkArray(value: unknown, where: Where): unknown[] {
  if (!Array.isArray(value)) fail(where, `expected a list, got ${show(value)}`);
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A calendar-valid ISO 8601 date ("1997-09-30") or UTC/offset date-time. Date.parse rolls
 * 2020-02-30 over to March 1st; this refuses it instead.
 * @returns the date as given
 */
export function checkIsoDate(value: unknown, where: Where): string {
  const s = checkString(value, where);
  if (!isIsoDate(s)) fail(where, `expected a date such as "1997-09-30" (a real calendar day, e.g. no February 30th; a time needs a zone: "1997-09-30T12:00:00Z"), got ${show(s)}`);
  return s;
}

/** True for a calendar-valid ISO 8601 date or date-time with a zone (no day 30 in February, no hour 25). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return Number.isFinite(Date.parse(s));
}

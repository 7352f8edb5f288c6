import { at, checkArray, checkNumber, checkOneOf, checkString, fail, show, type Where } from "../config/checks.js";

/**
 * The shared first check of every record file (run.json, metrics.json, value.json, sweep.json): a
 * JSON object whose named keys have the expected kinds. Records are written by this program, so the
 * check is shallow: it catches a file of the wrong kind, a truncated or hand-edited one, and names
 * the file, the key and the value received, instead of failing later on `undefined`.
 */
export type KeyKind = "string" | "number" | "object" | "list" | "string-or-null" | readonly string[];

/**
 * Checks that `value` is an object holding each key of `keys` with its kind.
 * @param value parsed JSON
 * @param file the file it came from, for messages
 * @param keys key → expected kind (a list of strings: one of those values); a key ending in "?" may be
 *   absent (older runs, test doubles), but when present must have its kind
 * @returns the object, for the caller to cast to its record type
 * @throws ConfigError naming file, key, value and what was expected
 */
export function checkRecord(value: unknown, file: string, keys: Readonly<Record<string, KeyKind>>): Record<string, unknown> {
  const where: Where = { file, path: "" };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(where, `expected a JSON object, got ${show(value)?.slice(0, 80)}`);
  const obj = value as Record<string, unknown>;
  for (const [name, kind] of Object.entries(keys)) {
    const key = name.replace(/\?$/, "");
    const w = at(where, key);
    const v = obj[key];
    if (v === undefined && key !== name) continue;
    if (typeof kind !== "string") checkOneOf(v, w, kind);
    else if (kind === "string") checkString(v, w);
    else if (kind === "number") checkNumber(v, w);
    else if (kind === "list") checkArray(v, w);
    else if (kind === "string-or-null") {
      if (v !== null) checkString(v, w);
    } else if (typeof v !== "object" || v === null || Array.isArray(v)) fail(w, `expected an object, got ${show(v)}`);
  }
  return obj;
}

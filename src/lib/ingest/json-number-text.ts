/**
 * The text of a JSON number as written in its record. `JSON.parse` turns `1.0`, `1` and `1e0` into
 * the same number and rounds integers beyond 2^53, so an id written as a number would lose what the
 * user typed (two customers could merge). Node 20's `JSON.parse` offers no source text, so the token
 * is found again in the record's text: the value of the key, written as a JSON number, whose parsed
 * value is the one `JSON.parse` returned (a nested object holding the same key with another value
 * does not match).
 */

const NUMBER = "(-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)";
const patterns = new Map<string, RegExp>();

function keyPattern(key: string): RegExp {
  let re = patterns.get(key);
  if (!re) {
    // The key as JSON writes it, then any escape of its characters is not matched: such keys fall back below.
    const quoted = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    re = new RegExp(`${quoted}\\s*:\\s*${NUMBER}`, "g");
    if (patterns.size > 1000) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}

/**
 * The source text of `value`, the number `JSON.parse` read for `key` in `recordText`.
 * @returns the token as written (e.g. "1.0", "9007199254740993"), or null when it cannot be found
 *   (a key written with escapes): the caller then falls back to the parsed value
 */
export function jsonNumberText(recordText: string, key: string, value: number): string | null {
  const re = keyPattern(key);
  re.lastIndex = 0;
  for (let m = re.exec(recordText); m !== null; m = re.exec(recordText)) {
    if (Number(m[1]) === value) return m[1]!;
  }
  return null;
}

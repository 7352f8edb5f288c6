import type { Interactions } from "../../schema/interactions.js";
import type { WhatIfCustomer } from "./what-if-bundle.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The customers a what-if page offers: those seen in the most distinct context combinations (ties:
 * more rows, then lower code), labelled "Customer A", "Customer B", ... — never by identifier.
 * Linear in rows (one pass, a hash set of combinations per customer is avoided by a sort-free key count).
 * @param data synthetic interactions (the models' training dictionaries)
 * @param count how many customers, 1 to 26
 * @throws RangeError when count is outside 1..26
 */
export function pickWhatIfCustomers(data: Interactions, count: number): WhatIfCustomer[] {
  if (!Number.isInteger(count) || count < 1 || count > LETTERS.length) {
    throw new RangeError(`pickWhatIfCustomers: count must be an integer in [1, ${LETTERS.length}], received "${count}"`);
  }
  const C = data.customerIds.length;
  const dims = data.contexts;
  const rows = new Int32Array(C);
  for (let r = 0; r < data.size; r++) rows[data.customer[r]!]!++;
  // Combination key of a row: mixed-radix number over the dimensions' level counts.
  const combos = new Map<number, Set<number>>();
  const levelCounts = dims.map((d) => new Int32Array(C * d.levels.length));
  for (let r = 0; r < data.size; r++) {
    const c = data.customer[r]!;
    let key = 0;
    dims.forEach((d, j) => {
      const code = d.codes[r]!;
      key = key * d.levels.length + code;
      levelCounts[j]![c * d.levels.length + code]!++;
    });
    let set = combos.get(c);
    if (!set) combos.set(c, (set = new Set()));
    set.add(key);
  }
  const order = Array.from({ length: C }, (_, c) => c).sort(
    (a, b) => (combos.get(b)?.size ?? 0) - (combos.get(a)?.size ?? 0) || rows[b]! - rows[a]! || a - b,
  );
  return order.slice(0, Math.min(count, C)).map((c, k) => ({
    label: `Customer ${LETTERS[k]}`,
    code: c,
    usual: dims.map((d, j) => argmax(levelCounts[j]!.subarray(c * d.levels.length, (c + 1) * d.levels.length))),
    contextsSeen: combos.get(c)?.size ?? 0,
  }));
}

/**
 * The most frequent items (ties: lower code), labelled "offer 1", "offer 2", ... by rank.
 * @param data the interactions
 * @param count how many items (at most the number of items)
 * @throws RangeError when count is not a positive integer
 */
export function pickWhatIfItems(data: Interactions, count: number): { code: number; label: string }[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`pickWhatIfItems: count must be a positive integer, received "${count}"`);
  const I = data.itemIds.length;
  const rows = new Int32Array(I);
  for (let r = 0; r < data.size; r++) rows[data.item[r]!]!++;
  return Array.from({ length: I }, (_, i) => i)
    .sort((a, b) => rows[b]! - rows[a]! || a - b)
    .slice(0, Math.min(count, I))
    .map((code, k) => ({ code, label: `offer ${k + 1}` }));
}

function argmax(values: Int32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

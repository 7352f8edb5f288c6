/** Test helper: a small Interactions value from row tuples. */
import type { Interactions } from "../../../src/lib/schema/interactions.js";
import { BINARY_OUTCOME, type OutcomeSpec } from "../../../src/lib/schema/outcome.js";

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);

/** Rows [customer, item, day, outcome, value, ...context codes]; one context dimension per entry of `contexts`. */
export function tinyData(
  rows: readonly (readonly number[])[],
  options: { customers: number; items?: number; contexts?: { name: string; levels: string[] }[]; spec?: OutcomeSpec; noValue?: boolean },
): Interactions {
  const contexts = options.contexts ?? [];
  return {
    size: rows.length,
    customerIds: Array.from({ length: options.customers }, (_, c) => `c${c}`),
    customer: Int32Array.from(rows, (r) => r[0]!),
    itemIds: Array.from({ length: options.items ?? 1 }, (_, i) => `i${i}`),
    item: Int32Array.from(rows, (r) => r[1]!),
    timestamp: Float64Array.from(rows, (r) => T0 + r[2]! * DAY),
    outcome: Float64Array.from(rows, (r) => r[3]!),
    outcomeSpec: options.spec ?? BINARY_OUTCOME,
    value: options.noValue ? null : Float64Array.from(rows, (r) => r[4]!),
    contexts: contexts.map((c, k) => ({ name: c.name, levels: c.levels, codes: Int32Array.from(rows, (r) => r[5 + k]!) })),
    truth: null,
  };
}

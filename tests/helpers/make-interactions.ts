import type { Interactions } from "../../src/lib/schema/interactions.js";
import { BINARY_OUTCOME, type OutcomeSpec } from "../../src/lib/schema/outcome.js";

/** Builds Interactions from small inline string/number arrays (tests only). */
export function makeInteractions(spec: {
  customer: string[];
  item: string[];
  outcome: number[];
  contexts?: Record<string, string[]>;
  timestamp?: number[];
  truth?: number[];
  outcomeSpec?: OutcomeSpec;
}): Interactions {
  const encode = (values: string[]) => {
    const levels: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(values, (v) => {
      if (!index.has(v)) {
        index.set(v, levels.length);
        levels.push(v);
      }
      return index.get(v)!;
    });
    return { levels, codes };
  };
  const c = encode(spec.customer);
  const i = encode(spec.item);
  return {
    size: spec.outcome.length,
    customerIds: c.levels,
    customer: c.codes,
    itemIds: i.levels,
    item: i.codes,
    timestamp: spec.timestamp ? Float64Array.from(spec.timestamp) : null,
    outcome: Float64Array.from(spec.outcome),
    outcomeSpec: spec.outcomeSpec ?? BINARY_OUTCOME,
    value: null,
    contexts: Object.entries(spec.contexts ?? {}).map(([name, values]) => ({ name, ...encode(values) })),
    truth: spec.truth ? Float64Array.from(spec.truth) : null,
  };
}

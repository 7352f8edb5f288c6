import type { Interactions } from "../../../../src/lib/schema/interactions.js";
import type { OutcomeSpec } from "../../../../src/lib/schema/outcome.js";
import { BINARY_OUTCOME } from "../../../../src/lib/schema/outcome.js";
import { createRng } from "../../../../src/lib/random/rng.js";

/**
 * Small interactions with a learnable, pairwise signal: each customer likes items of one parity
 * (customer × item), the context "companion" favours items of one parity (item × context), and
 * three items are popular. "intent" is noise.
 */
export function tinyData(rows: number, seed = 7, spec: OutcomeSpec = BINARY_OUTCOME, customers = 30, items = 12): Interactions {
  const rng = createRng(seed);
  const customer = new Int32Array(rows), item = new Int32Array(rows), outcome = new Float64Array(rows);
  const companion = new Int32Array(rows), intent = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const u = rng.int(customers), i = rng.int(items), c = rng.int(3), k = rng.int(2);
    customer[r] = u;
    item[r] = i;
    companion[r] = c;
    intent[r] = k;
    const logit = ((u + i) % 2 === 0 ? 1.5 : -1.5) + ((i + c) % 2 === 0 ? 1.5 : -1.5) + (i < 3 ? 1 : 0);
    const p = 1 / (1 + Math.exp(-logit));
    if (spec.type === "binary") outcome[r] = rng.next() < p ? 1 : 0;
    else if (spec.type === "rating") outcome[r] = Math.min(spec.max, Math.max(spec.min, Math.round(1 + 4 * p + rng.normal() * 0.3)));
    else if (spec.type === "count") outcome[r] = Math.round(Math.max(0, 10 * p + 2 * rng.normal()));
    else outcome[r] = Math.max(0, 10 * p + rng.normal());
  }
  return {
    size: rows,
    customerIds: Array.from({ length: customers }, (_, k) => `u${k}`),
    customer,
    itemIds: Array.from({ length: items }, (_, k) => `i${k}`),
    item,
    timestamp: null,
    outcome,
    outcomeSpec: spec,
    value: null,
    contexts: [
      { name: "companion", levels: ["alone", "partner", "friends"], codes: companion },
      { name: "intent", levels: ["self", "gift"], codes: intent },
    ],
    truth: null,
  };
}

import type { Interactions } from "../../schema/interactions.js";
import type { OutcomeSpec } from "../../schema/outcome.js";
import type { WhatIfManifest } from "./what-if-bundle.js";

/** One scenario: a customer, an item and one level code per context dimension. */
export interface WhatIfScenario {
  /** Customer code (row of the embedding table). */
  readonly customer: number;
  /** Item code. */
  readonly item: number;
  /** Level code per context dimension, in layout order. */
  readonly levels: readonly number[];
}

/**
 * The scenarios as an Interactions table with the dictionary sizes the saved models were trained
 * with, ready for LearnedModel.predict. Dictionary entries are placeholders: no identifier is needed.
 * @param layout the bundle's layout
 * @param outcome the outcome spec of the training data
 * @param scenarios one row each
 * @throws RangeError when a code lies outside the layout (names the scenario, field and value)
 */
export function whatIfRows(layout: WhatIfManifest["layout"], outcome: OutcomeSpec, scenarios: readonly WhatIfScenario[]): Interactions {
  const n = scenarios.length;
  const customer = new Int32Array(n);
  const item = new Int32Array(n);
  const codes = layout.contexts.map(() => new Int32Array(n));
  scenarios.forEach((s, r) => {
    check(s.customer, layout.customers, `scenario ${r}: customer`);
    check(s.item, layout.items, `scenario ${r}: item`);
    if (s.levels.length !== layout.contexts.length) {
      throw new RangeError(`whatIfRows: scenario ${r}: expected ${layout.contexts.length} context levels, received "${s.levels.length}"`);
    }
    customer[r] = s.customer;
    item[r] = s.item;
    layout.contexts.forEach((c, j) => {
      check(s.levels[j]!, c.levels.length, `scenario ${r}: context "${c.name}"`);
      codes[j]![r] = s.levels[j]!;
    });
  });
  return {
    size: n,
    customerIds: new Array<string>(layout.customers).fill(""),
    customer,
    itemIds: new Array<string>(layout.items).fill(""),
    item,
    timestamp: null,
    outcome: new Float64Array(n),
    outcomeSpec: outcome,
    value: null,
    contexts: layout.contexts.map((c, j) => ({ name: c.name, levels: [...c.levels], codes: codes[j]! })),
    truth: null,
  };
}

function check(code: number, size: number, where: string): void {
  if (!Number.isInteger(code) || code < 0 || code >= size) {
    throw new RangeError(`whatIfRows: ${where}: expected an integer code in [0, ${size - 1}], received "${code}"`);
  }
}

import { UNKNOWN_LEVEL, type Interactions } from "../schema/interactions.js";
import { createRng, permutation } from "../random/rng.js";
import { groupRowsByCustomer } from "./customer-rows.js";
import { splitFromMask, type ProtocolSplit } from "./protocol-split.js";

/** Options of {@link unseenContextSplit}. */
export interface UnseenContextOptions {
  /** Name of the context dimension, e.g. "companion". Required. */
  readonly dimension: string;
  /** Share of qualifying customers that get a held-out level, in (0, 1]. Default 0.3. */
  readonly customerShare?: number;
  /** Seed of the choice of customers and levels. Default 0. */
  readonly seed?: number;
}

/**
 * Unseen-context split: tests whether a model generalizes to a context in which it never saw the
 * customer.
 *
 *   customers seen in ≥ 2 known levels of the dimension ("qualifying")
 *     → a random round(customerShare · qualifying) of them (at least 1)
 *     → for each, one of their levels uniformly at random
 *     → ALL their rows in that level are test data; everything else is training data
 *
 * So no (customer, level) pair of the test part occurs in training, and each test customer keeps
 * training rows in another level. The "unknown" level (context not recorded) neither qualifies
 * a customer nor is held out.
 * @throws RangeError when the dimension does not exist, customerShare is not in (0, 1], or no
 *   customer appears in two known levels
 */
export function unseenContextSplit(data: Interactions, options: UnseenContextOptions): ProtocolSplit {
  const { dimension } = options;
  const customerShare = options.customerShare ?? 0.3;
  const column = data.contexts.find((c) => c.name === dimension);
  if (!column) {
    const names = data.contexts.map((c) => c.name).join(", ") || "(none)";
    throw new RangeError(`unseenContextSplit: context dimension "${dimension}" not found; dimensions are ${names}`);
  }
  if (!(customerShare > 0 && customerShare <= 1)) {
    throw new RangeError(`unseenContextSplit: customerShare must be in (0, 1], got ${customerShare}`);
  }
  const unknown = column.levels.indexOf(UNKNOWN_LEVEL);
  const { offsets, rows } = groupRowsByCustomer(data.customer, data.customerIds.length);
  const customers = data.customerIds.length;
  // Distinct known levels per customer, ascending code, in one flat list (stamp array: O(rows + levels)).
  const levelStart = new Int32Array(customers + 1);
  const levelList: number[] = [];
  const stamp = new Int32Array(column.levels.length).fill(-1);
  const qualifying: number[] = [];
  for (let c = 0; c < customers; c++) {
    const from = levelList.length;
    for (let p = offsets[c]!; p < offsets[c + 1]!; p++) {
      const l = column.codes[rows[p]!]!;
      if (l === unknown || stamp[l] === c) continue;
      stamp[l] = c;
      levelList.push(l);
    }
    if (levelList.length - from > 1) {
      qualifying.push(c);
      sortTail(levelList, from);
    }
    levelStart[c + 1] = levelList.length;
  }
  if (qualifying.length === 0) {
    throw new RangeError(`unseenContextSplit: no customer appears in two or more known levels of "${dimension}", so no context can be held out`);
  }
  const chosen = Math.max(1, Math.round(customerShare * qualifying.length));
  const rng = createRng(options.seed ?? 0).fork(`split:unseen-context:${dimension}`);
  const order = permutation(rng, qualifying.length);
  const picked = Array.from(order.subarray(0, chosen), (q) => qualifying[q]!).sort((a, b) => a - b);
  const heldLevel = new Int32Array(customers).fill(-1);
  for (const c of picked) {
    const from = levelStart[c]!, count = levelStart[c + 1]! - from;
    heldLevel[c] = levelList[from + rng.int(count)]!;
  }
  const isTest = new Uint8Array(data.size);
  for (let i = 0; i < data.size; i++) isTest[i] = heldLevel[data.customer[i]!] === column.codes[i] ? 1 : 0;
  return splitFromMask(
    "unseen-context",
    isTest,
    `unseen context "${dimension}": for ${chosen} of ${qualifying.length} customers seen in two or more ${dimension} levels, all rows in one of their levels are test data, so in training the models never observed them in that context`,
  );
}

/** Sorts list[from..] ascending in place (a customer's few distinct levels). */
function sortTail(list: number[], from: number): void {
  const tail = list.splice(from).sort((a, b) => a - b);
  for (const l of tail) list.push(l);
}

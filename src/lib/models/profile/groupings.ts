import type { Interactions } from "../../schema/interactions.js";
import type { Grouping } from "./additive-effects.js";

/**
 * The groupings the profile models are made of. Keys index the dictionaries of the training data;
 * rows of a test set made with takeRows share those dictionaries, so keys agree.
 */
export function byItem(data: Interactions): Grouping {
  return { name: "item", size: data.itemIds.length, keys: (d) => d.item, itemKey: { levels: 1, inner: null } };
}

export function byCustomer(data: Interactions): Grouping {
  return { name: "customer", size: data.customerIds.length, keys: (d) => d.customer, itemKey: "none" };
}

/** One population effect per level of context dimension `dim`: a fixed effect (a handful of levels, as lme4's IRM peer). */
export function byContext(data: Interactions, dim: number): Grouping {
  const c = contextAt(data, dim);
  return { name: c.name, size: c.levels.length, keys: (d) => contextAt(d, dim).codes, fixed: true, itemKey: "none" };
}

/** One effect per (customer, level of dimension `dim`): the customer in that context. */
export function byCustomerContext(data: Interactions, dim: number): Grouping {
  const c = contextAt(data, dim);
  const levels = c.levels.length;
  return {
    name: `customer×${c.name}`,
    size: data.customerIds.length * levels,
    keys: (d, alloc) => crossKeys(d.customer, contextAt(d, dim).codes, levels, alloc),
    nestedIn: "customer",
    itemKey: "none",
  };
}

/** One effect per (item, level of dimension `dim`): the item's appeal in that context. */
export function byItemContext(data: Interactions, dim: number): Grouping {
  const c = contextAt(data, dim);
  const levels = c.levels.length;
  return {
    name: `item×${c.name}`,
    size: data.itemIds.length * levels,
    keys: (d, alloc) => crossKeys(d.item, contextAt(d, dim).codes, levels, alloc),
    nestedIn: "item",
    itemKey: { levels, inner: (d) => contextAt(d, dim).codes },
  };
}

/**
 * The context-profile model's groupings: item, each context dimension's fixed effect, customer, then
 * per dimension item×context and customer×context.
 */
export function contextProfileGroupings(data: Interactions): Grouping[] {
  return [
    byItem(data),
    ...data.contexts.map((_, k) => byContext(data, k)),
    byCustomer(data),
    ...data.contexts.flatMap((_, k) => [byItemContext(data, k), byCustomerContext(data, k)]),
  ];
}

function crossKeys(outer: Int32Array, inner: Int32Array, innerSize: number, alloc: (n: number) => Int32Array = (n) => new Int32Array(n)): Int32Array {
  const keys = alloc(outer.length);
  for (let i = 0; i < outer.length; i++) keys[i] = outer[i]! * innerSize + inner[i]!;
  return keys;
}

function contextAt(data: Interactions, dim: number) {
  const c = data.contexts[dim];
  if (!c) throw new Error(`context dimension ${dim} is missing: the data has ${data.contexts.length} context dimensions`);
  return c;
}

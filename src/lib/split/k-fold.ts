import type { Interactions } from "../schema/interactions.js";
import { createRng, permutation } from "../random/rng.js";
import { splitFromMask, type ProtocolSplit } from "./protocol-split.js";

/** What a k-fold split assigns to folds: single rows, or all rows of a customer together. */
export const KFOLD_GROUPINGS = {
  row: "rows are dealt to folds independently",
  customer: "all rows of a customer go to the same fold, so test customers are unseen in training",
} as const;

/** One k-fold grouping. */
export type KFoldGrouping = keyof typeof KFOLD_GROUPINGS;

/** Options of {@link kFoldSplits}. */
export interface KFoldOptions {
  /** Number of folds, an integer ≥ 2 and at most the number of units (rows or customers). Default 5. */
  readonly k?: number;
  /** Seed of the assignment to folds. Default 0. */
  readonly seed?: number;
  /** "row" or "customer". Default "row". */
  readonly groupBy?: KFoldGrouping;
}

/**
 * k-fold cross-validation splits: a random permutation of the units (rows or customers) is dealt
 * round-robin to k folds, so fold sizes differ by at most one unit; fold f is the test part of
 * split f. Every row is test data in exactly one split. With groupBy "customer" only customers
 * that have rows are dealt, so no fold is empty for lack of rows.
 * @param data the rows to split
 * @returns k splits, fold 1 first, each with sorted train and test row indices
 * @throws RangeError when k is not an integer ≥ 2, exceeds the number of units, or groupBy is unknown
 */
export function kFoldSplits(data: Interactions, options: KFoldOptions = {}): ProtocolSplit[] {
  const k = options.k ?? 5;
  const groupBy = options.groupBy ?? "row";
  if (!Object.hasOwn(KFOLD_GROUPINGS, groupBy)) {
    throw new RangeError(`kFoldSplits: groupBy must be "row" or "customer", got "${String(groupBy)}"`);
  }
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`kFoldSplits: k must be an integer ≥ 2, got ${k}`);
  const rng = createRng(options.seed ?? 0).fork(`split:kfold:${groupBy}`);
  const foldOfRow = new Int32Array(data.size);
  if (groupBy === "row") {
    if (k > data.size) throw new RangeError(`kFoldSplits: k = ${k} exceeds the ${data.size} rows`);
    const order = permutation(rng, data.size);
    for (let p = 0; p < order.length; p++) foldOfRow[order[p]!] = p % k;
  } else {
    const present = new Uint8Array(data.customerIds.length);
    for (let i = 0; i < data.size; i++) present[data.customer[i]!] = 1;
    const customers: number[] = [];
    for (let c = 0; c < present.length; c++) if (present[c]) customers.push(c);
    if (k > customers.length) throw new RangeError(`kFoldSplits: k = ${k} exceeds the ${customers.length} customers with rows`);
    const order = permutation(rng, customers.length);
    const foldOfCustomer = new Int32Array(data.customerIds.length);
    for (let p = 0; p < order.length; p++) foldOfCustomer[customers[order[p]!]!] = p % k;
    for (let i = 0; i < data.size; i++) foldOfRow[i] = foldOfCustomer[data.customer[i]!]!;
  }
  const splits: ProtocolSplit[] = [];
  for (let f = 0; f < k; f++) {
    const isTest = new Uint8Array(data.size);
    for (let i = 0; i < data.size; i++) isTest[i] = foldOfRow[i] === f ? 1 : 0;
    splits.push(splitFromMask("kfold", isTest, `${k}-fold cross-validation by ${groupBy}: fold ${f + 1} of ${k} is test data`));
  }
  return splits;
}

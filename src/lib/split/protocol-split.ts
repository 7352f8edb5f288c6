import type { Split } from "./holdout.js";

/**
 * The evaluation-protocol splits beyond the single holdout of holdout.ts. Each returns the Split
 * shape (sorted train and test row indices plus a description); only `kind` is wider.
 */
export const PROTOCOL_SPLIT_KINDS = {
  kfold: "k-fold cross-validation: every row (or every customer's rows) is test data in exactly one of k folds",
  "temporal-per-customer": "each customer's latest share of interactions is test data",
  "leave-last-out": "each customer's last interaction is test data",
  "unseen-context": "for some customers, every row in one of their context levels is test data",
  "pair-holdout": "every row of a random share of the (customer, item) pairs is test data, so test pairs are unseen in training",
} as const;

/** One protocol split kind. */
export type ProtocolSplitKind = keyof typeof PROTOCOL_SPLIT_KINDS;

/** True when value is a {@link ProtocolSplitKind}. */
export function isProtocolSplitKind(value: unknown): value is ProtocolSplitKind {
  return typeof value === "string" && Object.hasOwn(PROTOCOL_SPLIT_KINDS, value);
}

/** A Split (holdout.ts) whose kind is one of the protocol kinds. */
export interface ProtocolSplit extends Omit<Split, "kind"> {
  readonly kind: ProtocolSplitKind;
}

/**
 * Builds a split from a 0/1 test mask; row indices come out sorted.
 * @param isTest 1 for test rows, 0 for training rows, one entry per row
 * @param description what was held out; the share of test rows is appended
 * @throws RangeError when either part is empty (message names the kind and both counts)
 */
export function splitFromMask<K extends string = ProtocolSplitKind>(kind: K, isTest: Uint8Array, description: string): { kind: K; train: Int32Array; test: Int32Array; description: string } {
  let nTest = 0;
  for (let i = 0; i < isTest.length; i++) nTest += isTest[i]! ? 1 : 0;
  const train = new Int32Array(isTest.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0, b = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  if (train.length === 0 || test.length === 0) {
    throw new RangeError(`split: the ${kind} split left ${train.length} training and ${test.length} test rows; both must be non-empty`);
  }
  const pct = ((100 * nTest) / isTest.length).toFixed(1);
  return { kind, train, test, description: `${description} (${pct}% of rows)` };
}

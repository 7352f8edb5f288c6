import type { Interactions } from "../schema/interactions.js";
import { createRng } from "../random/rng.js";
import { splitFromMask, type ProtocolSplit } from "./protocol-split.js";

/** Options of {@link pairHoldoutSplit}. */
export interface PairHoldoutOptions {
  /** Share of distinct (customer, item) pairs held out, in (0, 1). Default 0.2. */
  readonly testFraction?: number;
  /** Seed of the choice of pairs. Default 0. */
  readonly seed?: number;
}

/**
 * Codes of the distinct (customer, item) pairs, numbered 0, 1, ... in order of first appearance.
 * @returns pair code per row and the number of distinct pairs
 */
export function pairCodes(data: Interactions): { codes: Int32Array; pairs: number } {
  const items = data.itemIds.length;
  const index = new Map<number, number>();
  const codes = new Int32Array(data.size);
  for (let i = 0; i < data.size; i++) {
    // customer·items + item < 2^53 for any population a run can hold (≤ 2·10^7 customers × 10^6 items)
    const key = data.customer[i]! * items + data.item[i]!;
    let code = index.get(key);
    if (code === undefined) {
      code = index.size;
      index.set(key, code);
    }
    codes[i] = code;
  }
  return { codes, pairs: index.size };
}

/**
 * Pair holdout: every row of a random testFraction of the distinct (customer, item) pairs is test
 * data, so no test row re-rates an item its customer rated in training. This answers "how well
 * does a model predict a customer's outcome on an item it never saw them with?", where a random row
 * split mostly asks "the same customer and item, in another context or at another time".
 * Each pair is drawn in order of first appearance, so the split depends only on the data and seed.
 * @throws RangeError when testFraction is not in (0, 1) or a part is empty (splitFromMask)
 */
export function pairHoldoutSplit(data: Interactions, options: PairHoldoutOptions = {}): ProtocolSplit {
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`pairHoldoutSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const { codes, pairs } = pairCodes(data);
  const rng = createRng(options.seed ?? 0).fork("split:pair-holdout");
  const heldOut = new Uint8Array(pairs);
  for (let p = 0; p < pairs; p++) heldOut[p] = rng.next() < testFraction ? 1 : 0;
  const isTest = new Uint8Array(data.size);
  for (let i = 0; i < data.size; i++) isTest[i] = heldOut[codes[i]!]!;
  return splitFromMask("pair-holdout", isTest, `pair holdout: every row of each (customer, item) pair is test data with probability ${testFraction}, so test pairs are unseen in training`);
}

/**
 * Share of test rows whose (customer, item) pair also occurs among the training rows: what
 * question the split asks. Near 1: mostly "the same customer and item again, in another context or
 * at another time"; 0: "an item the model never saw this customer with".
 * @param train row indices of the training part
 * @param test row indices of the test part
 * @returns the share in [0, 1], or null when test is empty
 */
export function seenPairShare(data: Interactions, train: Int32Array, test: Int32Array): number | null {
  return seenPairShareOfFolds(data, [{ train, test }]);
}

/** {@link seenPairShare} pooled over folds: seen test rows of every fold over all test rows. */
export function seenPairShareOfFolds(data: Interactions, folds: readonly { readonly train: Int32Array; readonly test: Int32Array }[]): number | null {
  const { codes, pairs } = pairCodes(data);
  let seen = 0, total = 0;
  for (const { train, test } of folds) {
    const inTrain = new Uint8Array(pairs);
    for (let k = 0; k < train.length; k++) inTrain[codes[train[k]!]!] = 1;
    for (let k = 0; k < test.length; k++) seen += inTrain[codes[test[k]!]!]!;
    total += test.length;
  }
  return total === 0 ? null : seen / total;
}

/**
 * How much of a dataset re-rates the same (customer, item) pair: distinct pairs, and the share of
 * rows whose pair has two or more rows (those rows are the ones a random row split can put on both
 * sides of the split).
 */
export function repeatedPairs(data: Interactions): { pairs: number; rowsInRepeatedPairs: number; share: number | null } {
  const { codes, pairs } = pairCodes(data);
  const count = new Int32Array(pairs);
  for (let i = 0; i < data.size; i++) count[codes[i]!]!++;
  let rows = 0;
  for (let i = 0; i < data.size; i++) if (count[codes[i]!]! > 1) rows++;
  return { pairs, rowsInRepeatedPairs: rows, share: data.size === 0 ? null : rows / data.size };
}

/** One sentence: which question a split answers, from its seen-pair share. */
export function splitQuestion(share: number | null): string {
  if (share === null) return "no test rows";
  const pct = `${(100 * share).toFixed(1)}%`;
  if (share === 0) return "0% of test rows re-rate a (customer, item) pair seen in training: the split asks how well a model predicts items it never saw the customer with.";
  return `${pct} of test rows re-rate a (customer, item) pair seen in training (the same customer and item in another context or at another time); the rest are pairs unseen in training. A pair-holdout split (split: { kind: pair-holdout }) asks about unseen pairs only.`;
}

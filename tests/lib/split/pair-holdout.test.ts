import { describe, expect, it } from "vitest";
import { holdoutSplit } from "../../../src/lib/split/holdout.js";
import { pairHoldoutSplit, repeatedPairs, seenPairShare, seenPairShareOfFolds, splitQuestion } from "../../../src/lib/split/pair-holdout.js";
import { parseSplitConfig } from "../../../src/lib/config/split-config.js";
import { protocolFolds } from "../../../src/lib/split/protocol-folds.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

/** 30 customers × 8 items, each pair rated 3 times (3 contexts): every row belongs to a repeated pair. */
function repeated() {
  const customer: string[] = [], item: string[] = [], outcome: number[] = [], when: string[] = [];
  for (let c = 0; c < 30; c++) for (let i = 0; i < 8; i++) for (const w of ["a", "b", "c"]) {
    customer.push(`c${c}`);
    item.push(`i${i}`);
    when.push(w);
    outcome.push((c + i) % 2);
  }
  return makeInteractions({ customer, item, outcome, contexts: { when } });
}

const pairKey = (d: ReturnType<typeof repeated>, r: number): string => `${d.customer[r]}:${d.item[r]}`;

describe("pairHoldoutSplit", () => {
  const data = repeated();

  it("puts every row of a pair on one side, so no test pair occurs in training", () => {
    const s = pairHoldoutSplit(data, { testFraction: 0.25, seed: 3 });
    const train = new Set(Array.from(s.train, (r) => pairKey(data, r)));
    expect(Array.from(s.test).some((r) => train.has(pairKey(data, r)))).toBe(false);
    expect(s.train.length + s.test.length).toBe(data.size);
    expect(s.test.length % 3).toBe(0);
    expect(seenPairShare(data, s.train, s.test)).toBe(0);
    expect(s.kind).toBe("pair-holdout");
  });

  it("holds out about testFraction of the pairs, and the same ones for the same seed", () => {
    const s = pairHoldoutSplit(data, { testFraction: 0.25, seed: 3 });
    const pairs = new Set(Array.from(s.test, (r) => pairKey(data, r))).size;
    expect(pairs / 240).toBeGreaterThan(0.15);
    expect(pairs / 240).toBeLessThan(0.35);
    expect(pairHoldoutSplit(data, { testFraction: 0.25, seed: 3 }).test).toEqual(s.test);
    expect(pairHoldoutSplit(data, { testFraction: 0.25, seed: 4 }).test).not.toEqual(s.test);
  });

  it("refuses a testFraction outside (0, 1)", () => {
    expect(() => pairHoldoutSplit(data, { testFraction: 1 })).toThrow(/testFraction must be in \(0, 1\), got 1/);
  });

  it("runs from a config as split kind pair-holdout", () => {
    const split = parseSplitConfig({ kind: "pair-holdout", testFraction: 0.3 }, { file: "x.yaml", path: "split" });
    expect(split).toEqual({ kind: "pair-holdout", testFraction: 0.3 });
    const folds = protocolFolds(data, split, 1);
    expect(folds.kind).toBe("pair-holdout");
    expect(seenPairShareOfFolds(data, folds.folds)).toBe(0);
  });
});

describe("seenPairShare", () => {
  it("is the share of test rows whose pair is in training: near 1 for a random row split of repeated pairs", () => {
    const data = repeated();
    const s = holdoutSplit(data, { kind: "random", testFraction: 0.2, seed: 1 });
    // a test pair is unseen only when all 3 of its rows went to test: P = 0.2² for a test row
    const share = seenPairShare(data, s.train, s.test)!;
    expect(share).toBeGreaterThan(0.9);
    expect(share).toBeLessThan(1);
    let seen = 0;
    const train = new Set(Array.from(s.train, (r) => pairKey(data, r)));
    for (const r of s.test) if (train.has(pairKey(data, r))) seen++;
    expect(share).toBe(seen / s.test.length);
  });

  it("pools folds by rows, and is null without test rows", () => {
    const data = makeInteractions({ customer: ["a", "a", "b", "b"], item: ["x", "x", "y", "z"], outcome: [1, 0, 1, 0] });
    const f1 = { train: Int32Array.from([0, 2]), test: Int32Array.from([1, 3]) }; // row 1 seen (a,x), row 3 unseen
    const f2 = { train: Int32Array.from([1, 3]), test: Int32Array.from([0]) }; // row 0 seen
    expect(seenPairShareOfFolds(data, [f1, f2])).toBe(2 / 3);
    expect(seenPairShare(data, f1.train, new Int32Array(0))).toBeNull();
  });
});

describe("repeatedPairs and splitQuestion", () => {
  it("counts distinct pairs and the rows in pairs recorded more than once", () => {
    const data = makeInteractions({ customer: ["a", "a", "b", "b", "b"], item: ["x", "x", "y", "z", "y"], outcome: [1, 0, 1, 0, 1] });
    expect(repeatedPairs(data)).toEqual({ pairs: 3, rowsInRepeatedPairs: 4, share: 0.8 });
  });

  it("says which question the split answers", () => {
    expect(splitQuestion(0.97)).toMatch(/^97\.0% of test rows re-rate a \(customer, item\) pair seen in training/);
    expect(splitQuestion(0)).toMatch(/never saw the customer with/);
  });
});

import { describe, expect, it } from "vitest";
import { unseenContextSplit } from "../../../src/lib/split/unseen-context.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

const n = 600;
const companions = ["alone", "partner", "friends", "family", "unknown"];
const data = makeInteractions({
  customer: Array.from({ length: n }, (_, i) => `c${i % 40}`),
  item: Array.from({ length: n }, (_, i) => `i${i % 9}`),
  outcome: Array.from({ length: n }, (_, i) => (i * 13) % 3 === 0 ? 1 : 0),
  // customers 0..9 only ever "alone" (+ unknown): they never qualify
  contexts: { companion: Array.from({ length: n }, (_, i) => (i % 40 < 10 ? (i % 7 === 0 ? "unknown" : "alone") : companions[(Math.floor(i / 40) * 3 + i) % 5]!)) },
});
const companion = data.contexts[0]!;
const pair = (r: number) => `${data.customer[r]}|${companion.codes[r]}`;

describe("unseenContextSplit", () => {
  const s = unseenContextSplit(data, { dimension: "companion", customerShare: 0.5, seed: 11 });

  it("is a partition of the rows", () => {
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(s.kind).toBe("unseen-context");
  });

  it("never has a test (customer, level) pair in training, and holds out one known level per chosen customer", () => {
    const trainPairs = new Set(Array.from(s.train, pair));
    for (const r of s.test) expect(trainPairs.has(pair(r))).toBe(false);
    const levelsByCustomer = new Map<number, Set<string>>();
    for (const r of s.test) {
      const set = levelsByCustomer.get(data.customer[r]!) ?? new Set();
      set.add(companion.levels[companion.codes[r]!]!);
      levelsByCustomer.set(data.customer[r]!, set);
    }
    // 30 customers qualify (10..39), half of them are chosen
    expect(levelsByCustomer.size).toBe(15);
    for (const [c, levels] of levelsByCustomer) {
      expect(levels.size).toBe(1);
      expect(levels.has("unknown")).toBe(false);
      expect(c).toBeGreaterThanOrEqual(10);
      // the customer still has training rows, in other contexts
      expect(Array.from(s.train).some((r) => data.customer[r] === c)).toBe(true);
    }
    // every row of a held-out pair is in test
    const testPairs = new Set(Array.from(s.test, pair));
    for (const r of s.train) expect(testPairs.has(pair(r))).toBe(false);
  });

  it("says what it held out", () => {
    expect(s.description).toMatch(/^unseen context "companion": for 15 of 30 customers seen in two or more companion levels, all rows in one of their levels are test data, so in training the models never observed them in that context \(\d+\.\d% of rows\)$/);
  });

  it("is reproducible for a seed and differs between seeds", () => {
    const again = unseenContextSplit(data, { dimension: "companion", customerShare: 0.5, seed: 11 });
    const other = unseenContextSplit(data, { dimension: "companion", customerShare: 0.5, seed: 12 });
    expect([...again.test]).toEqual([...s.test]);
    expect([...other.test]).not.toEqual([...s.test]);
  });

  it("throws clearly when no customer qualifies, the dimension is missing, or the share is bad", () => {
    const single = makeInteractions({ customer: ["a", "a", "b"], item: ["x", "y", "x"], outcome: [1, 0, 1], contexts: { companion: ["alone", "unknown", "partner"] } });
    expect(() => unseenContextSplit(single, { dimension: "companion" })).toThrowError(/no customer appears in two or more known levels of "companion"/);
    expect(() => unseenContextSplit(data, { dimension: "intent" })).toThrowError(/context dimension "intent" not found; dimensions are companion/);
    expect(() => unseenContextSplit(data, { dimension: "companion", customerShare: 0 })).toThrowError(/customerShare must be in \(0, 1\], got 0/);
  });
});

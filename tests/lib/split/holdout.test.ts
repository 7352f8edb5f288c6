import { describe, expect, it } from "vitest";
import { holdoutSplit } from "../../../src/lib/split/holdout.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

const n = 1000;
const data = makeInteractions({
  customer: Array.from({ length: n }, (_, i) => `c${i % 50}`),
  item: Array.from({ length: n }, (_, i) => `i${i % 7}`),
  outcome: Array.from({ length: n }, (_, i) => i % 2),
  timestamp: Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000),
});

describe("holdoutSplit", () => {
  it("partitions every row into exactly one part, sorted", () => {
    const s = holdoutSplit(data, { kind: "random", seed: 3 });
    const all = [...s.train, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
    expect([...s.test]).toEqual([...s.test].sort((a, b) => a - b));
  });

  it("is reproducible for a seed and differs between seeds", () => {
    const a = holdoutSplit(data, { kind: "random", seed: 3 });
    const b = holdoutSplit(data, { kind: "random", seed: 3 });
    const c = holdoutSplit(data, { kind: "random", seed: 4 });
    expect([...a.test]).toEqual([...b.test]);
    expect([...a.test]).not.toEqual([...c.test]);
  });

  it("holds out about testFraction of rows at random", () => {
    const s = holdoutSplit(data, { kind: "random", testFraction: 0.3, seed: 1 });
    // binomial sd at n=1000, p=0.3 is 14.5 rows: 5 sd either side
    expect(s.test.length).toBeGreaterThan(300 - 73);
    expect(s.test.length).toBeLessThan(300 + 73);
  });

  it("auto uses a temporal cut-off when timestamps exist: every test row is later than every training row", () => {
    const s = holdoutSplit(data, { testFraction: 0.2 });
    expect(s.kind).toBe("temporal");
    const ts = data.timestamp!;
    const lastTrain = Math.max(...Array.from(s.train, (r) => ts[r]!));
    const firstTest = Math.min(...Array.from(s.test, (r) => ts[r]!));
    expect(firstTest).toBeGreaterThan(lastTrain);
    expect(s.test.length).toBe(200);
  });

  it("auto falls back to random without timestamps", () => {
    const untimed = { ...data, timestamp: null };
    expect(holdoutSplit(untimed, { seed: 1 }).kind).toBe("random");
  });

  it("rejects a temporal split of data without timestamps and bad fractions", () => {
    expect(() => holdoutSplit({ ...data, timestamp: null }, { kind: "temporal" })).toThrowError(/temporal split needs timestamps/);
    expect(() => holdoutSplit(data, { testFraction: 1.5 })).toThrowError(/testFraction must be in \(0, 1\), got 1.5/);
  });
});

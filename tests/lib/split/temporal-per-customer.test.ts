import { describe, expect, it } from "vitest";
import { leaveLastOutSplit, temporalPerCustomerSplit } from "../../../src/lib/split/temporal-per-customer.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

const day = 86_400_000;
// a: 5 rows out of time order, b: 2 rows with the same time, c: 1 row, d: 10 rows
const customer = ["a", "b", "a", "c", "a", "b", "a", "a", ...Array.from({ length: 10 }, () => "d")];
const timestamp = [5, 3, 1, 9, 4, 3, 2, 3, ...Array.from({ length: 10 }, (_, i) => 10 - i)].map((t) => t * day);
const data = makeInteractions({ customer, item: customer.map((_, i) => `i${i % 3}`), outcome: customer.map(() => 1), timestamp });
const range = (m: number) => Array.from({ length: m }, (_, i) => i);

describe("temporalPerCustomerSplit", () => {
  it("holds out each customer's latest rows, ties by row order, singletons kept in training", () => {
    const s = temporalPerCustomerSplit(data, { testFraction: 0.4 });
    // a (times 5,1,4,2,3 at rows 0,2,4,6,7): round(0.4·5) = 2 latest → rows 0 (t5), 4 (t4)
    // b (rows 1, 5 tied): round(0.8) = 1 → the later row in row order, 5
    // d (rows 8..17, times 10..1): 4 latest → rows 8..11
    expect([...s.test]).toEqual([0, 4, 5, 8, 9, 10, 11]);
    expect([...s.train, ...s.test].sort((x, y) => x - y)).toEqual(range(data.size));
    expect(s.kind).toBe("temporal-per-customer");
    expect(s.description).toMatch(/latest 40% of interactions/);
  });

  it("puts every test row of a customer at or after all of their training rows", () => {
    const s = temporalPerCustomerSplit(data, { testFraction: 0.2 });
    for (const r of s.test) {
      for (const t of s.train) {
        if (data.customer[t] === data.customer[r]) expect(timestamp[t]!).toBeLessThanOrEqual(timestamp[r]!);
      }
    }
  });

  it("keeps at least one training row per customer even at a large fraction", () => {
    const s = temporalPerCustomerSplit(data, { testFraction: 0.99 });
    const trainCustomers = new Set(Array.from(s.train, (r) => data.customer[r]));
    expect(trainCustomers.size).toBe(4);
    expect(s.test.length).toBe(4 + 1 + 9);
  });

  it("rejects bad fractions, missing or non-finite timestamps, and data with only one-off customers", () => {
    expect(() => temporalPerCustomerSplit(data, { testFraction: 1 })).toThrowError(/testFraction must be in \(0, 1\), got 1/);
    expect(() => temporalPerCustomerSplit({ ...data, timestamp: null })).toThrowError(/needs timestamps; this dataset has none/);
    const bad = Float64Array.from(timestamp);
    bad[3] = Number.NaN;
    expect(() => temporalPerCustomerSplit({ ...data, timestamp: bad })).toThrowError(/row 3 column timestamp: expected a finite time in ms, got "NaN"/);
    const oneOff = makeInteractions({ customer: ["a", "b"], item: ["x", "y"], outcome: [1, 0], timestamp: [1, 2] });
    expect(() => temporalPerCustomerSplit(oneOff)).toThrowError(/left 2 training and 0 test rows/);
  });
});

describe("leaveLastOutSplit", () => {
  it("holds out each customer's last row by timestamp, ties by row order", () => {
    const s = leaveLastOutSplit(data);
    expect([...s.test]).toEqual([0, 5, 8]);
    expect(s.kind).toBe("leave-last-out");
    expect(s.description).toMatch(/by timestamp/);
  });

  it("uses row order without timestamps, and can hold out one-off customers", () => {
    const untimed = { ...data, timestamp: null };
    expect([...leaveLastOutSplit(untimed).test]).toEqual([5, 7, 17]);
    expect([...leaveLastOutSplit(untimed, { minInteractions: 1 }).test]).toEqual([3, 5, 7, 17]);
    expect(leaveLastOutSplit(untimed).description).toMatch(/by row order \(no timestamps\)/);
  });

  it("is a partition and rejects bad options", () => {
    const s = leaveLastOutSplit(data, { minInteractions: 3 });
    expect([...s.test]).toEqual([0, 8]);
    expect([...s.train, ...s.test].sort((x, y) => x - y)).toEqual(range(data.size));
    expect(() => leaveLastOutSplit(data, { minInteractions: 0 })).toThrowError(/minInteractions must be an integer ≥ 1, got 0/);
    expect(() => leaveLastOutSplit(data, { minInteractions: 11 })).toThrowError(/left 18 training and 0 test rows/);
  });
});

import { describe, expect, it } from "vitest";
import { isInactiveAt, journeyCode, journeyOf, type Journey } from "../../../src/lib/synthetic/journey.js";

// customer 0: enters at 0, buys at 10, lapses 20..30, buys at 40, churns at 50
// customer 1: enters at 5, lapses at 15 and never returns
const names = ["entered", "first-purchase", "lapsed", "returned", "repeat-purchase", "churned", "entered", "lapsed"] as const;
const journey: Journey = {
  offsets: Int32Array.from([0, 6, 8]),
  kind: Uint8Array.from(names.map(journeyCode)),
  time: Float64Array.from([0, 10, 20, 30, 40, 50, 5, 15]),
};

describe("journey", () => {
  it("lists a customer's events by name", () => {
    expect(journeyOf(journey, 1)).toEqual([
      ["entered", 5],
      ["lapsed", 15],
    ]);
    expect(() => journeyOf(journey, 2)).toThrowError(/customer index "2" is not in \[0, 2\)/);
  });

  it("knows when a customer is dormant or gone", () => {
    const at = (c: number, t: number) => isInactiveAt(journey, c, t);
    expect([0, 19, 20, 29, 30, 50, 51].map((t) => at(0, t))).toEqual([false, false, true, true, false, false, true]);
    expect([5, 14, 15, 1000].map((t) => at(1, t))).toEqual([false, false, true, true]);
  });
});

import { describe, expect, it } from "vitest";
import { countDraws, createRng, resampleCounts, shuffleInPlace, shuffleRange } from "../../../src/lib/random/rng.js";

/** rng.int(n) as first written: rejection below the largest multiple of n, then the `%` remainder; u32 read off a twin generator's next(). */
function referenceInt(twin: { next(): number }, n: number): number {
  const limit = 4294967296 - (4294967296 % n);
  let x = twin.next() * 4294967296;
  while (x >= limit) x = twin.next() * 4294967296;
  return x % n;
}

/** The first index where a and b differ, or -1 (toEqual on millions of entries takes minutes). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe("createRng", () => {
  it("gives the sfc32 outputs it always gave (every seeded result depends on them)", () => {
    // written down from the generator before its state words moved into an Int32Array
    const rng = createRng(1);
    expect(Array.from({ length: 6 }, () => rng.next() * 4294967296)).toEqual([2102104076, 3717405259, 3328215402, 2082366936, 3088890470, 2240311682]);
    const later = createRng(-2.5);
    for (let i = 0; i < 1000; i++) later.next();
    expect(later.next() * 4294967296).toBe(2686422434);
  });

  it("int(n) is the rejection-sampled remainder of the 32-bit output, for small, odd, large and 2^32-sized n", () => {
    for (const n of [1, 2, 3, 7, 1000, 30_000, 2 ** 31 - 1, 2 ** 31 + 11, 3_000_000_019, 4294967295, 4294967296]) {
      const rng = createRng(n), twin = createRng(n);
      for (let i = 0; i < 2000; i++) expect(rng.int(n)).toBe(referenceInt(twin, n));
    }
  });

  it("resampleCounts draws the same customers as n calls of int(n), and always n of them", () => {
    for (const n of [1, 2, 5, 997, 30_000, 250_000]) {
      const rng = createRng(7), twin = createRng(7);
      const counts = new Float64Array(n);
      for (let r = 0; r < 3; r++) {
        resampleCounts(rng, counts);
        const expected = new Float64Array(n);
        for (let k = 0; k < n; k++) expected[twin.int(n)]! += 1;
        expect(counts).toEqual(expected);
        expect(counts.reduce((s, c) => s + c, 0)).toBe(n);
      }
    }
  });

  it("resampleCounts leaves the generator where n calls of int(n) leave it, past thousands of rejected outputs", () => {
    // 2^32 mod 5,000,000 = 4,967,296: about 5,800 of every resample's outputs are rejected
    const n = 5_000_000, rng = createRng(3), twin = createRng(3);
    const counts = new Float64Array(n);
    let rejected = 0;
    for (let r = 0; r < 2; r++) {
      resampleCounts(rng, counts);
      const expected = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        let x = twin.next() * 4294967296;
        while (x >= 4290000000) {
          rejected++;
          x = twin.next() * 4294967296;
        }
        expected[x % n]! += 1;
      }
      expect(firstDifference(counts, expected)).toBe(-1);
      expect(rng.next()).toBe(twin.next());
    }
    expect(rejected).toBeGreaterThan(5000);
  });

  it("shuffleRange makes the swaps of Fisher–Yates with int(i + 1), and leaves the generator where those calls leave it", () => {
    // long ranges: draws of int(i + 1) for i in the millions reject some outputs
    for (const [size, from, to] of [[10, 0, 10], [10, 3, 4], [10, 2, 9], [50_000, 17, 49_990], [3_000_000, 5, 2_999_997]] as const) {
      const rng = createRng(size + from), twin = createRng(size + from);
      const values = Int32Array.from({ length: size }, (_, i) => i), expected = values.slice();
      for (let i = to - from - 1; i > 0; i--) {
        const j = from + twin.int(i + 1);
        [expected[from + i], expected[j]] = [expected[j]!, expected[from + i]!];
      }
      expect(shuffleRange(rng, values, from, to)).toBe(values);
      expect(firstDifference(values, expected)).toBe(-1);
      expect(rng.next()).toBe(twin.next());
    }
    // a range after a longer one reuses the scratch of raw outputs; shuffleInPlace is the whole range
    const rng = createRng(9), twin = createRng(9);
    const short = Float64Array.from({ length: 40 }, (_, i) => i / 2), expected = short.slice();
    shuffleRange(rng, new Int32Array(5000), 0, 5000);
    for (let i = 4999; i > 0; i--) twin.int(i + 1);
    for (let i = 39; i > 0; i--) {
      const j = twin.int(i + 1);
      [expected[i], expected[j]] = [expected[j]!, expected[i]!];
    }
    expect(shuffleInPlace(rng, short)).toEqual(expected);
  });

  it("countDraws counts past 255 in a byte tally exactly, and leaves the tally zero", () => {
    const drawn = new Int32Array(70_000).fill(2);
    for (let k = 0; k < 1000; k++) drawn[k] = 0;
    drawn[1000] = 1;
    const tally = new Uint8Array(4), counts = new Float64Array(4).fill(9);
    expect(Array.from(countDraws(drawn, counts, tally))).toEqual([1000, 1, 70_000 - 1001, 0]);
    expect(Array.from(tally)).toEqual([0, 0, 0, 0]);
  });
});

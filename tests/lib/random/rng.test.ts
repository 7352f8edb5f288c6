import { describe, expect, it } from "vitest";
import { countDraws, createRng, resampleCounts } from "../../../src/lib/random/rng.js";

/** rng.int(n) as first written: rejection below the largest multiple of n, then the `%` remainder; u32 read off a twin generator's next(). */
function referenceInt(twin: { next(): number }, n: number): number {
  const limit = 4294967296 - (4294967296 % n);
  let x = twin.next() * 4294967296;
  while (x >= limit) x = twin.next() * 4294967296;
  return x % n;
}

describe("createRng", () => {
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

  it("countDraws counts past 255 in a byte tally exactly, and leaves the tally zero", () => {
    const drawn = new Int32Array(70_000).fill(2);
    for (let k = 0; k < 1000; k++) drawn[k] = 0;
    drawn[1000] = 1;
    const tally = new Uint8Array(4), counts = new Float64Array(4).fill(9);
    expect(Array.from(countDraws(drawn, counts, tally))).toEqual([1000, 1, 70_000 - 1001, 0]);
    expect(Array.from(tally)).toEqual([0, 0, 0, 0]);
  });
});

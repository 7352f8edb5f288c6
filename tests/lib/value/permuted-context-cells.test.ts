import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { calibrationTally, contextCells } from "../../../src/lib/value/context-cells.js";
import { forEachPermutation } from "../../../src/lib/value/permute-contexts.js";
import { permutedContextCells } from "../../../src/lib/value/permuted-context-cells.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

// rows of 60 customers in random order (customers interleaved), a third after the calibration end;
// values with many digits, so that a cell summed in another order would differ in its last bits;
// customers 0–4 have no row, 5–9 one calibration row; "unknown" in both dimensions
function world(seed: number) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  for (let c = 5; c < 60; c++) {
    const count = c < 10 ? 1 : 2 + rng.int(25);
    for (let k = 0; k < count; k++) {
      const day = c < 10 ? rng.int(10) : rng.int(15);
      const bought = rng.next() < 0.4 ? 1 : 0;
      rows.push([c, 0, day, bought, bought ? rng.next() * 97.3 : 0, rng.int(4), rng.int(3)]);
    }
  }
  for (const r of rows.keys()) {
    const j = r + rng.int(rows.length - r);
    [rows[r], rows[j]] = [rows[j]!, rows[r]!];
  }
  return tinyData(rows, {
    customers: 60,
    contexts: [{ name: "companion", levels: ["alone", "friends", "unknown", "family"] }, { name: "intent", levels: ["unknown", "work", "self"] }],
  });
}
const window = { calibrationEnd: T0 + 10 * DAY, holdoutEnd: T0 + 20 * DAY };

describe("permutedContextCells", () => {
  it("gives every permuted world's cells exactly as contextCells of the world permuteContexts builds", () => {
    for (const seed of [1, 2, 3]) {
      const data = world(seed);
      const tally = calibrationTally(data, window);
      const reference = forEachPermutation(data, window, 7, seed + 50, (p) => contextCells(p, window, tally));
      const direct = permutedContextCells(data, window, 7, seed + 50, tally);
      expect(direct).toEqual(reference);
      // and without a tally given
      expect(permutedContextCells(data, window, 7, seed + 50)).toEqual(reference);
      // the worlds differ from each other and from the data (else the comparison proves little)
      expect(direct[0]![0]!.value).not.toEqual(direct[1]![0]!.value);
      expect(direct[0]![0]!.value).not.toEqual(contextCells(data, window, tally)[0]!.value);
      expect(direct[0]![1]!.unknownRows).toBeGreaterThan(0);
    }
  });

  it("keeps a customer's totals: only the levels of their rows move", () => {
    const data = world(4);
    const [observed] = contextCells(data, window);
    for (const [cells] of permutedContextCells(data, window, 5, 9)) {
      const L = observed!.levels.length;
      for (let c = 0; c < 60; c++) {
        let a = 0, b = 0;
        for (let k = 0; k < L; k++) {
          a += observed!.rows[c * L + k]!;
          b += cells!.rows[c * L + k]!;
        }
        expect(b + 0).toBe(a + 0);
      }
    }
  });

  it("has no cells without context dimensions, and rejects a count that is not a positive integer", () => {
    const plain = tinyData([[0, 0, 1, 1, 5]], { customers: 1 });
    expect(permutedContextCells(plain, window, 3, 1)).toEqual([[], [], []]);
    expect(() => permutedContextCells(world(1), window, 0, 1)).toThrow(/permutations must be a positive integer, got "0"/);
    expect(() => permutedContextCells(world(1), window, 2.5, 1)).toThrow(/permutations must be a positive integer/);
  });
});

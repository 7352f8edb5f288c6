import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { takeRows } from "../../../src/lib/schema/interactions.js";
import { calibrationPositions, calibrationRowsByCustomer, permutedCalibrationRows, permuteContexts, permutationRng } from "../../../src/lib/value/permute-contexts.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

// 40 customers' rows in random order (customers interleaved), days 0–29 with the calibration end at
// day 14, so that a customer's calibration rows are scattered among other customers' rows and among
// their own holdout rows; two context dimensions
function interleaved(seed: number) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  for (let c = 0; c < 40; c++) {
    const count = 1 + rng.int(12);
    for (let k = 0; k < count; k++) rows.push([c, rng.int(5), rng.int(30), rng.next() < 0.4 ? 1 : 0, 0, rng.int(4), rng.int(3)]);
  }
  for (const r of rows.keys()) {
    const j = r + rng.int(rows.length - r);
    [rows[r], rows[j]] = [rows[j]!, rows[r]!];
  }
  return tinyData(rows, { customers: 40, items: 5, contexts: [{ name: "companion", levels: ["a", "b", "c", "d"] }, { name: "intent", levels: ["x", "y", "z"] }] });
}
const window = { calibrationEnd: T0 + 14 * DAY, holdoutEnd: T0 + 30 * DAY };

describe("permutedCalibrationRows", () => {
  it("gives the calibration rows of the world permuteContexts builds, with the copy's other columns shared", () => {
    for (const seed of [1, 2, 3]) {
      const data = interleaved(seed);
      const index = Int32Array.from(data.timestamp!.keys()).filter((i) => data.timestamp![i]! <= window.calibrationEnd);
      expect(index.length).toBeGreaterThan(50);
      expect(index.length).toBeLessThan(data.size);
      const calibration = takeRows(data, index);
      const groups = calibrationRowsByCustomer(data, window);
      const positions = calibrationPositions(data, window, groups);
      for (let p = 0; p < 4; p++) {
        const expected = takeRows(permuteContexts(data, groups, permutationRng(seed, p)), index);
        for (const shared of [false, true]) {
          const rows = permutedCalibrationRows(data, calibration, groups, positions, permutationRng(seed, p), shared);
          expect(rows.contexts.map((d) => Array.from(d.codes))).toEqual(expected.contexts.map((d) => Array.from(d.codes)));
          expect(rows.contexts.map((d) => [d.name, d.levels])).toEqual(expected.contexts.map((d) => [d.name, d.levels]));
          for (const d of rows.contexts) expect(d.codes.buffer instanceof SharedArrayBuffer).toBe(shared);
          // every other column is the calibration copy's own
          expect(rows.customer).toBe(calibration.customer);
          expect(rows.outcome).toBe(calibration.outcome);
          expect(rows.size).toBe(calibration.size);
          // the permutation moved labels (else equal columns prove little)
          expect(Array.from(rows.contexts[0]!.codes)).not.toEqual(Array.from(calibration.contexts[0]!.codes));
        }
      }
    }
  });

  it("refuses rows that are not the calibration rows", () => {
    const data = interleaved(4);
    const groups = calibrationRowsByCustomer(data, window);
    const positions = calibrationPositions(data, window, groups);
    expect(() => permutedCalibrationRows(data, data, groups, positions, permutationRng(4, 0))).toThrow(new RangeError(`permutedCalibrationRows: ${data.size} rows given for ${positions.length} calibration rows`));
  });
});

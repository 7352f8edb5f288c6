import { describe, expect, it } from "vitest";
import { linearizeRows, recomputeRows, shiftRows, sigmoid, type RowTarget } from "../../../../src/lib/models/profile/row-sweeps.js";
import { createRng } from "../../../../src/lib/random/rng.js";

// The profile fit's per-row sweeps (row-sweeps.ts) run on helper threads over row ranges: any split
// must give the numbers of one sweep over every row, and those numbers must be the fit's formulas.
// 5,000 rows cross the rebuild's 2,048-row chunks; the splits start mid-chunk.

const N = 5_000, SIZES = [7, 300, 3];

function target(logit: boolean): RowTarget {
  const rng = createRng(4);
  const stride = logit ? 3 : 1;
  const vec = Float64Array.from({ length: N * stride }, () => rng.normal());
  const y = Float64Array.from({ length: N }, () => (logit ? (rng.next() < 0.3 ? 1 : 0) : rng.normal()));
  const keys = SIZES.map((size) => Int32Array.from({ length: N }, () => rng.int(size)));
  const effects = SIZES.map((size) => Float64Array.from({ length: size }, () => 0.5 * rng.normal()));
  return { vec, stride, logit, y, keys, effects };
}

function inRanges(t: RowTarget, cuts: readonly number[], sweep: (t: RowTarget, from: number, to: number) => void): Float64Array {
  const copy = { ...t, vec: t.vec.slice() };
  const bounds = [0, ...cuts, N];
  for (let r = 0; r + 1 < bounds.length; r++) sweep(copy, bounds[r]!, bounds[r + 1]!);
  return copy.vec;
}

describe("row sweeps of the profile fit", () => {
  for (const logit of [false, true]) {
    const t = target(logit);
    const S = t.stride, col = logit ? 1 : 0;

    it(`rebuild (${logit ? "logit" : "identity"}): intercept plus effects in grouping order, the same in any row ranges`, () => {
      const whole = inRanges(t, [], (x, a, b) => recomputeRows(x, 0.25, a, b));
      for (let i = 0; i < N; i++) {
        let v = logit ? 0.25 : t.y[i]! - 0.25;
        for (let g = 0; g < SIZES.length; g++) v += (logit ? 1 : -1) * t.effects[g]![t.keys[g]![i]!]!;
        if (whole[i * S + col] !== v) throw new Error(`row ${i}: ${whole[i * S + col]} != ${v}`);
      }
      expect(Array.from(inRanges(t, [1_000, 3_333], (x, a, b) => recomputeRows(x, 0.25, a, b)))).toEqual(Array.from(whole));
    });

    it(`shift (${logit ? "logit" : "identity"}): residual down and η up by the key's step, or the intercept's`, () => {
      const step = t.effects[1]!;
      const byKey = inRanges(t, [2_500], (x, a, b) => shiftRows(x, 1, step, 0, a, b));
      const byIntercept = inRanges(t, [17], (x, a, b) => shiftRows(x, -1, step, 0.125, a, b));
      for (const i of [0, 2_047, 2_048, 4_999]) {
        const d = step[t.keys[1]![i]!]!;
        expect(byKey[i * S]).toBe(t.vec[i * S]! - d);
        expect(byIntercept[i * S]).toBe(t.vec[i * S]! - 0.125);
        if (logit) {
          expect(byKey[i * S + 1]).toBe(t.vec[i * S + 1]! + d);
          expect(byIntercept[i * S + 1]).toBe(t.vec[i * S + 1]! + 0.125);
        }
      }
    });
  }

  it("linearization: float32 weight p(1 − p) and working residual (y − p)/weight from η", () => {
    const t = target(true);
    const out = inRanges(t, [3_001], linearizeRows);
    for (const i of [0, 3_000, 3_001, 4_999]) {
      const p = sigmoid(t.vec[i * 3 + 1]!), w = p * (1 - p);
      expect(out[i * 3 + 1]).toBe(t.vec[i * 3 + 1]);
      expect(out[i * 3 + 2]).toBe(Math.fround(w));
      expect(out[i * 3]).toBe((t.y[i]! - p) / w);
    }
  });
});

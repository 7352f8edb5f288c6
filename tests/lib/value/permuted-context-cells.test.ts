import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import type { Interactions } from "../../../src/lib/schema/interactions.js";
import { calibrationTally, contextCells } from "../../../src/lib/value/context-cells.js";
import { forEachPermutation } from "../../../src/lib/value/permute-contexts.js";
import { breadthCounts, BreadthNull, breadthShares } from "../../../src/lib/value/breadth.js";
import { startClvFit, type ClvParams } from "../../../src/lib/value/clv-fit.js";
import { contextValueRatio, FireNull, fireLowest, irmAwareScore } from "../../../src/lib/value/fire-policy.js";
import { meanOver } from "../../../src/lib/value/null-estimate.js";
import { forEachPermutedCell, permutedContextCells } from "../../../src/lib/value/permuted-context-cells.js";
import { relationshipSignals, rulesFor, TypeNull, typeOf } from "../../../src/lib/value/relationship-type.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

// rows of 60 customers in random order (customers interleaved), a third after the calibration end;
// values with many digits, so that a cell summed in another order would differ in its last bits;
// customers 0–4 have no row, 5–9 one calibration row; "unknown" in both dimensions
// spread: days between the fixture's day steps (20: half a year of calibration, so that customers
// grow into partnerships and friendships, types that read context)
function world(seed: number, spread = 1) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  for (let c = 5; c < 60; c++) {
    const count = c < 10 ? 1 : 2 + rng.int(25);
    for (let k = 0; k < count; k++) {
      const day = (c < 10 ? rng.int(10) : rng.int(15)) * spread;
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
const longWindow = { calibrationEnd: T0 + 200 * DAY, holdoutEnd: T0 + 400 * DAY };

// the CLV models at fixed, plausible parameters (fitting them to 60 customers takes seconds and
// ends on the boundary): the nulls read the fit's scores and summary, not how it was found
const fitted = <P>(params: P) => ({ params, logLikelihood: 0, customers: 60, evaluations: 0, converged: true });
const fixedClv = (): (() => ClvParams) => () => ({
  bgNbd: fitted({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.43 }), paretoNbd: fitted({ r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }),
  gammaGamma: { ...fitted({ p: 6.25, q: 3.74, gamma: 15.44 }), excludedNonPositive: 0 },
});
const clvAt = (data: Interactions, w: typeof window) => startClvFit(data, w, {}, fixedClv)();

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

describe("the measures' nulls read world by world (forEachPermutedCell)", () => {
  it("visits each world's dimensions in order, with the tables permutedContextCells keeps", () => {
    const data = world(5);
    const visits: string[] = [];
    const kept = permutedContextCells(data, window, 3, 8);
    forEachPermutedCell(data, window, 3, 8, undefined, (p, d, cells) => {
      visits.push(`${p}.${d}`);
      expect(cells).toEqual(kept[p]![d]);
    });
    expect(visits).toEqual(["0.0", "0.1", "1.0", "1.1", "2.0", "2.1"]);
  });

  it("gives each measure the same null, bit for bit, as the same statistic of every kept world averaged", () => {
    let varying = 0;
    for (const seed of [1, 2, 3]) {
      const data = world(seed, 20), window = longWindow;
      const worlds = permutedContextCells(data, window, 7, seed + 50);
      const observed = contextCells(data, window);
      const fit = clvAt(data, window);
      const breadthNull = observed.map((c) => new BreadthNull(breadthCounts(c).lived));
      const types = new TypeNull(data, fit), fired = new FireNull(fit, data.customerIds.length, 0.5);
      forEachPermutedCell(data, window, 7, seed + 50, undefined, (_p, d, cells) => {
        breadthNull[d]!.add(cells);
        types.add(cells);
        fired.add(cells);
        if (d === observed.length - 1) {
          types.endWorld();
          fired.endWorld();
        }
      });
      observed.forEach((c, d) => {
        const lived = breadthCounts(c).lived;
        const shares = worlds.map((w) => breadthShares(lived, breadthCounts(w[d]!).served));
        expect(breadthNull[d]!.mean()).toEqual({ ratio: meanOver(shares.map((s) => s.ratio)), one: meanOver(shares.map((s) => s.one)) });
      });
      // types: every customer typed on each world's signals, as relationshipTypes types the data
      const rules = rulesFor(true);
      const typed = worlds.map((w) => {
        const s = relationshipSignals(data, fit, w);
        return Int32Array.from({ length: data.customerIds.length }, (_, c) => typeOf(rules, s, c));
      });
      const expected = rules.map((_, k) => meanOver(typed.map((t) => Float64Array.from(t, (x) => (x === k ? 1 : 0)))));
      expect(types.shares()).toEqual(expected);
      // some customer changes type between worlds (else the comparison proves little)
      expect(expected.some((e) => e.some((v) => v > 0 && v < 1))).toBe(true);
      const fires = worlds.map((w) => fireLowest(irmAwareScore(fit, contextValueRatio(w)), fit.summary.customer, 0.5));
      expect(fired.mean()).toEqual(meanOver(fires));
      // customers fired in some worlds only (the fire null's test has teeth)
      varying += fired.mean().filter((v) => v > 0 && v < 1).length;
    }
    expect(varying).toBeGreaterThan(0);
  });

  it("needs a world before a null baseline, and a fire percentile in (0, 1)", () => {
    const data = world(1), fit = clvAt(data, window);
    expect(() => new TypeNull(data, fit).shares()).toThrow(/at least one permuted world/);
    expect(() => new FireNull(fit, data.customerIds.length).mean()).toThrow(/at least one permutation/);
    expect(() => new FireNull(fit, data.customerIds.length, 1.5)).toThrow(/percentile must be in \(0, 1\), got "1.5"/);
  });
});

import { describe, expect, it } from "vitest";
import { fitAdditiveEffects, type Grouping } from "../../../../src/lib/models/profile/additive-effects.js";
import { blocksOf } from "../../../../src/lib/models/profile/block-update.js";
import { createRng } from "../../../../src/lib/random/rng.js";
import type { Interactions } from "../../../../src/lib/schema/interactions.js";

// The joint update of a parent grouping and the groupings nested in it works from a layout built
// once per fit (each parent key's cells: the distinct combinations of its rows' child keys, with
// their 8- or 16-bit slots; each row's cell) and gathers rows in chunks of 65,536 rows.
// These data take the wide path (a parent key with 1 + 300 + 4 unknowns) and several chunks (70,000
// rows over 3 parent keys), where an indexing slip would move effects by far more than rounding.

const PARENTS = 3, CHILD = 300, SECOND = 4, ROWS = 70_000;

interface Simulated {
  readonly data: Interactions;
  readonly groupings: Grouping[];
  readonly truthChild: Float64Array;
}

function simulate(order: "forward" | "reverse"): Simulated {
  const rng = createRng(12);
  const parentEffect = Float64Array.from({ length: PARENTS }, () => rng.normal());
  const truthChild = Float64Array.from({ length: PARENTS * CHILD }, () => 0.8 * rng.normal());
  const secondEffect = Float64Array.from({ length: PARENTS * SECOND }, () => 0.5 * rng.normal());
  const parent = new Int32Array(ROWS), child = new Int32Array(ROWS), second = new Int32Array(ROWS), outcome = new Float64Array(ROWS);
  for (let r = 0; r < ROWS; r++) {
    const i = order === "forward" ? r : ROWS - 1 - r;
    const p = rng.int(PARENTS), c = p * CHILD + rng.int(CHILD), s = p * SECOND + rng.int(SECOND);
    parent[i] = p;
    child[i] = c;
    second[i] = s;
    outcome[i] = parentEffect[p]! + truthChild[c]! + secondEffect[s]! + rng.normal();
  }
  const data: Interactions = {
    size: ROWS,
    customerIds: Array.from({ length: PARENTS }, (_, p) => `p${p}`),
    customer: parent,
    itemIds: ["i"],
    item: new Int32Array(ROWS),
    timestamp: null,
    outcome,
    outcomeSpec: { type: "rating", min: -100, max: 100 },
    value: null,
    contexts: [],
    truth: null,
  };
  const groupings: Grouping[] = [
    { name: "parent", size: PARENTS, keys: () => parent },
    { name: "parent×child", size: PARENTS * CHILD, keys: () => child, nestedIn: "parent" },
    { name: "parent×second", size: PARENTS * SECOND, keys: () => second, nestedIn: "parent" },
  ];
  return { data, groupings, truthChild };
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe("nested-block layout (wide slots, several gathered chunks)", () => {
  const forward = simulate("forward");
  const fitF = fitAdditiveEffects(forward.data, forward.groupings, { passes: 30 });

  it("recovers the nested effects it was simulated with", () => {
    // 1 + 300 + 4 unknowns per parent key: 16-bit slots; about 78 rows per child key
    expect(correlation(fitF.effects[1]!, forward.truthChild)).toBeGreaterThan(0.9);
    expect(fitF.priorSd[1]!).toBeGreaterThan(0.6);
    expect(fitF.priorSd[1]!).toBeLessThan(1.0);
    expect(fitF.residualSd).toBeGreaterThan(0.95);
    expect(fitF.residualSd).toBeLessThan(1.05);
  });

  it("gives the same fit whatever the order of the rows (only rounding differs)", () => {
    const reverse = simulate("reverse");
    const fitR = fitAdditiveEffects(reverse.data, reverse.groupings, { passes: 30 });
    expect(fitR.passes).toBe(fitF.passes);
    for (let g = 0; g < fitF.effects.length; g++) {
      const a = fitF.effects[g]!, b = fitR.effects[g]!;
      let worst = 0;
      for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
      expect(worst).toBeLessThan(1e-8);
    }
  });
});

describe("nested-block cells", () => {
  /** Rows over `parents` keys with `children` nested groupings of `levels` keys each under every parent key. */
  function keysOf(parents: number, children: number, levels: number, rows: number) {
    const rng = createRng(parents * 7 + children);
    const parent = Int32Array.from({ length: rows }, () => rng.int(parents));
    const nested = Array.from({ length: children }, () => parent.map((p) => p * levels + rng.int(levels)));
    const groupings: Grouping[] = [
      { name: "p", size: parents, keys: () => parent },
      ...nested.map((k, c): Grouping => ({ name: `p×c${c}`, size: parents * levels, keys: () => k, nestedIn: "p" })),
    ];
    return { groupings, keys: [parent, ...nested] };
  }

  // 2 children: a cell's slots coded in one number; 4 children of 3,000 rows a key: the code would
  // pass 2^53 and the slots are compared written out
  for (const [parents, children, levels, rows] of [[40, 2, 3, 2_000], [3, 4, 5, 9_000]] as const) {
    it(`give every row the cell of its child keys' slots, distinct within a parent key (${children} children)`, () => {
      const { groupings, keys } = keysOf(parents, children, levels, rows);
      for (const rowOrderMax of [0, Infinity]) {
        const [b] = blocksOf(groupings, keys, rowOrderMax);
        const walked = b!.keyOfRow !== undefined;
        expect(walked).toBe(rowOrderMax === Infinity);
        const cells = new Set<string>();
        for (let r = 0; r < rows; r++) {
          const i = walked ? r : b!.rows[r]!, u = keys[0]![i]!, cell = b!.cellOfRow[r]!;
          expect(cell >= b!.cellStart[u]! && cell < b!.cellStart[u + 1]!).toBe(true);
          for (let c = 0; c < children; c++) {
            // the slot of child c's key: its unknown's position in the parent key's system
            const a = b!.unknownStart[u]! + b!.cellSlots[cell * children + c]!;
            expect([b!.unknownOwner[a], b!.unknownKey[a]]).toEqual([c + 1, keys[c + 1]![i]]);
          }
          cells.add(`${cell}`);
        }
        // every cell is used, and no two cells of a key hold the same slots
        expect(cells.size).toBe(b!.cellStart[parents]);
        for (let u = 0; u < parents; u++) {
          const seen = new Set<string>();
          for (let cell = b!.cellStart[u]!; cell < b!.cellStart[u + 1]!; cell++) seen.add(Array.from(b!.cellSlots.subarray(cell * children, (cell + 1) * children)).join());
          expect(seen.size).toBe(b!.cellStart[u + 1]! - b!.cellStart[u]!);
        }
        // as many cells as distinct combinations of child keys among the key's rows
        const combos = Array.from({ length: parents }, () => new Set<string>());
        for (let i = 0; i < rows; i++) combos[keys[0]![i]!]!.add(keys.slice(1).map((k) => k[i]).join());
        combos.forEach((set, u) => expect(b!.cellStart[u + 1]! - b!.cellStart[u]!).toBe(set.size));
      }
    });
  }
});

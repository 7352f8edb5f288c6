import { describe, expect, it } from "vitest";
import { blockSums, blocksOf, blockRowOrder, blockUnknowns, blockVarianceSums, rowsOfKeyRanges, updateBlockRange, type Block, type BlockTarget } from "../../../../src/lib/models/profile/block-update.js";
import { fitAdditiveEffects, type Grouping } from "../../../../src/lib/models/profile/additive-effects.js";
import type { Interactions } from "../../../../src/lib/schema/interactions.js";
import { createRng } from "../../../../src/lib/random/rng.js";

// A block with few parent keys (item, item×context) is walked in row order: all its systems are built
// side by side in one sequential pass instead of gathering each key's rows, which at millions of rows
// are random reads. Each key's rows still add in row order, so the update must equal the gathered one
// bit for bit, whole or split into key ranges as the helper threads split it, for both links.

const PARENTS = 7, LEVELS = [5, 3, 2], ROWS = 20_000;

function world(logit: boolean) {
  const rng = createRng(31);
  const parent = new Int32Array(ROWS);
  const children = LEVELS.map(() => new Int32Array(ROWS));
  const stride = logit ? 3 : 1;
  const vec = new Float64Array(ROWS * stride);
  for (let i = 0; i < ROWS; i++) {
    // rows in no particular order of the parent key (as items are in customer-sorted data)
    parent[i] = rng.int(PARENTS);
    LEVELS.forEach((l, c) => (children[c]![i] = parent[i]! * l + rng.int(l)));
    vec[i * stride] = rng.normal();
    if (logit) {
      vec[i * stride + 1] = rng.normal();
      vec[i * stride + 2] = 0.05 + 0.2 * rng.next();
    }
  }
  const groupings: Grouping[] = [
    { name: "item", size: PARENTS, keys: () => parent },
    ...LEVELS.map((l, c): Grouping => ({ name: `item×ctx${c}`, size: PARENTS * l, keys: () => children[c]!, nestedIn: "item" })),
  ];
  const keys = [parent, ...children];
  const effects = groupings.map((g) => Float64Array.from({ length: g.size }, () => 0.1 * rng.normal()));
  return { groupings, keys, target: { vec, stride, logit, effects } satisfies BlockTarget };
}

function copy(t: BlockTarget): BlockTarget {
  return { ...t, vec: t.vec.slice(), effects: t.effects.map((e) => e.slice()) };
}

/**
 * The update of every parent key, in the given key ranges one after another (as helper threads share
 * it); returns the target, the largest step and the variance sums (blockVarianceSums).
 */
function run(block: Block, start: BlockTarget, cuts: readonly number[]): { target: BlockTarget; step: number; out: Float64Array } {
  const target = copy(start);
  const tau2 = [0.3, 0.2, 0.1, 0.05], gamma = new Float64Array(blockUnknowns(block)).fill(NaN);
  const bounds = [0, ...cuts, PARENTS];
  // as a helper thread walks its key range: its own rows only (rowsOfKeyRanges)
  const own = block.keyOfRow ? rowsOfKeyRanges(block.keyOfRow, Int32Array.from(bounds)) : null;
  let step = 0;
  for (let r = 0; r + 1 < bounds.length; r++) {
    const rowList = own ? own.rows.subarray(own.start[r]!, own.start[r + 1]!) : null;
    step = Math.max(step, updateBlockRange(target, block, tau2, 0.9, bounds[r]!, bounds[r + 1]!, gamma, rowList));
  }
  // every unknown got its γ term, whichever range it lies in
  expect(gamma.every((g) => g > 0 && g < 1)).toBe(true);
  const out = new Float64Array(blockSums(1 + block.children.length));
  blockVarianceSums(block, target.effects, gamma, out);
  return { target, step, out };
}

describe("block update in row order", () => {
  for (const logit of [false, true]) {
    it(`equals the gathered update bit for bit (${logit ? "logit" : "identity"} link), whole and in key ranges`, () => {
      const { groupings, keys, target } = world(logit);
      const [inKeyOrder] = blocksOf(groupings, keys, 0);
      const [inRowOrder] = blocksOf(groupings, keys);
      expect(inKeyOrder!.keyOfRow).toBeUndefined();
      expect(inRowOrder!.keyOfRow).toBe(keys[0]);
      expect(inRowOrder!.rows.length).toBe(0);
      const reference = run(inKeyOrder!, target, []);
      // the update moved something (a test of equal no-ops would prove nothing)
      expect(reference.step).toBeGreaterThan(1e-3);
      expect(Array.from(reference.target.vec)).not.toEqual(Array.from(target.vec));
      for (const cuts of [[], [3], [1, 4, 6]]) {
        const got = run(inRowOrder!, target, cuts);
        expect(Array.from(got.target.vec)).toEqual(Array.from(reference.target.vec));
        got.target.effects.forEach((e, g) => expect(Array.from(e)).toEqual(Array.from(reference.target.effects[g]!)));
        // the variance sums too, however the keys were split: they are added in unknown order afterwards
        expect(got.step).toBe(reference.step);
        expect(Array.from(got.out)).toEqual(Array.from(reference.out));
      }
    });
  }

  it("gives each key range its own rows, in row order", () => {
    const { keys } = world(false);
    const { rows, start } = rowsOfKeyRanges(keys[0]!, Int32Array.from([0, 2, 5, PARENTS]));
    expect(start[3]).toBe(ROWS);
    for (let t = 0; t < 3; t++) {
      const mine = Array.from(rows.subarray(start[t]!, start[t + 1]!));
      const expected = Array.from(keys[0]!.keys()).filter((i) => keys[0]![i]! >= [0, 2, 5][t]! && keys[0]![i]! < [2, 5, PARENTS][t]!);
      expect(mine).toEqual(expected);
    }
  });

  it("walks only blocks whose systems fit in cache in row order", () => {
    const { groupings, keys } = world(false);
    // 7 keys of at most 1 + 5 + 3 + 2 = 11 unknowns: 7 · 121 numbers at most
    expect(blocksOf(groupings, keys, 7 * 121)[0]!.keyOfRow).toBeDefined();
    expect(blocksOf(groupings, keys, 6 * 121)[0]!.keyOfRow).toBeUndefined();
  });
});

// Rows that come in another order than by customer (by time, as warehouses export them) are grouped
// by the largest gathered block's parent key before the fit, so that its gathers read memory in order.
describe("rows grouped for the gathered block (blockRowOrder)", () => {
  const CUSTOMERS = 40_000, N = 120_000;
  function customers(shuffled: boolean) {
    const rng = createRng(8);
    const customer = new Int32Array(N), item = new Int32Array(N), ctx = new Int32Array(N), y = new Float64Array(N);
    const effect = Float64Array.from({ length: CUSTOMERS }, () => rng.normal());
    for (let i = 0; i < N; i++) {
      customer[i] = Math.floor(i / (N / CUSTOMERS));
      item[i] = rng.int(20);
      ctx[i] = customer[i]! * 2 + rng.int(2);
      y[i] = effect[customer[i]!]! + (ctx[i]! % 2) * 0.5 + rng.normal();
    }
    if (shuffled) {
      const order = Int32Array.from({ length: N }, (_, i) => i);
      for (let i = N - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const pick = <A extends Int32Array | Float64Array>(a: A): A => a.map((_, r) => a[order[r]!]!) as A;
      return { keys: [pick(item), pick(customer), pick(ctx)], y: pick(y) };
    }
    return { keys: [item, customer, ctx], y };
  }
  const groupings: Grouping[] = [
    { name: "item", size: 20, keys: () => new Int32Array(0) },
    { name: "customer", size: CUSTOMERS, keys: () => new Int32Array(0) },
    { name: "customer×ctx", size: 2 * CUSTOMERS, keys: () => new Int32Array(0), nestedIn: "customer" },
  ];

  it("leaves rows already grouped as they are, and orders the others by customer, stably", () => {
    const sorted = customers(false);
    expect(blockRowOrder(groupings, sorted.keys)).toBeNull();

    const shuffled = customers(true);
    const order = blockRowOrder(groupings, shuffled.keys)!;
    expect(order).not.toBeNull();
    // every row once, grouped by customer, rows of one customer in their order
    const seen = new Uint8Array(N);
    let ok = true;
    for (let r = 0; r < N; r++) {
      ok &&= seen[order[r]!] === 0;
      seen[order[r]!] = 1;
      if (r > 0) {
        const a = shuffled.keys[1]![order[r - 1]!]!, b = shuffled.keys[1]![order[r]!]!;
        ok &&= a < b || (a === b && order[r - 1]! < order[r]!);
      }
    }
    expect(ok).toBe(true);
    // a model without a block that outgrows the cache keeps its rows as they come
    expect(blockRowOrder(groupings.slice(0, 2), shuffled.keys.slice(0, 2))).toBeNull();
  });

  it("fits shuffled rows as it fits them grouped (only rounding differs)", () => {
    const fit = (shuffled: boolean) => {
      const { keys, y } = customers(shuffled);
      const data = { size: N, outcome: y, outcomeSpec: { type: "rating", min: -100, max: 100 } } as unknown as Interactions;
      return fitAdditiveEffects(data, groupings.map((g, i) => ({ ...g, keys: () => keys[i]! })), { passes: 40 });
    };
    const a = fit(false), b = fit(true);
    expect(b.passes).toBe(a.passes);
    expect(Math.abs(a.intercept - b.intercept)).toBeLessThan(1e-9);
    a.effects.forEach((e, g) => e.forEach((x, k) => expect(Math.abs(x - b.effects[g]![k]!)).toBeLessThan(1e-8)));
    a.priorSd.forEach((sd, g) => expect(Math.abs(sd - b.priorSd[g]!)).toBeLessThan(1e-9));
  });
});

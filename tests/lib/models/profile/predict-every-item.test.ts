import { describe, expect, it } from "vitest";
import { fitModel, trainedModel, type ModelDefinition } from "../../../../src/lib/models/model.js";
import { bestItemsAdditive, fitAdditiveEffects, predictAdditiveEveryItem, scoresEveryItem, type AdditiveFit, type Grouping } from "../../../../src/lib/models/profile/additive-effects.js";
import { byCustomer, byItem } from "../../../../src/lib/models/profile/groupings.js";
import { contextProfile, customerProfile, popularity } from "../../../../src/lib/models/profile/profile-models.js";
import { createRng } from "../../../../src/lib/random/rng.js";
import { everyItemRows, takeRows, type Interactions } from "../../../../src/lib/schema/interactions.js";
import type { OutcomeSpec } from "../../../../src/lib/schema/outcome.js";
import { makeInteractions } from "../../../helpers/make-interactions.js";

const COMPANIONS = ["alone", "partner", "family"], INTENTS = ["work", "leisure"];

/** Random rows over 40 customers, 7 items and two context dimensions, with outcomes of the given type. */
function simulate(spec: OutcomeSpec, seed: number): Interactions {
  const rng = createRng(seed);
  const customer: string[] = [], item: string[] = [], companion: string[] = [], intent: string[] = [], outcome: number[] = [];
  for (let r = 0; r < 1200; r++) {
    const c = rng.int(40), i = rng.int(7), k = rng.int(3), j = rng.int(2);
    customer.push(`c${c}`);
    item.push(`i${i}`);
    companion.push(COMPANIONS[k]!);
    intent.push(INTENTS[j]!);
    const signal = ((c % 5) - 2) * 0.3 + (i - 3) * 0.2 + (k === c % 3 ? 0.8 : 0) - j * 0.3;
    const value = spec.type === "binary" ? (rng.next() < 1 / (1 + Math.exp(-signal)) ? 1 : 0)
      : spec.type === "rating" ? Math.min(5, Math.max(1, Math.round(3 + signal + rng.normal())))
      : spec.type === "count" ? rng.poisson(Math.exp(signal))
      : Math.exp(signal + rng.normal() * 0.5);
    outcome.push(value);
  }
  return makeInteractions({ customer, item, outcome, outcomeSpec: spec, contexts: { companion, intent } });
}

/** The rows as bytes, so that equal means equal bit for bit (−0 and 0 differ, NaN equals itself). */
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

const SPECS: OutcomeSpec[] = [
  { type: "binary", min: 0, max: 1 },
  { type: "rating", min: 1, max: 5 },
  { type: "count", min: 0, max: Infinity },
  { type: "amount", min: 0, max: Infinity },
  { type: "amount", min: 0, max: Infinity, transform: "log1p" },
];

describe("predictEveryItem", () => {
  it("gives what predict gives every (row, item) pair, bit for bit, for every profile model and outcome type", async () => {
    for (const spec of SPECS) {
      const data = simulate(spec, 7);
      const train = takeRows(data, Int32Array.from({ length: 1000 }, (_, i) => i));
      // units: rows the fit never saw, in contexts and with items of every kind
      const units = takeRows(data, Int32Array.from({ length: 200 }, (_, i) => 1000 + i));
      for (const model of [popularity, customerProfile, contextProfile]) {
        const trained = await fitModel(model, train, { seed: 1 });
        expect(trained.predictEveryItem, `${model.name}, ${spec.type}`).toBeDefined();
        const fast = trained.predictEveryItem!(units);
        const rows = everyItemRows(units);
        expect(fast.length).toBe(200 * 7);
        expect(bytes(fast).equals(bytes(trained.predict(rows))), `${model.name}, ${spec.type}${spec.transform ? " log1p" : ""}`).toBe(true);
      }
    }
  });

  it("scores every item at a row whatever the row's own item, with 0 for keys the fit never had", async () => {
    const data = simulate(SPECS[0]!, 3);
    const trained = await fitModel(contextProfile, data, { seed: 1 });
    const units = takeRows(data, Int32Array.from([0, 1, 2]));
    const moved = { ...units, item: new Int32Array(3).fill(6) };
    expect(bytes(trained.predictEveryItem!(moved)).equals(bytes(trained.predictEveryItem!(units)))).toBe(true);
    // a customer code beyond the fitted table contributes 0 in both paths
    const fit = fitAdditiveEffects(data, [byItem(data), byCustomer(data)], {});
    const stranger = { ...units, customerIds: [...data.customerIds, "new"], customer: Int32Array.from([data.customerIds.length, 0, 1]) };
    const every = predictAdditiveEveryItem(fit, stranger);
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    for (let i = 0; i < 7; i++) expect(every[i]).toBeCloseTo(sigmoid(fit.intercept + fit.effects[0]![i]!), 12);
  });

  it("is left out for a grouping that does not declare how its key depends on the item", () => {
    const data = simulate(SPECS[0]!, 5);
    const undeclared: Grouping = { name: "item-parity", size: 2, keys: (d) => d.item.map((i) => i % 2) };
    expect(scoresEveryItem([byItem(data), undeclared])).toBe(false);
    expect(scoresEveryItem([byItem(data), byCustomer(data)])).toBe(true);
    const fit = fitAdditiveEffects(data, [byItem(data), undeclared], {});
    expect(() => predictAdditiveEveryItem(fit, data)).toThrowError(/grouping "item-parity" does not declare how its key depends on the item/);
  });

  it("is checked like predict, and sees what the model's family may see", () => {
    const data = simulate(SPECS[0]!, 9);
    let seen: Interactions | null = null;
    const def: ModelDefinition = { name: "short", family: "crm", description: "", outcomeTypes: ["binary"], fit: () => { throw new Error("unused"); } };
    const trained = trainedModel(def, {
      predict: (rows) => new Float64Array(rows.size),
      predictEveryItem: (rows) => ((seen = rows), new Float64Array(rows.size)),
      describe: () => ({}),
    });
    expect(() => trained.predictEveryItem!(data)).toThrowError(/model short: predicted 1200 scores for 8400 \(row, item\) pairs/);
    expect(seen!.contexts).toEqual([]);
    const none = trainedModel(def, { predict: (rows) => new Float64Array(rows.size), describe: () => ({}) });
    expect(none.predictEveryItem).toBeUndefined();
  });
});

/** Per row of an every-item table (I items a row): the first item with the largest score, and that score (what targeting's chooseOffers takes). */
function argmax(scores: Float64Array, I: number): { item: Int32Array; score: Float64Array } {
  const n = scores.length / I, item = new Int32Array(n), score = new Float64Array(n).fill(-Infinity);
  for (let u = 0; u < n; u++) {
    for (let i = 0; i < I; i++) {
      if (scores[u * I + i]! > score[u]!) {
        score[u] = scores[u * I + i]!;
        item[u] = i;
      }
    }
  }
  return { item, score };
}

describe("bestItems", () => {
  it("gives the argmax of predictEveryItem and its score, bit for bit, for every profile model and outcome type", async () => {
    for (const spec of SPECS) {
      const data = simulate(spec, 13);
      // two items no training row has: their effects are 0, so they tie with each other everywhere
      const catalogue = { ...data, itemIds: [...data.itemIds, "new-a", "new-b"] };
      const train = takeRows(catalogue, Int32Array.from({ length: 1000 }, (_, i) => i));
      const units = takeRows(catalogue, Int32Array.from({ length: 200 }, (_, i) => 1000 + i));
      for (const model of [popularity, customerProfile, contextProfile]) {
        const trained = await fitModel(model, train, { seed: 1 });
        const label = `${model.name}, ${spec.type}${spec.transform ? " log1p" : ""}`;
        expect(trained.bestItems, label).toBeDefined();
        const best = trained.bestItems!(units), expected = argmax(trained.predictEveryItem!(units), 9);
        expect(Array.from(best.item), label).toEqual(Array.from(expected.item));
        expect(bytes(best.score).equals(bytes(expected.score)), label).toBe(true);
      }
    }
  });

  it("picks the first item on a tie of probabilities whose linear predictors differ (σ saturates past 37 and below −708)", () => {
    const data = simulate(SPECS[0]!, 17);
    const units = takeRows(data, Int32Array.from([0, 1]));
    // item effects: near-equal pairs, saturated ones, subnormal ones (7 items)
    const cases: [number, number[]][] = [
      [0, [0.3, -1, 0.3 + 1e-16, 0.3 - 1e-16, 0.3 + 5e-7, -2, 0.2]],
      [0, [-2, 2 - 2e-7, 2, 2 - 3e-16, 1.5, 2 - 1e-6, 2 - 2e-6]],
      [38, [0, 1, 3, 0.5, 2, -30, 3]],
      [9.999999, [0, 1e-6, 2e-6, -1, 1.5e-6, 0, 0]],
      [-740, [0, 1, 3, 0.5, -5, 2, 3]],
      [-690, [0, 1e-7, 2e-7, -20, 0, 1e-7, 0]],
      // e^−745 and e^−744.9 are the same subnormal
      [-745, [0, 0.1, 0.05, -1, 0, 0, 0]],
    ];
    for (const [intercept, item] of cases) {
      const fit: AdditiveFit = {
        link: "logit", intercept, groupings: [byItem(data)], effects: [Float64Array.from(item)], priorSd: [1], residualSd: 1,
        components: [], passes: 1, converged: true, threads: 1,
      };
      const best = bestItemsAdditive(fit, units, null), expected = argmax(predictAdditiveEveryItem(fit, units), 7);
      expect(Array.from(best.item), `intercept ${intercept}`).toEqual(Array.from(expected.item));
      expect(bytes(best.score).equals(bytes(expected.score)), `intercept ${intercept}`).toBe(true);
    }
  });

  it("is checked like predict: one score and one catalogue item per row", () => {
    const data = simulate(SPECS[0]!, 19);
    const def: ModelDefinition = { name: "chooser", family: "irm", description: "", outcomeTypes: ["binary"], fit: () => { throw new Error("unused"); } };
    const fitted = (item: number, score: number) => trainedModel(def, {
      predict: (rows) => new Float64Array(rows.size),
      predictEveryItem: (rows) => new Float64Array(rows.size * rows.itemIds.length),
      bestItems: (rows) => ({ item: new Int32Array(rows.size).fill(item), score: new Float64Array(rows.size).fill(score) }),
      describe: () => ({}),
    });
    expect(fitted(6, 0.5).bestItems!(data).item[0]).toBe(6);
    expect(() => fitted(7, 0.5).bestItems!(data)).toThrowError(/model chooser: chose item 7 for row 0, outside the catalogue of 7/);
    expect(() => fitted(0, NaN).bestItems!(data)).toThrowError(/model chooser: prediction for row's best item 0 is NaN/);
    const none = trainedModel(def, { predict: (rows) => new Float64Array(rows.size), bestItems: () => ({ item: new Int32Array(0), score: new Float64Array(0) }), describe: () => ({}) });
    expect(none.bestItems, "without predictEveryItem").toBeUndefined();
  });
});

describe("everyItemRows", () => {
  it("repeats each row once per item, item i at position u·I + i, every other column the row's", () => {
    const data = simulate(SPECS[1]!, 11);
    const rows = takeRows(data, Int32Array.from([5, 9]));
    const every = everyItemRows(rows);
    expect(every.size).toBe(14);
    expect(Array.from(every.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6]);
    for (let r = 0; r < 14; r++) {
      const u = Math.floor(r / 7);
      expect(every.customer[r]).toBe(rows.customer[u]);
      expect(every.outcome[r]).toBe(rows.outcome[u]);
      expect(every.contexts[1]!.codes[r]).toBe(rows.contexts[1]!.codes[u]);
    }
    expect(every.itemIds).toBe(data.itemIds);
  });
});

import { describe, expect, it } from "vitest";
import { fitModel, trainedModel, type ModelDefinition } from "../../../../src/lib/models/model.js";
import { fitAdditiveEffects, predictAdditiveEveryItem, scoresEveryItem, type Grouping } from "../../../../src/lib/models/profile/additive-effects.js";
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

import { describe, expect, it } from "vitest";
import { everyItemRows } from "../../../src/lib/schema/interactions.js";
import { targetingSimulation, type ModelScorer } from "../../../src/lib/value/targeting.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

// two customers, two items, one context dimension (alone, friends); everything in calibration
const data = tinyData([[0, 0, 0, 1, 10, 0], [0, 1, 1, 0, 0, 1], [1, 1, 0, 1, 20, 0], [1, 0, 2, 0, 0, 0]], {
  customers: 2, items: 2, contexts: [{ name: "companion", levels: ["alone", "friends"] }],
});
const window = { calibrationEnd: T0 + 5 * DAY, holdoutEnd: T0 + 5 * DAY };
// truth: customer 0 in friends likes item 1 (0.8) over item 0 (0.2); customer 1 alone likes item 0 (0.6) over item 1 (0.3)
const P = [[[0.5, 0.5], [0.2, 0.8]], [[0.6, 0.3], [0.1, 0.1]]];
const truth = { probability: (c: number, i: number, codes: Int32Array) => P[c]![codes[0]!]![i]!, maxContactsPerMonth: [2, 8] };
const itemZero: ModelScorer = { name: "item-zero", score: (rows) => Float64Array.from(rows.item, (i) => (i === 0 ? 0.9 : 0.1)) };
const contextual: ModelScorer = { name: "contextual", score: (rows) => Float64Array.from({ length: rows.size }, (_, r) => P[rows.customer[r]!]![rows.contexts[0]!.codes[r]!]![rows.item[r]!]!) };

describe("targeting", () => {
  it("offers each customer the model's best item in their current context and scores both sides", () => {
    const t = targetingSimulation(data, window, [itemZero, contextual], truth, { targetShare: 1, contactsPerMonth: 4, seed: 1, resamples: 20 });
    expect(t.mode).toBe("ground truth");
    expect(t.units).toBe(2);
    const [a, b] = t.models;
    // current contexts: customer 0 friends (last row), customer 1 alone
    // item-zero offers item 0 to both: P 0.2 and 0.6; relevance 0.2/0.8 and 1
    expect(a!.firm.acceptances).toBeCloseTo(0.8, 12);
    expect(a!.customer.relevance.estimate).toBeCloseTo((0.25 + 1) / 2, 12);
    // revenue: P × calibration value per purchase (customer 0: 10, customer 1: 20)
    expect(a!.firm.revenue).toBeCloseTo(0.2 * 10 + 0.6 * 20, 12);
    expect(b!.firm.acceptances).toBeCloseTo(1.4, 12);
    expect(b!.customer.relevance.estimate).toBe(1);
    // 4 contacts: customer 0 welcomes 2 (2 too many), customer 1 welcomes 8
    expect(b!.customer).toMatchObject({ excessContacts: 2, optOutRiskShare: 0.5, doNotContactTargeted: 0 });
  });

  it("contacts only the top share of units by the model's own score", () => {
    const t = targetingSimulation(data, window, [contextual], truth, { targetShare: 0.5, seed: 1, resamples: 20 });
    // contextual scores customer 0's best at 0.8 over customer 1's 0.6: only customer 0 is contacted
    expect(t.models[0]!.targeted).toBe(1);
    expect(t.models[0]!.firm.acceptances).toBeCloseTo(0.8, 12);
  });

  it("replays holdout outcomes where the chosen item has one", () => {
    const replayData = tinyData([[0, 0, 0, 1, 10, 0], [0, 0, 10, 1, 15, 0], [1, 1, 11, 0, 0, 0]], {
      customers: 2, items: 2, contexts: [{ name: "companion", levels: ["alone", "friends"] }],
    });
    const t = targetingSimulation(replayData, { calibrationEnd: T0 + 5 * DAY, holdoutEnd: T0 + 20 * DAY }, [itemZero], null, { targetShare: 1, seed: 1, resamples: 20 });
    expect(t.mode).toBe("holdout replay");
    expect(t.units).toBe(2);
    // customer 0 gets item 0, which has a holdout outcome (accepted, 15); customer 1 gets item 0, which has none
    expect(t.models[0]).toMatchObject({ targeted: 2, evaluated: 1, firm: { acceptances: 1, revenue: 15 }, customer: { excessContacts: null } });
  });

  it("replays a purchase log over every calibration customer, so targeting the wrong customers shows (not every offer accepted)", () => {
    // purchases only, no context: customer 0 buys again in the holdout, customer 1 does not
    const log = tinyData([[0, 0, 0, 1, 10], [1, 0, 1, 1, 20], [0, 0, 10, 1, 15]], { customers: 2, items: 1 });
    const w = { calibrationEnd: T0 + 5 * DAY, holdoutEnd: T0 + 20 * DAY };
    const byCustomer = (name: string, favourite: number): ModelScorer => ({ name, score: (rows) => Float64Array.from(rows.customer, (c) => (c === favourite ? 1 : 0)) });
    const t = targetingSimulation(log, w, [byCustomer("right", 0), byCustomer("wrong", 1)], null, { targetShare: 0.5, seed: 1, resamples: 20, reference: "wrong" });
    expect(t.units).toBe(2);
    expect(t.models[0]).toMatchObject({ model: "right", targeted: 1, evaluated: 1, firm: { acceptances: 1, revenue: 15 } });
    expect(t.models[1]).toMatchObject({ model: "wrong", targeted: 1, evaluated: 1, firm: { acceptances: 0, revenue: 0 } });
    expect(t.comparisons[0]!.acceptanceRate.estimate).toBe(1);
    expect(t.notes.join(" ")).toMatch(/purchase log/);
  });

  it("scores every item at once through scoreEveryItem when the model has it, with the same campaign", () => {
    const calls: number[] = [];
    // the contextual scorer's table through scoreEveryItem; its row scorer would offer item 0 to everyone
    const fast: ModelScorer = {
      name: "contextual",
      score: itemZero.score,
      scoreEveryItem: (rows) => ((calls.push(rows.size), contextual.score(everyItemRows(rows)))),
    };
    const options = { targetShare: 1, contactsPerMonth: 4, seed: 1, resamples: 20 };
    const viaRows = targetingSimulation(data, window, [itemZero, contextual], truth, options);
    const viaEveryItem = targetingSimulation(data, window, [itemZero, fast], truth, options);
    expect(calls).toEqual([2]);
    expect(viaEveryItem).toEqual(viaRows);
  });

  it("chooses through bestItems when the scorer has it, with the same campaign", () => {
    const calls: number[] = [];
    // the contextual scorer's argmax through bestItems; its row scorer would offer item 0 to everyone
    const best: ModelScorer = {
      name: "contextual",
      score: itemZero.score,
      scoreEveryItem: () => {
        throw new Error("unused when bestItems is there");
      },
      bestItems: (rows) => {
        calls.push(rows.size);
        const I = rows.itemIds.length, s = contextual.score(everyItemRows(rows));
        const item = new Int32Array(rows.size), score = new Float64Array(rows.size).fill(-Infinity);
        for (let u = 0; u < rows.size; u++) for (let i = 0; i < I; i++) if (s[u * I + i]! > score[u]!) [score[u], item[u]] = [s[u * I + i]!, i];
        return { item, score };
      },
    };
    const options = { targetShare: 1, contactsPerMonth: 4, seed: 1, resamples: 20 };
    const viaRows = targetingSimulation(data, window, [itemZero, contextual], truth, options);
    const viaBest = targetingSimulation(data, window, [itemZero, best], truth, options);
    expect(calls).toEqual([2]);
    expect(viaBest).toEqual(viaRows);
  });

  it("rejects an invalid target share with the value quoted", () => {
    expect(() => targetingSimulation(data, window, [itemZero], truth, { targetShare: 0, seed: 1 })).toThrowError(/targetShare must be in \(0, 1\], got "0"/);
  });
});

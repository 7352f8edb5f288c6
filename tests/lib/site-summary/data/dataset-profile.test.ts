import { describe, expect, it } from "vitest";
import { partitionCells, profileDataset } from "../../../../src/lib/site-summary/data/dataset-profile.js";
import { makeInteractions } from "../../../helpers/make-interactions.js";

// 12 customers seen alone (bought), 3 of them also seen once with family (did not buy).
const customers = Array.from({ length: 12 }, (_, i) => `c${i}`);
const data = makeInteractions({
  customer: [...customers, "c0", "c1", "c2"],
  item: Array(15).fill("i1"),
  outcome: [...Array(12).fill(1), 0, 0, 0],
  contexts: { companion: [...Array(12).fill("alone"), "family", "family", "family"] },
});

describe("dataset-profile", () => {
  it("counts rows and customers per context level, combinations per customer and outcome values", () => {
    const p = profileDataset(data, 3);
    expect(p).toEqual({
      rows: 15, customers: 12, items: 1, outcomeType: "binary",
      contexts: [{ name: "companion", levels: [
        { level: "alone", rows: 12, customers: 12, suppressed: false },
        { level: "family", rows: 3, customers: 3, suppressed: false },
      ] }],
      contextsPerCustomer: [
        { contexts: "1", rows: 9, customers: 9, suppressed: false },
        { contexts: "2", rows: 6, customers: 3, suppressed: false },
        ...["3", "4", "5", "6", "7", "8", "9", "10+"].map((contexts) => ({ contexts, rows: 0, customers: 0, suppressed: false })),
      ],
      // 3 customers rated the one item twice: 6 of 15 rows re-rate a pair
      repeatedPairs: { pairs: 12, share: 0.4, question: "40.0% of rows belong to (customer, item) pairs recorded more than once: under a random row split their test rows mostly re-rate a pair seen in training (the same customer and item in another context or at another time); split kind pair-holdout asks about unseen pairs only." },
      outcome: [
        { bin: "0", lower: 0, upper: 1, rows: 3, customers: 3, suppressed: false },
        { bin: "1", lower: 1, upper: Infinity, rows: 12, customers: 12, suppressed: false },
      ],
    });
  });

  it("suppresses every cell with fewer than k customers (but more than none), by default k = 10", () => {
    const p = profileDataset(data);
    expect(p.contexts[0]!.levels[1]).toEqual({ level: "other (1 level)", rows: null, customers: null, suppressed: true });
    expect(p.contextsPerCustomer[1]).toEqual({ contexts: "2", rows: null, customers: null, suppressed: true });
    expect(p.contextsPerCustomer[0]).toEqual({ contexts: "1", rows: null, customers: null, suppressed: true });
    expect(p.contextsPerCustomer[2]).toEqual({ contexts: "3", rows: 0, customers: 0, suppressed: false });
    // one of two outcome bins is small: the other is withheld too, or the total would reveal it
    expect(p.outcome.map((o) => o.suppressed)).toEqual([true, true]);
  });

  it("withholds the smallest other cell when exactly one cell of a partition is small (complementary suppression)", () => {
    expect(partitionCells([374, 900, 3769], [9, 20, 68], 10).map((c) => c.suppressed)).toEqual([true, true, false]);
    // two small cells hide each other; empty cells are shown as zero and never chosen
    expect(partitionCells([5, 6, 0, 500], [3, 4, 0, 60], 10).map((c) => c.customers)).toEqual([null, null, 0, 60]);
    // no small cell: everything shown
    expect(partitionCells([50, 60], [12, 15], 10).map((c) => c.rows)).toEqual([50, 60]);
  });

  it("bins a continuous outcome into ten ranges up to the 99th percentile", () => {
    const amounts = makeInteractions({
      customer: Array.from({ length: 100 }, (_, i) => `c${i}`), item: Array(100).fill("i"),
      outcome: Array.from({ length: 100 }, (_, i) => i + 0.5), outcomeSpec: { type: "amount" } as never,
    });
    const p = profileDataset(amounts, 1);
    expect(p.outcome).toHaveLength(10);
    expect(p.outcome.map((o) => o.rows)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    // edges every (99.5 − 0) / 10 = 9.95 from 0; the last bin starts at 89.55, shown to 3 significant digits (binary 89.5499…)
    expect(p.outcome[9]!.bin).toBe("≥ 89.5");
  });

  it("rejects a threshold that is not a positive integer, quoting it", () => {
    expect(() => profileDataset(data, 0)).toThrowError(/profileDataset: minCellCustomers must be a positive integer, received "0"/);
    expect(() => profileDataset(data, 2.5)).toThrowError(/received "2\.5"/);
  });
});

import { describe, expect, it } from "vitest";
import type { ClvFit } from "../../../src/lib/value/clv-fit.js";
import { contextCells } from "../../../src/lib/value/context-cells.js";
import { fireList } from "../../../src/lib/value/fire-list.js";
import { DAY, T0, tinyData } from "./tiny-data.js";

// five scored customers; CLV 1..5 (customer 4 lowest); the lowest 40% (2) are fired: customers 4 and 3
const fit = {
  clv: Float64Array.from([5, 4, 3, 2, 1]),
  summary: { customer: Int32Array.from([0, 1, 2, 3, 4]), holdoutTransactions: Float64Array.from([1, 0, 0, 0, 2]) },
  holdoutValue: Float64Array.from([10, 0, 0, 0, 30]),
  months: 12,
} as unknown as ClvFit;

describe("fire-list", () => {
  it("fires the lowest CLV share and counts what the fired were worth later", () => {
    const f = fireList(fit, [], { percentile: 0.4, seed: 1, resamples: 50 });
    expect(f.fired).toBe(2);
    expect(f.clvCutoff).toBe(2);
    expect(f.valuableInContext).toBe("no context recorded");
    // holdout q3 of [10,0,0,0,30] is 10: customer 4 (30) is valuable later, customer 3 is not
    expect(f.valuableInHoldout.estimate).toBe(0.5);
    expect(f.cameBack.estimate).toBe(0.5);
    expect(f.valueLost.estimate).toBe(30);
    expect(f.valueLostShare.estimate).toBe(0.75);
  });

  it("flags fired customers who are top-quartile buyers in some context", () => {
    // customer 3 is the only buyer in level "gift" (value 7), so it is that level's top quartile
    const data = tinyData([[0, 0, 0, 1, 50, 0], [1, 0, 0, 1, 40, 0], [2, 0, 0, 1, 30, 0], [3, 0, 0, 1, 7, 1], [4, 0, 0, 1, 1, 0], [3, 0, 1, 1, 1, 0]], {
      customers: 5, contexts: [{ name: "intent", levels: ["self", "gift"] }],
    });
    const cells = contextCells(data, { calibrationEnd: T0 + DAY, holdoutEnd: T0 + DAY });
    const f = fireList(fit, cells, { percentile: 0.4, seed: 1, resamples: 50 });
    expect(f.valuableInContext).toMatchObject({ estimate: 0.5 });
  });

  it("rejects a percentile outside (0, 1) with the value quoted", () => {
    expect(() => fireList(fit, [], { percentile: 1.5, seed: 1 })).toThrowError(/percentile must be in \(0, 1\), got "1.5"/);
  });
});

import { describe, expect, it } from "vitest";
import { bgNbdModel, fitBgNbd } from "../../../src/lib/clv/bg-nbd.js";
import { DAY_MS, WEEK_MS } from "../../../src/lib/clv/purchase-days.js";
import { rfmSummary } from "../../../src/lib/clv/rfm.js";
import { trackingData } from "../../../src/lib/clv/tracking.js";
import type { TransactionModel } from "../../../src/lib/clv/transaction-model.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, CDNOW_PRESENT, CDNOW_START, readCdnow } from "./cdnow-data.js";

// a model expecting one repeat transaction per period since birth: E[X(t)] = t
const linear: TransactionModel = { name: "linear", expected: (t) => t, conditionalExpected: (_x, _tx, _T, t) => t, pAlive: () => 1 };

describe("tracking", () => {
  it("counts repeat purchase days per week and sums each customer's expectation from their own birth", () => {
    const start = Date.UTC(2020, 0, 6);
    const d = (k: number): number => start + k * DAY_MS;
    // customer 0 born day 0, repeats day 3, 3 (same day), 9; customer 1 born day 7, repeats day 8;
    // customer 2 born day 20 (after calibration end day 14): not tracked
    const log = {
      customer: Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2]),
      time: Float64Array.from([d(0), d(3), d(3), d(9), d(7), d(8), d(20), d(21)]),
      amount: null,
      customers: 3,
    };
    const t = trackingData(log, linear, { start, periods: 3, calibrationEnd: d(14) });
    expect(t).toEqual({
      period: Int32Array.from([1, 2, 3]),
      actualIncremental: Float64Array.from([1, 2, 0]),
      predictedIncremental: Float64Array.from([1, 2, 2]),
      actualCumulative: Float64Array.from([1, 3, 3]),
      predictedCumulative: Float64Array.from([1, 3, 5]),
      customers: 2,
    });
  });

  it("rejects a bad period count and a bad log with the value quoted", () => {
    const log = { customer: Int32Array.from([0]), time: Float64Array.from([0]), amount: null, customers: 1 };
    expect(() => trackingData(log, linear, { start: 0, periods: 0, calibrationEnd: 0 })).toThrowError(/periods must be a positive integer, got "0"/);
    expect(() => trackingData({ ...log, customers: 0 }, linear, { start: 0, periods: 1, calibrationEnd: 0 })).toThrowError(
      /trackingData: row 0 column customer: code "0" is outside \[0, 0\)/,
    );
  });
});

describe.skipIf(!CDNOW_PRESENT)("tracking on CDNOW_sample (78 weeks)", () => {
  it("actual holdout weeks add up to the per-customer holdout counts, and BG/NBD tracks the total within 5%", () => {
    const log = readCdnow("CDNOW_sample.txt");
    const s = rfmSummary(log, { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END });
    const model = bgNbdModel(fitBgNbd(s).params);
    const t = trackingData(log, model, { start: CDNOW_START, periods: 78, calibrationEnd: CDNOW_CAL_END, periodMs: WEEK_MS });
    const holdoutTotal = s.holdoutTransactions.reduce((a, b) => a + b, 0);
    expect(t.actualCumulative[77]! - t.actualCumulative[38]!).toBe(holdoutTotal);
    expect(t.actualCumulative[38]).toBe(s.frequency.reduce((a, b) => a + b, 0));
    expect(Math.abs(t.predictedCumulative[77]! / t.actualCumulative[77]! - 1)).toBeLessThan(0.05);
    // the expectation summed per week equals the cumulative expectation at week 78
    expect(t.predictedIncremental.reduce((a, b) => a + b, 0)).toBeCloseTo(t.predictedCumulative[77]!, 6);
  });
});

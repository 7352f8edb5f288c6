import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { rfmSummary } from "../../../src/lib/clv/rfm.js";
import { DAY_MS } from "../../../src/lib/clv/purchase-days.js";
import { CDNOW_CAL_END, CDNOW_DIR, CDNOW_HOLDOUT_END, CDNOW_PRESENT, readCdnow } from "./cdnow-data.js";

const day = (d: number): number => Date.UTC(2020, 0, 1) + d * DAY_MS;

describe("rfm", () => {
  it("merges same-day transactions, counts repeat days, and splits calibration from holdout", () => {
    // customer 0: days 0 (2 rows), 7, 14 | holdout 30, 30, 35; customer 1: day 21 only;
    // customer 2: first purchase after calibration end (excluded); customer 3: no rows
    const log = {
      customer: Int32Array.from([0, 0, 0, 1, 0, 0, 2, 0, 0]),
      time: Float64Array.from([day(0), day(0) + 3600e3, day(14), day(21), day(7), day(30), day(29), day(30), day(35)]),
      amount: Float64Array.from([10, 5, 30, 8, 20, 1, 3, 2, 4]),
      customers: 4,
    };
    const s = rfmSummary(log, { calibrationEnd: day(28), holdoutEnd: day(56) });
    expect(s).toEqual({
      customer: Int32Array.from([0, 1]),
      frequency: Float64Array.from([2, 0]),
      recency: Float64Array.from([2, 0]),
      T: Float64Array.from([4, 1]),
      monetary: Float64Array.from([25, 0]),
      averageSpend: Float64Array.from([65 / 3, 8]),
      birth: Float64Array.from([day(0), day(21)]),
      holdoutTransactions: Float64Array.from([2, 0]),
      holdoutLength: 4,
      excludedAfterCalibration: 1,
      withoutTransactions: 1,
      periodMs: 7 * DAY_MS,
    });
  });

  it("uses the period given (days) and has no holdout by default", () => {
    const log = { customer: Int32Array.from([0, 0]), time: Float64Array.from([day(0), day(3)]), amount: null, customers: 1 };
    const s = rfmSummary(log, { calibrationEnd: day(10), periodMs: DAY_MS });
    expect([s.frequency[0], s.recency[0], s.T[0], s.monetary[0], s.holdoutLength]).toEqual([1, 3, 10, 0, 0]);
  });

  it("rejects bad rows and options with row, column and value", () => {
    const ok = { customer: Int32Array.from([0]), time: Float64Array.from([0]), amount: Float64Array.from([1]), customers: 1 };
    expect(() => rfmSummary({ ...ok, customer: Int32Array.from([3]) }, { calibrationEnd: 0 })).toThrowError(
      /rfmSummary: row 0 column customer: code "3" is outside \[0, 1\)/,
    );
    expect(() => rfmSummary({ ...ok, time: Float64Array.from([NaN]) }, { calibrationEnd: 0 })).toThrowError(/row 0 column time: .* got "NaN"/);
    expect(() => rfmSummary({ ...ok, amount: Float64Array.from([Infinity]) }, { calibrationEnd: 0 })).toThrowError(/row 0 column amount: .* got "Infinity"/);
    expect(() => rfmSummary({ ...ok, time: new Float64Array(2) }, { calibrationEnd: 0 })).toThrowError(/column time has 2 rows, expected 1/);
    expect(() => rfmSummary(ok, { calibrationEnd: 10, holdoutEnd: 5 })).toThrowError(/holdoutEnd must be >= calibrationEnd \(10\), got "5"/);
    expect(() => rfmSummary(ok, { calibrationEnd: 0, periodMs: 0 })).toThrowError(/periodMs must be > 0, got "0"/);
  });
});

describe.skipIf(!CDNOW_PRESENT)("rfm on CDNOW_sample", () => {
  it("reproduces frequency, recency and T of cdnow_customers_summary.csv for all 2,357 customers", () => {
    const s = rfmSummary(readCdnow("CDNOW_sample.txt"), { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END });
    const rows = readFileSync(`${CDNOW_DIR}/cdnow_customers_summary.csv`, "utf8").trim().split("\n").slice(1);
    expect(s.customer.length).toBe(2357);
    expect(rows.length).toBe(2357);
    expect(s.excludedAfterCalibration).toBe(0);
    let worst = 0;
    rows.forEach((line, i) => {
      const [id, x, tx, T] = line.split(",").map(Number);
      expect(id).toBe(i + 1);
      expect(s.frequency[i]).toBe(x);
      worst = Math.max(worst, Math.abs(s.recency[i]! - tx!), Math.abs(s.T[i]! - T!));
    });
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9); // the csv rounds to 2 decimals
    expect([s.frequency[1515], s.recency[1515], s.T[1515]]).toEqual([26, 216 / 7, 31]);
    expect(s.holdoutLength).toBe(39);
    expect(s.frequency.reduce((a, b) => a + (b > 0 ? 1 : 0), 0)).toBe(946);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { bgNbdModel, fitBgNbd } from "../../../src/lib/clv/bg-nbd.js";
import { frequencyVsHoldout, holdoutErrors, holdoutPredictions } from "../../../src/lib/clv/holdout-evaluation.js";
import { fitParetoNbd, paretoNbdModel } from "../../../src/lib/clv/pareto-nbd.js";
import { rfmSummary, type RfmSummary } from "../../../src/lib/clv/rfm.js";
import { CDNOW_CAL_END, CDNOW_DIR, CDNOW_HOLDOUT_END, CDNOW_PRESENT, readCdnow } from "./cdnow-data.js";

describe("holdout-evaluation", () => {
  it("computes MAE, RMSE, Pearson r and totals", () => {
    const e = holdoutErrors(Float64Array.from([1, 2, 3, 4]), Float64Array.from([1, 3, 2, 6]));
    // errors 0, -1, 1, -2; deviations from the means 2.5 and 3: cov 7, variances 5 and 14
    expect(e).toEqual({ customers: 4, mae: 1, rmse: Math.sqrt(6 / 4), pearson: 7 / Math.sqrt(5 * 14), totalPredicted: 10, totalActual: 12 });
  });

  it("gives NaN correlation for a constant prediction", () => {
    expect(holdoutErrors(Float64Array.from([1, 1]), Float64Array.from([0, 2])).pearson).toBeNaN();
  });

  it("buckets customers by calibration frequency with the last bucket censored", () => {
    const t = frequencyVsHoldout(Float64Array.from([0, 0, 1, 3, 5]), Float64Array.from([0.1, 0.3, 1, 2, 4]), Float64Array.from([0, 1, 2, 2, 6]), 2);
    expect(t).toEqual({
      frequency: Int32Array.from([0, 1, 2]),
      customers: Int32Array.from([2, 1, 2]),
      actualMean: Float64Array.from([0.5, 2, 4]),
      predictedMean: Float64Array.from([0.2, 1, 3]),
    });
    expect(frequencyVsHoldout(Float64Array.from([0]), Float64Array.from([1]), Float64Array.from([1]), 1).actualMean[1]).toBeNaN();
  });

  it("rejects mismatched lengths and non-finite values with the customer named", () => {
    expect(() => holdoutErrors(new Float64Array(2), new Float64Array(3))).toThrowError(/predicted has 2 entries and actual 3/);
    expect(() => holdoutErrors(Float64Array.from([NaN]), Float64Array.from([1]))).toThrowError(/customer 0 predicted: expected a finite number, got "NaN"/);
    expect(() => holdoutErrors(new Float64Array(0), new Float64Array(0))).toThrowError(/no customers/);
    expect(() => frequencyVsHoldout(Float64Array.from([0.5]), Float64Array.from([1]), Float64Array.from([1]))).toThrowError(/customer 0 frequency: .* got "0.5"/);
  });
});

describe.skipIf(!CDNOW_PRESENT)("holdout-evaluation on CDNOW_sample (39-week holdout)", () => {
  let s: RfmSummary;
  beforeAll(() => {
    s = rfmSummary(readCdnow("CDNOW_sample.txt"), { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END });
  });

  it("BG/NBD and Pareto/NBD predict the holdout total within 15% and correlate with actuals (r > 0.6)", () => {
    // distinct (customer, day) pairs in the holdout, counted straight from the file
    const raw = readFileSync(`${CDNOW_DIR}/CDNOW_sample.txt`, "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
    const holdoutDays = new Set(raw.filter((f) => f[2]! >= "19971001" && f[2]! <= "19980630").map((f) => `${f[1]} ${f[2]}`));
    for (const model of [bgNbdModel(fitBgNbd(s).params), paretoNbdModel(fitParetoNbd(s).params)]) {
      const pred = holdoutPredictions(model, s, s.holdoutLength);
      const e = holdoutErrors(pred, s.holdoutTransactions);
      expect(e.totalActual).toBe(holdoutDays.size);
      // both models under-forecast this holdout by about 12%
      expect(Math.abs(e.totalPredicted / e.totalActual - 1)).toBeLessThan(0.15);
      expect(e.pearson).toBeGreaterThan(0.6);
      const byFreq = frequencyVsHoldout(s.frequency, pred, s.holdoutTransactions);
      expect(byFreq.customers.reduce((a, b) => a + b, 0)).toBe(2357);
      expect(byFreq.customers[0]).toBe(1411);
    }
  });
});

/**
 * Holdout checks of a transaction model, as in Fader, Hardie & Lee (2005): per-customer predicted
 * vs actual holdout transactions (MAE, RMSE, Pearson r, totals) and the "conditional expectations"
 * table (mean calibration-period frequency bucket → mean actual vs predicted holdout transactions).
 * Predictions here use one fitted parameter vector; the CIs the CLV report puts on these checks
 * resample customers with that vector held fixed, so they do not include parameter uncertainty
 * (the report says so in `intervals`).
 */
import { assertCalibrationData, type CalibrationData } from "./calibration-data.js";
import type { TransactionModel } from "./transaction-model.js";

/**
 * Expected holdout transactions of each customer: E[X(T, T + holdoutLength] | x, t_x, T].
 * @param holdoutLength periods, >= 0
 * @throws RangeError on invalid data or holdout length
 */
export function holdoutPredictions(model: TransactionModel, data: CalibrationData, holdoutLength: number): Float64Array {
  assertCalibrationData(data, "holdoutPredictions");
  if (!(holdoutLength >= 0 && Number.isFinite(holdoutLength))) {
    throw new RangeError(`holdoutPredictions: holdoutLength must be a finite number >= 0, got "${holdoutLength}"`);
  }
  const out = new Float64Array(data.frequency.length);
  for (let i = 0; i < out.length; i++) out[i] = model.conditionalExpected(data.frequency[i]!, data.recency[i]!, data.T[i]!, holdoutLength);
  return out;
}

/** Error summary of per-customer predictions. */
export interface HoldoutErrors {
  readonly customers: number;
  readonly mae: number;
  readonly rmse: number;
  /** Pearson correlation of predicted and actual; NaN when either has zero variance. */
  readonly pearson: number;
  readonly totalPredicted: number;
  readonly totalActual: number;
}

function assertPaired(predicted: Float64Array, actual: Float64Array, where: string): void {
  if (predicted.length !== actual.length) {
    throw new RangeError(`${where}: predicted has ${predicted.length} entries and actual ${actual.length}; expected equal lengths`);
  }
  for (let i = 0; i < predicted.length; i++) {
    if (!Number.isFinite(predicted[i]!)) throw new RangeError(`${where}: customer ${i} predicted: expected a finite number, got "${predicted[i]}"`);
    if (!Number.isFinite(actual[i]!)) throw new RangeError(`${where}: customer ${i} actual: expected a finite number, got "${actual[i]}"`);
  }
}

/**
 * MAE, RMSE, Pearson r and totals of predicted vs actual holdout transactions.
 * @throws RangeError on different lengths, no customers, or non-finite values
 */
export function holdoutErrors(predicted: Float64Array, actual: Float64Array): HoldoutErrors {
  assertPaired(predicted, actual, "holdoutErrors");
  const n = predicted.length;
  if (n === 0) throw new RangeError("holdoutErrors: no customers");
  let sp = 0, sa = 0, abs = 0, sq = 0;
  for (let i = 0; i < n; i++) {
    const e = predicted[i]! - actual[i]!;
    sp += predicted[i]!;
    sa += actual[i]!;
    abs += Math.abs(e);
    sq += e * e;
  }
  const mp = sp / n, ma = sa / n;
  let cov = 0, vp = 0, va = 0;
  for (let i = 0; i < n; i++) {
    const dp = predicted[i]! - mp, da = actual[i]! - ma;
    cov += dp * da;
    vp += dp * dp;
    va += da * da;
  }
  const pearson = vp > 0 && va > 0 ? cov / Math.sqrt(vp * va) : NaN;
  return { customers: n, mae: abs / n, rmse: Math.sqrt(sq / n), pearson, totalPredicted: sp, totalActual: sa };
}

/** Mean actual and predicted holdout transactions per calibration frequency bucket 0, 1, ..., censor+. */
export interface FrequencyVsHoldout {
  /** Bucket lower bound x; the last bucket holds every x >= censor. */
  readonly frequency: Int32Array;
  readonly customers: Int32Array;
  readonly actualMean: Float64Array;
  readonly predictedMean: Float64Array;
}

/**
 * The calibration-vs-holdout by frequency table (BTYD's PlotFreqVsConditionalExpectedFrequency).
 * Empty buckets have customers 0 and NaN means.
 * @param frequency calibration repeat transactions per customer
 * @param censor last bucket, x >= censor. Default 7.
 * @throws RangeError on mismatched lengths, non-finite values or an invalid censor
 */
export function frequencyVsHoldout(frequency: Float64Array, predicted: Float64Array, actual: Float64Array, censor = 7): FrequencyVsHoldout {
  assertPaired(predicted, actual, "frequencyVsHoldout");
  if (frequency.length !== actual.length) {
    throw new RangeError(`frequencyVsHoldout: frequency has ${frequency.length} entries and actual ${actual.length}; expected equal lengths`);
  }
  if (!(Number.isInteger(censor) && censor >= 0)) throw new RangeError(`frequencyVsHoldout: censor must be a non-negative integer, got "${censor}"`);
  const customers = new Int32Array(censor + 1);
  const actualMean = new Float64Array(censor + 1);
  const predictedMean = new Float64Array(censor + 1);
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`frequencyVsHoldout: customer ${i} frequency: expected a non-negative integer, got "${x}"`);
    const b = Math.min(x, censor);
    customers[b] = customers[b]! + 1;
    actualMean[b] = actualMean[b]! + actual[i]!;
    predictedMean[b] = predictedMean[b]! + predicted[i]!;
  }
  for (let b = 0; b <= censor; b++) {
    actualMean[b] = customers[b]! > 0 ? actualMean[b]! / customers[b]! : NaN;
    predictedMean[b] = customers[b]! > 0 ? predictedMean[b]! / customers[b]! : NaN;
  }
  return { frequency: Int32Array.from({ length: censor + 1 }, (_, b) => b), customers, actualMean, predictedMean };
}

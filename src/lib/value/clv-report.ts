/**
 * The `irmlab clv` report: fitted CRM value models, their holdout checks with customer-bootstrap
 * CIs, and the data of the diagnostic plots. JSON-safe (numbers, strings, arrays, null).
 *
 *   fitClvModels --> per model: holdout predictions vs actual (MAE, RMSE, r, total ratio) + CIs
 *     --> tracking (weekly incremental/cumulative) --> calibration-vs-holdout by frequency
 *     --> heat maps (expected purchases, P(alive)) --> Gamma-Gamma spend error + CIs --> CLV summary
 */
import { frequencyVsHoldout, holdoutPredictions } from "../clv/holdout-evaluation.js";
import { trackingData } from "../clv/tracking.js";
import { DAY_MS } from "../clv/purchase-days.js";
import type { Interactions } from "../schema/interactions.js";
import { quantileSorted } from "../stats/quantile.js";
import { fitClvModels, type ClvFit, type ClvFitOptions } from "./clv-fit.js";
import { frequencyRecencyHeatmap, type FrequencyRecencyHeatmap } from "./clv-diagnostics.js";
import { bootstrapCustomers, weightedMean, weightedPearson, type Estimate } from "./customer-bootstrap.js";
import type { ValueWindow } from "./purchase-log.js";

/** Options of {@link clvReport}. */
export interface ClvReportOptions extends ClvFitOptions {
  /** Bootstrap seed. Required. */
  readonly seed: number;
  /** Bootstrap resamples. Default 1000. */
  readonly resamples?: number;
  /** Last frequency bucket of the calibration-vs-holdout table (x >= censor). Default 7. */
  readonly censor?: number;
  /** Largest frequency row of the heat maps (capped at the largest observed x). Default 30. */
  readonly heatmapFrequencies?: number;
  /** Recency steps of the heat maps. Default 20. */
  readonly heatmapRecencyBins?: number;
}

/** Per-customer prediction errors with 95% CIs (customers resampled). */
export interface ErrorSummary {
  readonly customers: number;
  readonly mae: Estimate;
  readonly rmse: Estimate;
  readonly pearson: Estimate;
  /** Σ predicted / Σ actual. */
  readonly totalRatio: Estimate;
  readonly totalPredicted: number;
  readonly totalActual: number;
}

/** Everything `irmlab clv` prints. */
export interface ClvReport {
  readonly calibrationEnd: string;
  readonly holdoutEnd: string;
  readonly periodDays: number;
  readonly holdoutPeriods: number;
  readonly unit: "currency" | "purchases";
  readonly customers: { readonly fitted: number; readonly firstPurchaseAfterCalibration: number; readonly withoutPurchases: number };
  readonly models: Record<string, { readonly params: Record<string, number>; readonly logLikelihood: number; readonly customers: number; readonly converged: boolean } | null>;
  /** Holdout transactions (distinct purchase days) predicted vs actual, per transaction model. */
  readonly holdout: Record<string, ErrorSummary>;
  /** Mean value per holdout transaction: Gamma-Gamma expectation vs actual, customers with holdout purchases; null without money. */
  readonly spend: ErrorSummary | null;
  /** Holdout value (transactions × spend) predicted vs actual, per transaction model. */
  readonly holdoutValue: Record<string, ErrorSummary>;
  readonly tracking: Record<string, { period: number[]; actualIncremental: number[]; predictedIncremental: number[]; actualCumulative: number[]; predictedCumulative: number[] }>;
  readonly frequencyVsHoldout: Record<string, { frequency: number[]; customers: number[]; actualMean: (number | null)[]; predictedMean: (number | null)[] }>;
  readonly heatmaps: FrequencyRecencyHeatmap[];
  readonly clv: { readonly months: number; readonly monthlyDiscountRate: number; readonly total: number; readonly mean: number; readonly quantiles: Record<string, number> };
  /** What the 95% intervals include (and do not). */
  readonly intervals: string;
}

/** What every interval of the CLV report measures. */
export const CLV_INTERVALS = "95% CIs resample customers with the fitted model parameters held fixed: they show how the holdout error varies across customers and do not include parameter uncertainty (refitting per resample is not done)";

/**
 * Fits and checks the CRM value models of `data` (see the module diagram).
 * @throws Error without timestamps or calibration purchases; RangeError on invalid options
 */
export function clvReport(data: Interactions, window: ValueWindow, options: ClvReportOptions): ClvReport {
  return clvReportFromFit(fitClvModels(data, window, options), options);
}

/** The report of already fitted models (see {@link clvReport}). */
export function clvReportFromFit(fit: ClvFit, options: ClvReportOptions): ClvReport {
  const { summary, window } = fit;
  const boot = { seed: options.seed, ...(options.resamples === undefined ? {} : { resamples: options.resamples }) };
  const holdout: Record<string, ErrorSummary> = {};
  const holdoutValue: Record<string, ErrorSummary> = {};
  const tracking: ClvReport["tracking"] = {};
  const byFrequency: ClvReport["frequencyVsHoldout"] = {};
  const heatmaps: FrequencyRecencyHeatmap[] = [];
  let maxX = 0, maxT = 0;
  for (let i = 0; i < summary.T.length; i++) {
    maxX = Math.max(maxX, summary.frequency[i]!);
    maxT = Math.max(maxT, summary.T[i]!);
  }
  let start = Infinity;
  for (let i = 0; i < fit.log.time.length; i++) start = Math.min(start, fit.log.time[i]!);
  start = Math.floor(start / DAY_MS) * DAY_MS;
  const periods = Math.max(1, Math.ceil((window.holdoutEnd + DAY_MS - start) / summary.periodMs));
  for (const model of fit.models) {
    const predicted = holdoutPredictions(model, summary, summary.holdoutLength);
    holdout[model.name] = errorSummary(predicted, summary.holdoutTransactions, boot);
    holdoutValue[model.name] = errorSummary(predicted.map((p, i) => p * fit.expectedSpend[i]!), fit.holdoutValue, boot);
    const t = trackingData(fit.log, model, { start, periods, calibrationEnd: window.calibrationEnd, periodMs: summary.periodMs });
    tracking[model.name] = {
      period: [...t.period], actualIncremental: [...t.actualIncremental], predictedIncremental: [...t.predictedIncremental],
      actualCumulative: [...t.actualCumulative], predictedCumulative: [...t.predictedCumulative],
    };
    const f = frequencyVsHoldout(summary.frequency, predicted, summary.holdoutTransactions, options.censor ?? 7);
    byFrequency[model.name] = { frequency: [...f.frequency], customers: [...f.customers], actualMean: nulls(f.actualMean), predictedMean: nulls(f.predictedMean) };
    heatmaps.push(frequencyRecencyHeatmap(model, maxT, Math.min(maxX, options.heatmapFrequencies ?? 30), options.heatmapRecencyBins ?? 20, 1));
  }
  const sortedClv = fit.clv.slice().sort();
  let total = 0;
  for (const v of fit.clv) total += v;
  return {
    calibrationEnd: new Date(window.calibrationEnd).toISOString(),
    holdoutEnd: new Date(window.holdoutEnd).toISOString(),
    periodDays: summary.periodMs / DAY_MS,
    holdoutPeriods: summary.holdoutLength,
    unit: fit.unit,
    customers: { fitted: summary.customer.length, firstPurchaseAfterCalibration: summary.excludedAfterCalibration, withoutPurchases: summary.withoutTransactions },
    models: {
      "bg-nbd": mle(fit.bgNbd),
      "pareto-nbd": mle(fit.paretoNbd),
      "gamma-gamma": fit.gammaGamma ? mle(fit.gammaGamma) : null,
    },
    holdout,
    spend: fit.gammaGamma ? spendErrors(fit, boot) : null,
    holdoutValue,
    tracking,
    frequencyVsHoldout: byFrequency,
    heatmaps,
    clv: {
      months: fit.months, monthlyDiscountRate: fit.monthlyDiscountRate, total, mean: total / fit.clv.length,
      quantiles: Object.fromEntries([0.1, 0.2, 0.5, 0.8, 0.9].map((p) => [`p${Math.round(p * 100)}`, quantileSorted(sortedClv, p)])),
    },
    intervals: CLV_INTERVALS,
  };
}

function mle(f: { params: object; logLikelihood: number; customers: number; converged: boolean }) {
  return { params: { ...f.params } as Record<string, number>, logLikelihood: f.logLikelihood, customers: f.customers, converged: f.converged };
}

function nulls(a: Float64Array): (number | null)[] {
  return Array.from(a, (v) => (Number.isFinite(v) ? v : null));
}

/** Actual vs Gamma-Gamma mean value per holdout transaction, over customers with holdout transactions. */
function spendErrors(fit: ClvFit, boot: { seed: number; resamples?: number }): ErrorSummary {
  const predicted: number[] = [], actual: number[] = [];
  for (let i = 0; i < fit.summary.customer.length; i++) {
    const h = fit.summary.holdoutTransactions[i]!;
    if (h === 0) continue;
    predicted.push(fit.expectedSpend[i]!);
    actual.push(fit.holdoutValue[i]! / h);
  }
  return errorSummary(Float64Array.from(predicted), Float64Array.from(actual), boot);
}

/**
 * MAE, RMSE, Pearson r and total ratio of per-customer predictions, with customer-bootstrap CIs.
 * @param predicted per customer, same length as actual
 */
export function errorSummary(predicted: Float64Array, actual: Float64Array, boot: { seed: number; resamples?: number }): ErrorSummary {
  if (predicted.length !== actual.length) throw new RangeError(`errorSummary: predicted has ${predicted.length} entries and actual ${actual.length}`);
  const absErr = predicted.map((p, i) => Math.abs(p - actual[i]!));
  const sqErr = absErr.map((e) => e * e);
  const [mae, rmse, pearson, totalRatio] = bootstrapCustomers(predicted.length, (w) => {
    const ratio = weightedMean(predicted, w) / weightedMean(actual, w);
    return [weightedMean(absErr, w), Math.sqrt(weightedMean(sqErr, w)), weightedPearson(predicted, actual, w), ratio];
  }, boot);
  let sp = 0, sa = 0;
  for (let i = 0; i < predicted.length; i++) {
    sp += predicted[i]!;
    sa += actual[i]!;
  }
  return { customers: predicted.length, mae: mae!, rmse: rmse!, pearson: pearson!, totalRatio: totalRatio!, totalPredicted: sp, totalActual: sa };
}

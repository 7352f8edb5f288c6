/**
 * The CRM value models of one dataset, fitted once and shared by the clv report and the fire list.
 *
 *   Interactions --purchaseLog--> transaction log --rfmSummary(calibrationEnd, holdoutEnd)--> x, t_x, T, m_x
 *     --> BG/NBD, Pareto/NBD (maximum likelihood)  --> Gamma-Gamma (when the data records money)
 *     --> expected spend per transaction, CLV per customer (BG/NBD × Gamma-Gamma, discounted)
 */
import { bgNbdModel, fitBgNbd, type BgNbdParams } from "../clv/bg-nbd.js";
import { customerLifetimeValue } from "../clv/customer-lifetime-value.js";
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaFit } from "../clv/gamma-gamma.js";
import { fitParetoNbd, paretoNbdModel, type ParetoNbdParams } from "../clv/pareto-nbd.js";
import { DAY_MS, WEEK_MS, purchaseDays, type TransactionLog } from "../clv/purchase-days.js";
import { rfmSummary, type RfmSummary } from "../clv/rfm.js";
import type { MleFit, TransactionModel } from "../clv/transaction-model.js";
import type { Interactions } from "../schema/interactions.js";
import { assertValueInput, purchaseLog, valueUnit, type ValueUnit, type ValueWindow } from "./purchase-log.js";

/** Options of {@link fitClvModels}. */
export interface ClvFitOptions {
  /** Model period in ms. Default WEEK_MS. */
  readonly periodMs?: number;
  /** CLV horizon in months. Default 12. */
  readonly months?: number;
  /** Monthly discount rate of the CLV. Default 0.01. */
  readonly monthlyDiscountRate?: number;
}

/** Fitted CRM value models and the per-customer quantities derived from them. */
export interface ClvFit {
  readonly log: TransactionLog;
  readonly unit: ValueUnit;
  readonly window: ValueWindow;
  /** Customers with a purchase at or before calibrationEnd; `summary.customer` maps them to data customer codes. */
  readonly summary: RfmSummary;
  readonly bgNbd: MleFit<BgNbdParams>;
  readonly paretoNbd: MleFit<ParetoNbdParams>;
  /** Null when the data records no money, or no repeat customer spent anything. */
  readonly gammaGamma: GammaGammaFit | null;
  readonly models: readonly TransactionModel[];
  /** Expected value per transaction per summary customer (Gamma-Gamma; 1 per purchase without money). */
  readonly expectedSpend: Float64Array;
  /** Discounted CLV per summary customer over `months` (BG/NBD × expected spend). */
  readonly clv: Float64Array;
  /** Actual holdout value per summary customer (sum over holdout purchase days). */
  readonly holdoutValue: Float64Array;
  readonly months: number;
  readonly monthlyDiscountRate: number;
}

/**
 * Fits BG/NBD, Pareto/NBD and Gamma-Gamma on the calibration purchases of `data`.
 * @throws Error without timestamps or calibration rows; RangeError from the fits (e.g. no customer)
 */
export function fitClvModels(data: Interactions, window: ValueWindow, options: ClvFitOptions = {}): ClvFit {
  return startClvFit(data, window, options, null)();
}

/** The three maximum-likelihood fits: what takes the time, and all that depends on the summary alone. */
export interface ClvParams {
  readonly bgNbd: MleFit<BgNbdParams>;
  readonly paretoNbd: MleFit<ParetoNbdParams>;
  /** Null when the data records no money, or no repeat customer spent anything. */
  readonly gammaGamma: GammaGammaFit | null;
}

/** The columns of the summary the fits read (x, t_x, T, m_x). */
export type ClvFitData = Pick<RfmSummary, "frequency" | "recency" | "T" | "monetary">;

/** Fits the three models on the summary's columns; Gamma-Gamma only where `unit` is currency. */
export function fitClvParams(summary: ClvFitData, unit: ValueUnit): ClvParams {
  const bgNbd = fitBgNbd(summary);
  const paretoNbd = fitParetoNbd(summary);
  let gammaGamma: GammaGammaFit | null = null;
  if (unit === "currency") {
    try {
      gammaGamma = fitGammaGamma(summary);
    } catch (error) {
      if (!(error instanceof RangeError && /no customer has frequency > 0/.test(error.message))) throw error;
    }
  }
  return { bgNbd, paretoNbd, gammaGamma };
}

/**
 * Where the fits run: given the summary's columns, starts them and returns what waits for their
 * result (e.g. a helper thread, clv-fit-thread.ts); null: here, at once.
 */
export type ClvFitter = ((summary: ClvFitData, unit: ValueUnit) => () => ClvParams) | null;

/** The fitter that fits here, at once (what a null ClvFitter means). */
export function fitClvHere(summary: ClvFitData, unit: ValueUnit): () => ClvParams {
  const params = fitClvParams(summary, unit);
  return () => params;
}

/**
 * fitClvModels in two steps, so that the caller can work while the fits run elsewhere: checks the
 * input and builds the summary now (its errors are thrown here), starts the fits on `fitter`, and
 * returns the function that waits for them and derives the ClvFit. Same result as fitClvModels.
 * @throws Error without timestamps, calibration rows or a calibration purchase
 */
export function startClvFit(data: Interactions, window: ValueWindow, options: ClvFitOptions, fitter: ClvFitter): () => ClvFit {
  assertValueInput(data, window, "clv");
  const periodMs = options.periodMs ?? WEEK_MS;
  const months = options.months ?? 12;
  const monthlyDiscountRate = options.monthlyDiscountRate ?? 0.01;
  const log = purchaseLog(data);
  const summary = rfmSummary(log, { calibrationEnd: window.calibrationEnd, holdoutEnd: window.holdoutEnd, periodMs });
  if (summary.customer.length === 0) throw new Error("clv: no customer made a purchase at or before the calibration end");
  const unit = valueUnit(data);
  const params = (fitter ?? fitClvHere)(summary, unit);
  return () => {
    const { bgNbd, paretoNbd, gammaGamma } = params();
    const expectedSpend = gammaGamma && gammaGamma.params.q > 1
      ? gammaGammaExpectedSpend(gammaGamma.params, summary)
      : meanSpendFallback(summary, unit);
    const model = bgNbdModel(bgNbd.params);
    const clv = customerLifetimeValue(model, summary, expectedSpend, { months, monthlyDiscountRate, periodsPerMonth: (4.345 * WEEK_MS) / periodMs });
    return {
      log, unit, window, summary, bgNbd, paretoNbd, gammaGamma,
      models: [model, paretoNbdModel(paretoNbd.params)],
      expectedSpend, clv,
      holdoutValue: holdoutValuePerCustomer(log, summary, window),
      months, monthlyDiscountRate,
    };
  };
}

/** Without a spend model: each customer's own mean value per purchase day (1 for purchase counts). */
function meanSpendFallback(summary: RfmSummary, unit: ValueUnit): Float64Array {
  return unit === "purchases" ? new Float64Array(summary.customer.length).fill(1) : summary.averageSpend.slice();
}

/** Sum of the holdout purchase-day values of each summary customer. */
function holdoutValuePerCustomer(log: TransactionLog, summary: RfmSummary, window: ValueWindow): Float64Array {
  const { offsets, days, spend } = purchaseDays(log);
  const out = new Float64Array(summary.customer.length);
  for (let i = 0; i < out.length; i++) {
    const c = summary.customer[i]!;
    let v = 0;
    for (let k = offsets[c]!; k < offsets[c + 1]!; k++) {
      const t = days[k]! * DAY_MS;
      if (t > window.calibrationEnd && t <= window.holdoutEnd) v += log.amount ? spend[k]! : 1;
    }
    out[i] = v;
  }
  return out;
}

/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while active a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b).
 *
 *   calibration (x, t_x, T) --compress--> distinct triples --multi-start MLE--> {r, α, a, b}
 *     --> expected(t), conditionalExpected(x, t_x, T, t), pAlive(x, t_x, T)
 */
import { assertCalibrationData, assertHistory, compressCalibration, type CalibrationData, type CompressedCalibration } from "./calibration-data.js";
import { maximizeLogLikelihood } from "./mle.js";
import { hyp2f1, logAddExp, logGamma } from "./special-functions.js";
import type { BtydFitOptions, MleFit, TransactionModel } from "./transaction-model.js";

/** BG/NBD parameters: purchase rate Gamma(shape r, rate α); dropout probability Beta(a, b). */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/**
 * Log-likelihood of BG/NBD parameters, summed over customers (FHL 2005, eq. 6).
 * @param params all four > 0
 * @param data per-customer x, t_x, T in periods
 * @throws RangeError on invalid parameters or data
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: CalibrationData): number {
  assertBgNbdParams(params, "bgNbdLogLikelihood");
  assertCalibrationData(data, "bgNbdLogLikelihood");
  return _logLikelihood(params.r, params.alpha, params.a, params.b, compressCalibration(data));
}

function _logLikelihood(r: number, alpha: number, a: number, b: number, d: CompressedCalibration): number {
  const constR = -logGamma(r) + r * Math.log(alpha);
  const constAB = logGamma(a + b) - logGamma(b);
  // x-only terms once per distinct x: A1 + A2 and log(a / (b + x - 1))
  const nx = d.xValues.length;
  const xTerm = new Float64Array(nx), dropTerm = new Float64Array(nx);
  for (let k = 0; k < nx; k++) {
    const x = d.xValues[k]!;
    xTerm[k] = logGamma(r + x) + constR + constAB + logGamma(b + x) - logGamma(a + b + x);
    dropTerm[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  }
  let ll = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i]!, k = d.xIndex[i]!;
    const a3 = -(r + x) * Math.log(alpha + d.T[i]!);
    const a4 = x > 0 ? dropTerm[k]! - (r + x) * Math.log(alpha + d.tx[i]!) : -Infinity;
    ll += d.weight[i]! * (xTerm[k]! + logAddExp(a3, a4));
  }
  return ll;
}

/**
 * Maximum-likelihood BG/NBD fit (multi-start Nelder–Mead on log-parameters).
 * @param data per-customer x, t_x, T in periods; at least one customer
 * @throws RangeError on invalid or empty data
 */
export function fitBgNbd(data: CalibrationData, options: BtydFitOptions = {}): MleFit<BgNbdParams> {
  assertCalibrationData(data, "fitBgNbd");
  if (data.frequency.length === 0) throw new RangeError("fitBgNbd: data has no customers");
  const d = compressCalibration(data);
  let meanT = 0;
  for (let i = 0; i < d.T.length; i++) meanT += (d.weight[i]! * d.T[i]!) / d.customers;
  const s = Math.max(meanT, 1e-3);
  const starts = [[1, s / 10, 1, 1], [0.5, s / 4, 0.5, 2], [2, s, 2, 4], ...(options.starts ?? [])];
  const fit = maximizeLogLikelihood((p) => _logLikelihood(p[0]!, p[1]!, p[2]!, p[3]!, d), starts, options.tolerance ?? 1e-12, "fitBgNbd");
  const [r, alpha, a, b] = fit.params;
  return {
    params: { r: r!, alpha: alpha!, a: a!, b: b! },
    logLikelihood: fit.logLikelihood,
    customers: d.customers,
    evaluations: fit.evaluations,
    converged: fit.converged,
  };
}

/**
 * Expected repeat transactions of a new customer in their first t periods (FHL 2005, eq. 7).
 * @param t periods, >= 0
 * @throws RangeError on invalid parameters, a = 1, or t < 0
 */
export function bgNbdExpected(params: BgNbdParams, t: number): number {
  assertBgNbdParams(params, "bgNbdExpected");
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`bgNbdExpected: t must be a finite number >= 0, got "${t}"`);
  const { r, alpha, a, b } = params;
  if (a === 1) throw new RangeError(`bgNbdExpected: the expectation is undefined for a = 1`);
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
}

/**
 * Probability that a customer with history (x, t_x, T) is alive at T (FHL 2005 technical note).
 * @throws RangeError on invalid parameters or history
 */
export function bgNbdPAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  assertBgNbdParams(params, "bgNbdPAlive");
  assertHistory(x, tx, T, "bgNbdPAlive");
  return _pAlive(params, x, tx, T);
}

function _pAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected transactions in (T, T + t] of a customer with history (x, t_x, T) (FHL 2005, eq. 10).
 * @param t horizon in periods, >= 0
 * @throws RangeError on invalid parameters, history or horizon
 */
export function bgNbdConditionalExpected(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  assertBgNbdParams(params, "bgNbdConditionalExpected");
  assertHistory(x, tx, T, "bgNbdConditionalExpected");
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`bgNbdConditionalExpected: t must be a finite number >= 0, got "${t}"`);
  if (params.a === 1) throw new RangeError(`bgNbdConditionalExpected: the expectation is undefined for a = 1`);
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const tail = Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * (1 - tail) * _pAlive(params, x, tx, T);
}

/** A fitted BG/NBD model behind the common {@link TransactionModel} interface. */
export function bgNbdModel(params: BgNbdParams): TransactionModel {
  assertBgNbdParams(params, "bgNbdModel");
  return {
    name: "bg-nbd",
    expected: (t) => bgNbdExpected(params, t),
    conditionalExpected: (x, tx, T, t) => bgNbdConditionalExpected(params, x, tx, T, t),
    pAlive: (x, tx, T) => bgNbdPAlive(params, x, tx, T),
  };
}

function assertBgNbdParams(p: BgNbdParams, where: string): void {
  for (const k of ["r", "alpha", "a", "b"] as const) {
    if (!(p[k] > 0 && Number.isFinite(p[k]))) throw new RangeError(`${where}: parameter ${k} must be finite and > 0, got "${p[k]}"`);
  }
}

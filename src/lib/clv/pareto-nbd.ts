/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; Fader & Hardie's notes): while active a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); their lifetime is exponential with
 * rate μ ~ Gamma(s, β). The likelihood uses the Gauss hypergeometric formulation of BTYD's
 * pnbd.LL (series in (|α − β|) / (max(α, β) + t), always below 1), summed in log space.
 *
 *   calibration (x, t_x, T) --compress--> distinct triples --multi-start MLE--> {r, α, s, β}
 *     --> expected(t), conditionalExpected(x, t_x, T, t), pAlive(x, t_x, T)
 */
import { assertCalibrationData, assertHistory, compressCalibration, type CalibrationData, type CompressedCalibration } from "./calibration-data.js";
import { maximizeLogLikelihood } from "./mle.js";
import { hyp2f1Series, logAddExp, logGamma } from "./special-functions.js";
import type { BtydFitOptions, MleFit, TransactionModel } from "./transaction-model.js";

/** Pareto/NBD parameters: purchase rate Gamma(shape r, rate α); dropout rate Gamma(shape s, rate β). */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/**
 * Log-likelihood of Pareto/NBD parameters, summed over customers.
 * @param params all four > 0
 * @param data per-customer x, t_x, T in periods
 * @throws RangeError on invalid parameters or data, or when a hypergeometric series does not converge
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: CalibrationData): number {
  assertParetoParams(params, "paretoNbdLogLikelihood");
  assertCalibrationData(data, "paretoNbdLogLikelihood");
  const ll = _logLikelihood(params, compressCalibration(data));
  if (Number.isNaN(ll)) throw new RangeError(`paretoNbdLogLikelihood: a hypergeometric series did not converge for these parameters`);
  return ll;
}

/** The two log-terms of one customer's likelihood (without the shared constant part1). */
function logTerms({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): [number, number] {
  const part2 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const maxab = Math.max(alpha, beta);
  const rsx = r + s + x;
  let partF: number;
  if (alpha === beta) {
    partF = -rsx * Math.log(maxab + tx) + Math.log1p(-Math.pow((maxab + tx) / (maxab + T), rsx));
  } else {
    const absab = Math.abs(alpha - beta);
    const param2 = alpha < beta ? r + x : s + 1;
    const f1 = hyp2f1Series(rsx, param2, rsx + 1, absab / (maxab + tx));
    const f2 = hyp2f1Series(rsx, param2, rsx + 1, absab / (maxab + T)) * Math.pow((maxab + tx) / (maxab + T), rsx);
    partF = -rsx * Math.log(maxab + tx) + Math.log(f1 - f2);
  }
  return [part2, Math.log(s) - Math.log(rsx) + partF];
}

function _logLikelihood(p: ParetoNbdParams, d: CompressedCalibration): number {
  const base = p.r * Math.log(p.alpha) + p.s * Math.log(p.beta) - logGamma(p.r);
  const xTerm = d.xValues.map((x) => base + logGamma(p.r + x));
  let ll = 0;
  for (let i = 0; i < d.x.length; i++) {
    const [part2, part3] = logTerms(p, d.x[i]!, d.tx[i]!, d.T[i]!);
    ll += d.weight[i]! * (xTerm[d.xIndex[i]!]! + logAddExp(part2, part3));
  }
  return ll;
}

/**
 * Maximum-likelihood Pareto/NBD fit (multi-start Nelder–Mead on log-parameters).
 * @param data per-customer x, t_x, T in periods; at least one customer
 * @throws RangeError on invalid or empty data
 */
export function fitParetoNbd(data: CalibrationData, options: BtydFitOptions = {}): MleFit<ParetoNbdParams> {
  assertCalibrationData(data, "fitParetoNbd");
  if (data.frequency.length === 0) throw new RangeError("fitParetoNbd: data has no customers");
  const d = compressCalibration(data);
  let meanT = 0;
  for (let i = 0; i < d.T.length; i++) meanT += (d.weight[i]! * d.T[i]!) / d.customers;
  const m = Math.max(meanT, 1e-3);
  const starts = [[1, m / 10, 1, m / 10], [0.5, m / 4, 0.5, m / 2], [2, m, 2, m], ...(options.starts ?? [])];
  const fit = maximizeLogLikelihood(
    (q) => _logLikelihood({ r: q[0]!, alpha: q[1]!, s: q[2]!, beta: q[3]! }, d),
    starts, options.tolerance ?? 1e-12, "fitParetoNbd",
  );
  const [r, alpha, s, beta] = fit.params;
  return {
    params: { r: r!, alpha: alpha!, s: s!, beta: beta! },
    logLikelihood: fit.logLikelihood,
    customers: d.customers,
    evaluations: fit.evaluations,
    converged: fit.converged,
  };
}

/**
 * Expected repeat transactions of a new customer in their first t periods.
 * @param t periods, >= 0
 * @throws RangeError on invalid parameters or t
 */
export function paretoNbdExpected(params: ParetoNbdParams, t: number): number {
  assertParetoParams(params, "paretoNbdExpected");
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`paretoNbdExpected: t must be a finite number >= 0, got "${t}"`);
  const { r, alpha, s, beta } = params;
  if (s === 1) return ((r * beta) / alpha) * Math.log1p(t / beta);
  return ((r * beta) / (alpha * (s - 1))) * (1 - Math.pow(beta / (beta + t), s - 1));
}

/**
 * Probability that a customer with history (x, t_x, T) is alive at T.
 * @throws RangeError on invalid parameters or history, or when a hypergeometric series does not converge
 */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  assertParetoParams(params, "paretoNbdPAlive");
  assertHistory(x, tx, T, "paretoNbdPAlive");
  const [part2, part3] = logTerms(params, x, tx, T);
  const p = Math.exp(part2 - logAddExp(part2, part3));
  if (Number.isNaN(p)) throw new RangeError(`paretoNbdPAlive: a hypergeometric series did not converge for x=${x}, t_x=${tx}, T=${T}`);
  return p;
}

/**
 * Expected transactions in (T, T + t] of a customer with history (x, t_x, T).
 * @param t horizon in periods, >= 0
 * @throws RangeError on invalid parameters, history or horizon
 */
export function paretoNbdConditionalExpected(params: ParetoNbdParams, x: number, tx: number, T: number, t: number): number {
  const alive = paretoNbdPAlive(params, x, tx, T);
  if (!(t >= 0 && Number.isFinite(t))) throw new RangeError(`paretoNbdConditionalExpected: t must be a finite number >= 0, got "${t}"`);
  const { r, alpha, s, beta } = params;
  const rate = (r + x) / (alpha + T);
  const life = s === 1 ? (beta + T) * Math.log1p(t / (beta + T)) : ((beta + T) / (s - 1)) * (1 - Math.pow((beta + T) / (beta + T + t), s - 1));
  return rate * life * alive;
}

/** A fitted Pareto/NBD model behind the common {@link TransactionModel} interface. */
export function paretoNbdModel(params: ParetoNbdParams): TransactionModel {
  assertParetoParams(params, "paretoNbdModel");
  return {
    name: "pareto-nbd",
    expected: (t) => paretoNbdExpected(params, t),
    conditionalExpected: (x, tx, T, t) => paretoNbdConditionalExpected(params, x, tx, T, t),
    pAlive: (x, tx, T) => paretoNbdPAlive(params, x, tx, T),
  };
}

function assertParetoParams(p: ParetoNbdParams, where: string): void {
  for (const k of ["r", "alpha", "s", "beta"] as const) {
    if (!(p[k] > 0 && Number.isFinite(p[k]))) throw new RangeError(`${where}: parameter ${k} must be finite and > 0, got "${p[k]}"`);
  }
}

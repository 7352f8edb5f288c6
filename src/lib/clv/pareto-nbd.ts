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
import { HYP2F1_MAX_TERMS, hyp2f1Series, logAddExp, logGamma } from "./special-functions.js";
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
  const ll = _logLikelihood(params, paretoData(compressCalibration(data)));
  if (Number.isNaN(ll)) throw new RangeError(`paretoNbdLogLikelihood: a hypergeometric series did not converge for these parameters`);
  return ll;
}

/** The two log-terms of one customer's likelihood (without the shared constant part1). */
function logTerms({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number, maxTerms = HYP2F1_MAX_TERMS): [number, number] {
  const part2 = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const maxab = Math.max(alpha, beta);
  const rsx = r + s + x;
  let partF: number;
  if (alpha === beta) {
    partF = -rsx * Math.log(maxab + tx) + Math.log1p(-Math.pow((maxab + tx) / (maxab + T), rsx));
  } else {
    const absab = Math.abs(alpha - beta);
    const param2 = alpha < beta ? r + x : s + 1;
    const f1 = hyp2f1Series(rsx, param2, rsx + 1, absab / (maxab + tx), maxTerms);
    const f2 = hyp2f1Series(rsx, param2, rsx + 1, absab / (maxab + T), maxTerms) * Math.pow((maxab + tx) / (maxab + T), rsx);
    partF = -rsx * Math.log(maxab + tx) + Math.log(f1 - f2);
  }
  return [part2, Math.log(s) - Math.log(rsx) + partF];
}

/**
 * Series-length cap inside the fit: parameters that need longer series (|α − β| / (max(α, β) + t_x)
 * above about 0.993, i.e. one rate over 140 times the other) are treated as outside the domain, which
 * keeps a fit from crawling along the flat ridge where s, β → ∞ with s/β fixed.
 */
const FIT_MAX_TERMS = 5000;

/** Distinct (x, t) pairs of the triples and each triple's pair index. */
interface Pairs {
  readonly x: Float64Array;
  readonly t: Float64Array;
  readonly index: Int32Array;
}

function pairsOf(x: Float64Array, t: Float64Array): Pairs {
  const at = new Map<string, number>();
  const px: number[] = [], pt: number[] = [];
  const index = new Int32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const key = `${x[i]} ${t[i]}`;
    let k = at.get(key);
    if (k === undefined) {
      k = px.length;
      at.set(key, k);
      px.push(x[i]!);
      pt.push(t[i]!);
    }
    index[i] = k;
  }
  return { x: Float64Array.from(px), t: Float64Array.from(pt), index };
}

/** Compressed triples plus their distinct (x, t_x) and (x, T) pairs, on which the series are summed once. */
interface ParetoData extends CompressedCalibration {
  readonly recencyPairs: Pairs;
  readonly agePairs: Pairs;
}

function paretoData(d: CompressedCalibration): ParetoData {
  return { ...d, recencyPairs: pairsOf(d.x, d.tx), agePairs: pairsOf(d.x, d.T) };
}

function _logLikelihood(p: ParetoNbdParams, d: ParetoData, maxTerms = HYP2F1_MAX_TERMS): number {
  const { r, alpha, s, beta } = p;
  const base = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  const xTerm = d.xValues.map((x) => base + logGamma(r + x));
  const maxab = Math.max(alpha, beta), absab = Math.abs(alpha - beta);
  const useR = alpha < beta;
  // hypergeometric series and logs once per distinct (x, t_x) and (x, T) pair
  const rp = d.recencyPairs, ap = d.agePairs;
  const f1 = new Float64Array(rp.x.length), logMaxTx = new Float64Array(rp.x.length);
  for (let k = 0; k < rp.x.length; k++) {
    const x = rp.x[k]!, rsx = r + s + x;
    logMaxTx[k] = Math.log(maxab + rp.t[k]!);
    f1[k] = absab === 0 ? 1 : hyp2f1Series(rsx, useR ? r + x : s + 1, rsx + 1, absab / (maxab + rp.t[k]!), maxTerms);
  }
  const f2 = new Float64Array(ap.x.length), logMaxT = new Float64Array(ap.x.length), part2 = new Float64Array(ap.x.length);
  for (let k = 0; k < ap.x.length; k++) {
    const x = ap.x[k]!, T = ap.t[k]!, rsx = r + s + x;
    logMaxT[k] = Math.log(maxab + T);
    f2[k] = absab === 0 ? 1 : hyp2f1Series(rsx, useR ? r + x : s + 1, rsx + 1, absab / (maxab + T), maxTerms);
    part2[k] = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  }
  let ll = 0;
  for (let i = 0; i < d.x.length; i++) {
    const rsx = r + s + d.x[i]!;
    const kr = rp.index[i]!, ka = ap.index[i]!;
    const partF = -rsx * logMaxTx[kr]! + Math.log(f1[kr]! - f2[ka]! * Math.exp(rsx * (logMaxTx[kr]! - logMaxT[ka]!)));
    const part3 = Math.log(s) - Math.log(rsx) + partF;
    ll += d.weight[i]! * (xTerm[d.xIndex[i]!]! + logAddExp(part2[ka]!, part3));
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
  const d = paretoData(compressCalibration(data));
  let meanT = 0;
  for (let i = 0; i < d.T.length; i++) meanT += (d.weight[i]! * d.T[i]!) / d.customers;
  const m = Math.max(meanT, 1e-3);
  const starts = [[1, m / 10, 1, m / 10], [0.5, m / 4, 0.5, m / 2], [2, m, 2, m], ...(options.starts ?? [])];
  const fit = maximizeLogLikelihood(
    (q) => _logLikelihood({ r: q[0]!, alpha: q[1]!, s: q[2]!, beta: q[3]! }, d, FIT_MAX_TERMS),
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

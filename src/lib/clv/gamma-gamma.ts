/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, note 025; lifetimes' GammaGammaFitter): each
 * transaction value of a customer is Gamma(p, ν), and ν ~ Gamma(q, γ) across customers. Fitted on
 * the customers with at least one repeat transaction, from their number of transactions x and the
 * mean value m_x of those transactions.
 */
import { maximizeLogLikelihood } from "./mle.js";
import { logGamma } from "./special-functions.js";
import type { MleFit } from "./transaction-model.js";

/** Gamma-Gamma parameters (p: shape of a transaction value; q, γ: shape and rate of its rate ν). */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/** Spend data: per-customer transaction count and mean value per transaction. */
export interface SpendData {
  /** Number of transactions x the mean is taken over (customers with x = 0 are skipped by the fit). */
  readonly frequency: Float64Array;
  /** Mean value per transaction m_x (currency units), > 0 where frequency > 0. */
  readonly monetary: Float64Array;
}

function assertSpendData(data: SpendData, where: string): void {
  if (data.frequency.length !== data.monetary.length) {
    throw new RangeError(`${where}: frequency and monetary must have equal lengths, got ${data.frequency.length} and ${data.monetary.length}`);
  }
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i]!, m = data.monetary[i]!;
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`${where}: customer ${i} column frequency: expected a non-negative integer, got "${x}"`);
    if (x > 0 && !(m > 0 && Number.isFinite(m))) {
      throw new RangeError(`${where}: customer ${i} column monetary: expected a finite number > 0 when frequency > 0, got "${m}"`);
    }
  }
}

function assertParams(p: GammaGammaParams, where: string): void {
  for (const k of ["p", "q", "gamma"] as const) {
    if (!(p[k] > 0 && Number.isFinite(p[k]))) throw new RangeError(`${where}: parameter ${k} must be finite and > 0, got "${p[k]}"`);
  }
}

/**
 * Log-likelihood of Gamma-Gamma parameters over the customers with frequency > 0 (note 025, eq. 3,
 * including the parameter-free terms, as lifetimes reports it).
 * @throws RangeError on invalid parameters or data
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  assertParams(params, "gammaGammaLogLikelihood");
  assertSpendData(data, "gammaGammaLogLikelihood");
  return _logLikelihood(params.p, params.q, params.gamma, data);
}

function _logLikelihood(p: number, q: number, g: number, data: SpendData): number {
  let ll = 0;
  const constQ = -logGamma(q) + q * Math.log(g);
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i]!;
    if (x === 0) continue;
    const m = data.monetary[i]!;
    const px = p * x;
    ll += logGamma(px + q) - logGamma(px) + constQ + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(g + m * x);
  }
  return ll;
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the customers with frequency > 0.
 * @throws RangeError on invalid data or when no customer has frequency > 0
 */
export function fitGammaGamma(data: SpendData, options: { readonly tolerance?: number } = {}): MleFit<GammaGammaParams> {
  assertSpendData(data, "fitGammaGamma");
  let n = 0, mean = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i]! > 0) {
      n++;
      mean += data.monetary[i]!;
    }
  }
  if (n === 0) throw new RangeError("fitGammaGamma: no customer has frequency > 0");
  mean /= n;
  const starts = [[1, 1, mean], [5, 3, mean / 2], [2, 5, 2 * mean]];
  const fit = maximizeLogLikelihood((z) => _logLikelihood(z[0]!, z[1]!, z[2]!, data), starts, options.tolerance ?? 1e-12, "fitGammaGamma");
  const [p, q, gamma] = fit.params;
  return { params: { p: p!, q: q!, gamma: gamma! }, logLikelihood: fit.logLikelihood, customers: n, evaluations: fit.evaluations, converged: fit.converged };
}

/**
 * Expected mean transaction value of each customer given x and m_x (note 025, eq. 5):
 * a weighted mean of the population mean pγ/(q − 1) and the customer's own m_x. Customers with
 * x = 0 get the population mean.
 * @returns Float64Array of the same length as the data
 * @throws RangeError on invalid parameters or data, or q <= 1 (the population mean is infinite)
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, data: SpendData): Float64Array {
  assertParams(params, "gammaGammaExpectedSpend");
  assertSpendData(data, "gammaGammaExpectedSpend");
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new RangeError(`gammaGammaExpectedSpend: q must be > 1 for a finite mean spend, got "${q}"`);
  const out = new Float64Array(data.frequency.length);
  for (let i = 0; i < out.length; i++) {
    const x = data.frequency[i]!;
    out[i] = x === 0 ? (p * gamma) / (q - 1) : (p * (gamma + x * data.monetary[i]!)) / (p * x + q - 1);
  }
  return out;
}

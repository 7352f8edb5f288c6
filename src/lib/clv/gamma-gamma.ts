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

/** Gamma-Gamma fit: an {@link MleFit} plus the repeat customers it had to leave out. */
export interface GammaGammaFit extends MleFit<GammaGammaParams> {
  /** Customers with frequency > 0 but mean spend <= 0 (zero-value purchases), left out of the fit and counted here. */
  readonly excludedNonPositive: number;
}

function assertSpendData(data: SpendData, where: string, allowNonPositive: boolean): void {
  if (data.frequency.length !== data.monetary.length) {
    throw new RangeError(`${where}: frequency and monetary must have equal lengths, got ${data.frequency.length} and ${data.monetary.length}`);
  }
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i]!, m = data.monetary[i]!;
    if (!(Number.isInteger(x) && x >= 0)) throw new RangeError(`${where}: customer ${i} column frequency: expected a non-negative integer, got "${x}"`);
    if (allowNonPositive ? !Number.isFinite(m) : x > 0 && !(m > 0 && Number.isFinite(m))) {
      const expected = allowNonPositive ? "a finite number" : "a finite number > 0 when frequency > 0";
      throw new RangeError(`${where}: customer ${i} column monetary: expected ${expected}, got "${m}"`);
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
  assertSpendData(data, "gammaGammaLogLikelihood", false);
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
 * Maximum-likelihood Gamma-Gamma fit on the customers with frequency > 0 and mean spend > 0; repeat
 * customers whose mean spend is 0 or negative cannot be Gamma distributed, so they are left out and
 * counted in `excludedNonPositive`.
 * @throws RangeError on non-finite or non-integer data, or when no customer is left to fit
 */
export function fitGammaGamma(data: SpendData, options: { readonly tolerance?: number } = {}): GammaGammaFit {
  assertSpendData(data, "fitGammaGamma", true);
  let n = 0, mean = 0, excluded = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    if (data.frequency[i]! === 0) continue;
    if (data.monetary[i]! > 0) n++;
    else excluded++;
  }
  if (n === 0) throw new RangeError(`fitGammaGamma: no customer has frequency > 0 and monetary > 0 (${excluded} repeat customers with monetary <= 0)`);
  const frequency = new Float64Array(n), monetary = new Float64Array(n);
  for (let i = 0, k = 0; i < data.frequency.length; i++) {
    if (data.frequency[i]! > 0 && data.monetary[i]! > 0) {
      frequency[k] = data.frequency[i]!;
      monetary[k] = data.monetary[i]!;
      mean += monetary[k]! / n;
      k++;
    }
  }
  const fitData = { frequency, monetary };
  const starts = [[1, 1, mean], [5, 3, mean / 2], [2, 5, 2 * mean]];
  const fit = maximizeLogLikelihood((z) => _logLikelihood(z[0]!, z[1]!, z[2]!, fitData), starts, options.tolerance ?? 1e-12, "fitGammaGamma");
  const [p, q, gamma] = fit.params;
  return {
    params: { p: p!, q: q!, gamma: gamma! }, logLikelihood: fit.logLikelihood, customers: n,
    evaluations: fit.evaluations, converged: fit.converged, excludedNonPositive: excluded,
  };
}

/**
 * Expected mean transaction value of each customer given x and m_x (note 025, eq. 5):
 * a weighted mean of the population mean pγ/(q − 1) and the customer's own m_x. Customers with
 * x = 0 get the population mean. Mean spends of 0 or below are allowed here (they shrink towards
 * the population mean like any other).
 * @returns Float64Array of the same length as the data
 * @throws RangeError on invalid parameters or data, or q <= 1 (the population mean is infinite)
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, data: SpendData): Float64Array {
  assertParams(params, "gammaGammaExpectedSpend");
  assertSpendData(data, "gammaGammaExpectedSpend", true);
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new RangeError(`gammaGammaExpectedSpend: q must be > 1 for a finite mean spend, got "${q}"`);
  const out = new Float64Array(data.frequency.length);
  for (let i = 0; i < out.length; i++) {
    const x = data.frequency[i]!;
    out[i] = x === 0 ? (p * gamma) / (q - 1) : (p * (gamma + x * data.monetary[i]!)) / (p * x + q - 1);
  }
  return out;
}

/**
 * Multi-start maximum likelihood on log-parameters (every BTYD parameter is positive): each start
 * is minimised with restarted Nelder–Mead and the best optimum wins. Deterministic: the starts are
 * fixed, so the same data always gives the same fit.
 */
import { minimizeNelderMead } from "./nelder-mead.js";

/** Result of {@link maximizeLogLikelihood}: parameters on the natural scale. */
export interface MleResult {
  readonly params: Float64Array;
  readonly logLikelihood: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/**
 * Maximises `logLik` over positive parameters.
 * @param logLik log-likelihood of natural-scale parameters; may return NaN/-Infinity outside its domain
 * @param starts natural-scale starting points (each entry > 0)
 * @param tolerance relative tolerance of the minimiser
 * @throws RangeError when a start has a non-positive entry or no start gives a finite likelihood
 */
export function maximizeLogLikelihood(
  logLik: (params: Float64Array) => number,
  starts: readonly (readonly number[])[],
  tolerance: number,
  where: string,
): MleResult {
  let best: MleResult | null = null;
  let evaluations = 0;
  const natural = (z: Float64Array): Float64Array => z.map(Math.exp);
  for (const start of starts) {
    if (!start.every((v) => v > 0 && Number.isFinite(v))) {
      throw new RangeError(`${where}: starting parameters must be finite and > 0, got "${start.join(", ")}"`);
    }
    const res = minimizeNelderMead((z) => -logLik(natural(z)), start.map(Math.log), { tolerance, step: 0.5 });
    evaluations += res.evaluations;
    if (Number.isFinite(res.value) && (best === null || -res.value > best.logLikelihood)) {
      best = { params: natural(res.x), logLikelihood: -res.value, evaluations: 0, converged: res.converged };
    }
  }
  if (best === null) throw new RangeError(`${where}: the log-likelihood is not finite at any starting point`);
  return { ...best, evaluations };
}

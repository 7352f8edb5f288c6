/**
 * Multi-start maximum likelihood on log-parameters (every BTYD parameter is positive): each start
 * is minimised with Nelder–Mead to a loose tolerance, and the best optimum is polished with restarted
 * Nelder–Mead to the requested tolerance. Deterministic: the starts are
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
  let best: { x: Float64Array; value: number } | null = null;
  let evaluations = 0;
  const natural = (z: Float64Array): Float64Array => z.map(Math.exp);
  const objective = (z: Float64Array): number => -logLik(natural(z));
  // every start to a loose tolerance, then only the best one polished to the requested one
  for (const start of starts) {
    if (!start.every((v) => v > 0 && Number.isFinite(v))) {
      throw new RangeError(`${where}: starting parameters must be finite and > 0, got "${start.join(", ")}"`);
    }
    const res = minimizeNelderMead(objective, start.map(Math.log), { tolerance: Math.max(tolerance, 1e-4), step: 0.5, maxRestarts: 0 });
    evaluations += res.evaluations;
    if (Number.isFinite(res.value) && (best === null || res.value < best.value)) best = res;
  }
  if (best === null) throw new RangeError(`${where}: the log-likelihood is not finite at any starting point`);
  const polished = minimizeNelderMead(objective, best.x, { tolerance, step: 0.05 });
  evaluations += polished.evaluations;
  return { params: natural(polished.x), logLikelihood: -polished.value, evaluations, converged: polished.converged };
}

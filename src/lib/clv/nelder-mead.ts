/**
 * Derivative-free minimisation (Nelder & Mead 1965) with adaptive coefficients (Gao & Han 2012)
 * and restarts: after the simplex collapses, a fresh simplex is built around the best point, and
 * the search stops when a restart no longer improves the value. Restarts are what make plain
 * Nelder–Mead reliable on the curved likelihood surfaces of the BTYD models.
 */

/** Options of {@link minimizeNelderMead}. */
export interface NelderMeadOptions {
  /** Initial step along each coordinate when building a simplex. Default 0.5. */
  readonly step?: number;
  /** Stop a pass when the spread of values and the simplex size fall below these. Default 1e-10. */
  readonly tolerance?: number;
  /** Largest total number of objective evaluations. Default 20000. */
  readonly maxEvaluations?: number;
  /** Largest number of restarts around the best point. Default 10. */
  readonly maxRestarts?: number;
}

/** The outcome of a minimisation. */
export interface MinimizeResult {
  /** Best point found. */
  readonly x: Float64Array;
  /** Objective at x. */
  readonly value: number;
  /** Objective evaluations used. */
  readonly evaluations: number;
  /** False when maxEvaluations ran out before the tolerance was met. */
  readonly converged: boolean;
}

/**
 * Minimises `f` from `x0`. Non-finite objective values (NaN, ±Infinity) are treated as +Infinity,
 * so an objective may return NaN outside its domain.
 * @param f objective of a point of length x0.length
 * @param x0 starting point
 * @throws RangeError when x0 is empty or has a non-finite coordinate, or options are invalid
 */
export function minimizeNelderMead(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  if (n === 0) throw new RangeError("minimizeNelderMead: x0 must have at least one coordinate");
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i]!)) throw new RangeError(`minimizeNelderMead: x0[${i}] must be finite, got "${x0[i]}"`);
  }
  const step = options.step ?? 0.5;
  const tol = options.tolerance ?? 1e-10;
  const maxEval = options.maxEvaluations ?? 20000;
  const maxRestarts = options.maxRestarts ?? 10;
  if (!(step > 0)) throw new RangeError(`minimizeNelderMead: step must be > 0, got "${step}"`);
  if (!(tol > 0)) throw new RangeError(`minimizeNelderMead: tolerance must be > 0, got "${tol}"`);

  let evaluations = 0;
  const evalf = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best: Float64Array = Float64Array.from(x0);
  let bestValue = evalf(best);
  let converged = false;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const pass = nelderMeadPass(evalf, best, bestValue, step, tol, () => evaluations < maxEval);
    const improved = bestValue - pass.value;
    if (pass.value <= bestValue) {
      best = pass.x;
      bestValue = pass.value;
    }
    converged = pass.converged;
    if (!pass.converged || (restart > 0 && !(improved > tol * (1 + Math.abs(bestValue))))) break;
  }
  return { x: best, value: bestValue, evaluations, converged };
}

function nelderMeadPass(
  f: (x: Float64Array) => number,
  start: Float64Array,
  startValue: number,
  step: number,
  tol: number,
  budgetLeft: () => boolean,
): { x: Float64Array; value: number; converged: boolean } {
  const n = start.length;
  // Gao & Han adaptive coefficients keep the method effective as the dimension grows.
  const alpha = 1, beta = 1 + 2 / n, gamma = 0.75 - 1 / (2 * n), delta = 1 - 1 / n;
  const pts: Float64Array[] = [Float64Array.from(start)];
  const vals: number[] = [startValue];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(start);
    p[i] = p[i]! + step;
    pts.push(p);
    vals.push(f(p));
  }
  const centroid = new Float64Array(n);
  const along = (coef: number): Float64Array => {
    const worst = pts[n]!;
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + coef * (centroid[j]! - worst[j]!);
    return out;
  };
  while (budgetLeft()) {
    const order = vals.map((v, i) => i).sort((i, j) => vals[i]! - vals[j]!);
    const sortedPts = order.map((i) => pts[i]!);
    const sortedVals = order.map((i) => vals[i]!);
    for (let i = 0; i <= n; i++) {
      pts[i] = sortedPts[i]!;
      vals[i] = sortedVals[i]!;
    }
    if (isConverged(pts, vals, tol)) return { x: pts[0]!, value: vals[0]!, converged: true };
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + pts[i]![j]! / n;
    const xr = along(alpha);
    const fr = f(xr);
    if (fr < vals[0]!) {
      const xe = along(alpha * beta);
      const fe = f(xe);
      if (fe < fr) replaceWorst(pts, vals, xe, fe);
      else replaceWorst(pts, vals, xr, fr);
    } else if (fr < vals[n - 1]!) {
      replaceWorst(pts, vals, xr, fr);
    } else {
      const outside = fr < vals[n]!;
      const xc = along(outside ? alpha * gamma : -gamma);
      const fc = f(xc);
      if (outside ? fc <= fr : fc < vals[n]!) {
        replaceWorst(pts, vals, xc, fc);
      } else {
        for (let i = 1; i <= n; i++) {
          const p = pts[i]!;
          for (let j = 0; j < n; j++) p[j] = pts[0]![j]! + delta * (p[j]! - pts[0]![j]!);
          vals[i] = f(p);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: pts[bi]!, value: vals[bi]!, converged: false };
}

function replaceWorst(pts: Float64Array[], vals: number[], x: Float64Array, v: number): void {
  pts[pts.length - 1] = x;
  vals[vals.length - 1] = v;
}

function isConverged(pts: Float64Array[], vals: number[], tol: number): boolean {
  const f0 = vals[0]!;
  if (!Number.isFinite(f0)) return false;
  let spread = 0, size = 0;
  for (let i = 1; i < pts.length; i++) {
    spread = Math.max(spread, Math.abs(vals[i]! - f0));
    for (let j = 0; j < pts[0]!.length; j++) size = Math.max(size, Math.abs(pts[i]![j]! - pts[0]![j]!));
  }
  return spread <= tol * (1 + Math.abs(f0)) && size <= Math.sqrt(tol);
}

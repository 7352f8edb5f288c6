import { checkBinary, checkProbability, checkSameLength } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";

/**
 * Calibration: expected calibration error and the reliability-diagram data behind it.
 *
 *   probs → bin edges (uniform on [0, 1], or quantiles of probs)
 *         → bin of each row: bins are right-closed (lower, upper], the first also holds 0
 *         → per non-empty bin: count, mean predicted probability, observed rate of 1s
 *         → ECE = Σ_b (count_b / n) · |meanPredicted_b − observedRate_b|
 *
 * Edges and bin assignment follow scikit-learn's calibration_curve exactly (numpy linspace and
 * linear percentile arithmetic, searchsorted on the inner edges), so the bins can be checked
 * against it; like calibration_curve, empty bins are left out.
 */
export const CALIBRATION_STRATEGIES = {
  uniform: "equal-width bins on [0, 1]",
  quantile: "bins holding (about) equal numbers of rows; edges are quantiles of the predictions",
} as const;

/** One binning strategy. */
export type CalibrationStrategy = keyof typeof CALIBRATION_STRATEGIES;

/** Options of {@link expectedCalibrationError}. */
export interface CalibrationOptions {
  /** Number of bins, a positive integer. Default 10. */
  readonly bins?: number;
  /** "uniform" or "quantile". Default "uniform". */
  readonly strategy?: CalibrationStrategy;
}

/** One bin of the reliability diagram. */
export interface CalibrationBin {
  /** Lower edge (exclusive, except 0 for the first bin). */
  readonly lower: number;
  /** Upper edge (inclusive). */
  readonly upper: number;
  /** Rows in the bin (> 0: empty bins are left out). */
  readonly count: number;
  /** Mean predicted probability of the bin's rows. */
  readonly meanPredicted: number;
  /** Share of the bin's rows with label 1. */
  readonly observedRate: number;
}

/** ECE and the non-empty bins, in ascending order of edges. */
export interface CalibrationResult {
  readonly ece: number;
  readonly bins: CalibrationBin[];
}

/**
 * Expected calibration error of predicted probabilities, with the reliability-diagram bins.
 * @param labels 0/1 outcome per row
 * @param probs predicted P(y = 1) per row, in [0, 1]
 * @throws RangeError on empty input, length mismatch, a label not 0/1, a probability outside
 *   [0, 1] or NaN, bins not a positive integer, or an unknown strategy
 */
export function expectedCalibrationError(labels: NumericColumn, probs: NumericColumn, options: CalibrationOptions = {}): CalibrationResult {
  const fn = "expectedCalibrationError";
  const nBins = options.bins ?? 10;
  const strategy = options.strategy ?? "uniform";
  if (!(Number.isInteger(nBins) && nBins >= 1)) throw new RangeError(`${fn}: bins must be a positive integer, got ${nBins}`);
  if (!Object.hasOwn(CALIBRATION_STRATEGIES, strategy)) {
    throw new RangeError(`${fn}: strategy must be "uniform" or "quantile", got "${String(strategy)}"`);
  }
  const n = checkSameLength(fn, { labels, probs });
  checkBinary(fn, "labels", labels);
  checkProbability(fn, "probs", probs);
  const edges = strategy === "uniform" ? uniformEdges(nBins) : quantileEdges(probs, nBins);
  return calibrationFromEdges(labels, probs, n, edges);
}

function calibrationFromEdges(labels: NumericColumn, probs: NumericColumn, n: number, edges: Float64Array): CalibrationResult {
  const nBins = edges.length - 1;
  const count = new Float64Array(nBins), sumP = new Float64Array(nBins), sumY = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = probs[i]!;
    const b = innerEdgesBelow(edges, p);
    count[b]!++;
    sumP[b]! += p;
    sumY[b]! += labels[i]!;
  }
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < nBins; b++) {
    const m = count[b]!;
    if (m === 0) continue;
    const meanPredicted = sumP[b]! / m, observedRate = sumY[b]! / m;
    ece += (m / n) * Math.abs(meanPredicted - observedRate);
    bins.push({ lower: edges[b]!, upper: edges[b + 1]!, count: m, meanPredicted, observedRate });
  }
  return { ece, bins };
}

/** Number of inner edges edges[1..nBins-1] strictly below p (numpy searchsorted, side "left"). */
function innerEdgesBelow(edges: Float64Array, p: number): number {
  let lo = 1, hi = edges.length - 1; // search in [1, length - 1)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** numpy.linspace(0, 1, nBins + 1): i · (1 / nBins), last edge exactly 1. */
function uniformEdges(nBins: number): Float64Array {
  const step = 1 / nBins;
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i < nBins; i++) edges[i] = i * step;
  edges[nBins] = 1;
  return edges;
}

/** numpy.percentile(probs, linspace(0, 1, nBins + 1) · 100), default "linear" method, same arithmetic. */
function quantileEdges(probs: NumericColumn, nBins: number): Float64Array {
  const sorted = Float64Array.from(probs).sort();
  const n = sorted.length;
  const q = uniformEdges(nBins);
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i <= nBins; i++) {
    const h = (n - 1) * ((q[i]! * 100) / 100);
    if (h >= n - 1) {
      edges[i] = sorted[n - 1]!;
      continue;
    }
    const lo = Math.floor(h);
    const t = h - lo;
    const a = sorted[lo]!, b = sorted[lo + 1]!;
    const d = b - a;
    edges[i] = t >= 0.5 ? b - d * (1 - t) : a + d * t;
  }
  return edges;
}

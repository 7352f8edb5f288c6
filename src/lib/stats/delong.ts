import { checkBinary, checkFinite, checkSameLength } from "../metrics/validate-inputs.js";
import type { NumericColumn } from "../metrics/validate-inputs.js";
import { normalQuantile, normalSf } from "./distributions.js";
import type { TieGroups } from "../metrics/grouped-auc.js";

/**
 * DeLong test for two correlated ROC AUCs on the same rows (DeLong, DeLong & Clarke-Pearson
 * 1988), in the O(n log n) midrank form of Sun & Xu (2014):
 *
 *   per model: midranks over all rows (T_Z), within positives (T_X), within negatives (T_Y)
 *     → AUC = mean over positives of T_Z/n − (m + 1)/(2n)
 *     → placements V10 = (T_Z − T_X)/n (positives), V01 = 1 − (T_Z − T_Y)/m (negatives)
 *   → S = cov(V10)/m + cov(V01)/n (2×2, n − 1 denominators) → var(a − b) = S_aa + S_bb − 2·S_ab
 *   → z, two-sided normal p, normal CI of the difference
 *
 * Rows are treated as independent; with several rows per customer use the customer bootstrap.
 * Matches pROC roc.test(method = "delong", paired = TRUE), var() and cov() (fixtures: delong.json).
 */
export interface DeLongResult {
  readonly positives: number;
  readonly negatives: number;
  readonly aucA: number;
  readonly aucB: number;
  /** aucA − aucB. */
  readonly difference: number;
  readonly varianceA: number;
  readonly varianceB: number;
  readonly covariance: number;
  /** Variance of the difference. */
  readonly variance: number;
  /** difference / sqrt(variance); 0 when both are 0, ±Infinity when only the variance is 0. */
  readonly z: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  /** CI of the difference at `level`. */
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
  /** CI of each AUC (normal, clipped to [0, 1] as pROC ci.auc does). */
  readonly ciA: [number, number];
  readonly ciB: [number, number];
}

/**
 * Paired DeLong test of AUC(a) − AUC(b).
 * @param labels 0/1 outcome per row
 * @param scoresA model a's score per row (higher = more likely 1)
 * @param scoresB model b's score per row
 * @param level confidence level in (0, 1); default 0.95
 * @param shared placements already computed, by score column, for calls on the same labels (a model
 *   compared with several others is sorted once); filled here. Default none.
 * @param ranked the tie groups (tieGroups) of score columns where the caller knows them: their
 *   midranks are counted per tie group instead of sorted, the same numbers. Default none.
 * @throws RangeError on empty input, length mismatch, a label not 0/1, a non-finite score, a level
 *   outside (0, 1), or fewer than 2 positives or 2 negatives (the variance needs both)
 */
export function delong(
  labels: NumericColumn,
  scoresA: NumericColumn,
  scoresB: NumericColumn,
  level = 0.95,
  shared?: Map<NumericColumn, DeLongPlacements>,
  ranked?: ReadonlyMap<NumericColumn, TieGroups>,
): DeLongResult {
  checkSameLength("delong", { labels, scoresA, scoresB });
  checkBinary("delong", "labels", labels);
  checkFinite("delong", "scoresA", scoresA);
  checkFinite("delong", "scoresB", scoresB);
  if (!(level > 0 && level < 1)) throw new RangeError(`delong: level must be in (0, 1), got ${level}`);
  let m = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) m++;
  const n = labels.length - m;
  if (m < 2 || n < 2) throw new RangeError(`delong: needs at least 2 positives and 2 negatives, got ${m} positives and ${n} negatives`);
  const pos = new Int32Array(m);
  const neg = new Int32Array(n);
  for (let i = 0, p = 0, q = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = i;
    else neg[q++] = i;
  }

  const placed = (scores: NumericColumn): DeLongPlacements => {
    let p = shared?.get(scores);
    if (!p) {
      const ties = ranked?.get(scores);
      p = ties ? placementsOfTies(ties, pos, neg) : placements(scores, pos, neg);
      shared?.set(scores, p);
    }
    return p;
  };
  const pa = placed(scoresA);
  const pb = placed(scoresB);
  const varianceA = cov(pa.v10, pa.v10) / m + cov(pa.v01, pa.v01) / n;
  const varianceB = cov(pb.v10, pb.v10) / m + cov(pb.v01, pb.v01) / n;
  const covariance = cov(pa.v10, pb.v10) / m + cov(pa.v01, pb.v01) / n;
  const difference = pa.auc - pb.auc;
  const variance = Math.max(0, varianceA + varianceB - 2 * covariance);
  const sd = Math.sqrt(variance);
  const z = sd > 0 ? difference / sd : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const q = normalQuantile(0.5 + level / 2);
  const clip = (x: number): number => Math.min(1, Math.max(0, x));
  const ci = (auc: number, v: number): [number, number] => [clip(auc - q * Math.sqrt(v)), clip(auc + q * Math.sqrt(v))];
  return {
    positives: m,
    negatives: n,
    aucA: pa.auc,
    aucB: pb.auc,
    difference,
    varianceA,
    varianceB,
    covariance,
    variance,
    z,
    pValue: Math.min(1, 2 * normalSf(Math.abs(z))),
    lower: difference - q * sd,
    upper: difference + q * sd,
    level,
    ciA: ci(pa.auc, varianceA),
    ciB: ci(pb.auc, varianceB),
  };
}

/** AUC and DeLong placement values of one model on given labels. */
export interface DeLongPlacements {
  readonly auc: number;
  readonly v10: Float64Array;
  readonly v01: Float64Array;
}

/** AUC and DeLong placement values of one model (Sun & Xu 2014, Algorithm 1). */
function placements(scores: NumericColumn, pos: Int32Array, neg: Int32Array): DeLongPlacements {
  const m = pos.length;
  const n = neg.length;
  const all = new Float64Array(m + n);
  for (let i = 0; i < m; i++) all[i] = scores[pos[i]!]!;
  for (let j = 0; j < n; j++) all[m + j] = scores[neg[j]!]!;
  return placementsOfMidranks(midranks(all), midranks(all.subarray(0, m)), midranks(all.subarray(m)), m, n);
}

/**
 * {@link placements} from the scores' tie groups: a row's midrank among a set of rows is
 * (rows of the set in lower tie groups) + (its tie group's rows in the set + 1) / 2, counted per tie
 * group, which is the same half-integer the sort and binary searches find.
 */
function placementsOfTies(ranked: TieGroups, pos: Int32Array, neg: Int32Array): DeLongPlacements {
  const m = pos.length;
  const n = neg.length;
  const { tie, ties } = ranked;
  const inPos = new Float64Array(ties), inNeg = new Float64Array(ties);
  for (let i = 0; i < m; i++) inPos[tie[pos[i]!]!]!++;
  for (let j = 0; j < n; j++) inNeg[tie[neg[j]!]!]!++;
  // per tie group: (first + 1 + last) / 2 among all rows, positives and negatives, as midranks computes it
  const rankAll = new Float64Array(ties), rankPos = new Float64Array(ties), rankNeg = new Float64Array(ties);
  for (let t = 0, belowPos = 0, belowNeg = 0; t < ties; t++) {
    const p = inPos[t]!, q = inNeg[t]!, below = belowPos + belowNeg;
    rankAll[t] = (below + 1 + (below + p + q)) / 2;
    rankPos[t] = (belowPos + 1 + (belowPos + p)) / 2;
    rankNeg[t] = (belowNeg + 1 + (belowNeg + q)) / 2;
    belowPos += p;
    belowNeg += q;
  }
  const tz = new Float64Array(m + n), tx = new Float64Array(m), ty = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const t = tie[pos[i]!]!;
    tz[i] = rankAll[t]!;
    tx[i] = rankPos[t]!;
  }
  for (let j = 0; j < n; j++) {
    const t = tie[neg[j]!]!;
    tz[m + j] = rankAll[t]!;
    ty[j] = rankNeg[t]!;
  }
  return placementsOfMidranks(tz, tx, ty, m, n);
}

/** Placements from the midranks over all rows (positives first), within positives and within negatives. */
function placementsOfMidranks(tz: Float64Array, tx: Float64Array, ty: Float64Array, m: number, n: number): DeLongPlacements {
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sumPos = 0;
  for (let i = 0; i < m; i++) {
    sumPos += tz[i]!;
    v10[i] = (tz[i]! - tx[i]!) / n;
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (tz[m + j]! - ty[j]!) / m;
  return { auc: sumPos / (m * n) - (m + 1) / (2 * n), v10, v01 };
}

/**
 * 1-based ranks with ties given their average rank: native sort of a copy, then each value's
 * midrank by binary search among the sorted values (exact half-integers, so order-independent).
 */
function midranks(values: Float64Array): Float64Array {
  const len = values.length;
  const sorted = Float64Array.from(values).sort();
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const v = values[i]!;
    let lo = 0, hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    // positions first..lo-1 (0-based) hold v: ranks first+1..lo, average (first + 1 + lo) / 2
    out[i] = (first + 1 + lo) / 2;
  }
  return out;
}

/** Sample covariance, n − 1 denominator. */
function cov(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (n - 1);
}

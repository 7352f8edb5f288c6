import { chiSquareSf, fSf } from "./distributions.js";

/**
 * Comparing k models over N datasets (Demšar 2006, JMLR 7:1–30):
 *
 *   scores N×k → ranks per dataset (1 = best, ties get the average rank) → average rank per model
 *     → Friedman χ² (tie-corrected, as scipy.stats.friedmanchisquare and R friedman.test)
 *     → Iman–Davenport F = (N − 1)χ² / (N(k − 1) − χ²), df (k − 1, (k − 1)(N − 1))
 *     → Nemenyi critical difference CD = q_α·sqrt(k(k + 1)/(6N)) → critical-difference diagram data
 */
export interface FriedmanResult {
  readonly datasets: number;
  readonly models: number;
  /** Average rank per model, in input column order; 1 = best. */
  readonly averageRanks: number[];
  readonly chiSquare: number;
  readonly chiSquarePValue: number;
  /** Tie correction factor 1 − Σ(t³ − t)/(N·k·(k² − 1)); 1 without ties. */
  readonly tieCorrection: number;
  readonly imanDavenportF: number;
  readonly imanDavenportPValue: number;
  readonly df1: number;
  readonly df2: number;
}

/**
 * Friedman test with the Iman–Davenport F.
 * @param scores one row per dataset, one column per model (N >= 2, k >= 2), finite values
 * @param higherIsBetter true when a larger score is better (AUC), false for losses
 * @throws RangeError on too few rows or columns, ragged rows, or a non-finite score (row and column named)
 */
export function friedman(scores: readonly (readonly number[])[], higherIsBetter: boolean): FriedmanResult {
  const N = scores.length;
  const k = scores[0]?.length ?? 0;
  if (N < 2 || k < 2) throw new RangeError(`friedman: need at least 2 datasets and 2 models, got ${N} x ${k}`);
  const rankSums = new Array<number>(k).fill(0);
  let tieSum = 0;
  scores.forEach((row, r) => {
    if (row.length !== k) throw new RangeError(`friedman: row ${r} has ${row.length} scores, expected ${k}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`friedman: scores[${r}][${j}] must be a finite number, got ${v}`);
    });
    const { ranks, ties } = averageRanks(higherIsBetter ? row.map((v) => -v) : row);
    ranks.forEach((rk, j) => (rankSums[j]! += rk));
    tieSum += ties;
  });
  const avg = rankSums.map((s) => s / N);
  return friedmanFromAverageRanks(avg, N, 1 - tieSum / (N * k * (k * k - 1)));
}

/**
 * Friedman χ² and Iman–Davenport F from average ranks (Demšar 2006, eqs. in §3.2.2). With
 * tieCorrection 1 this is Demšar's formula; 0 (every dataset all-tied) gives χ² 0, p 1.
 * Perfect agreement makes the F denominator 0: F = Infinity, p = 0.
 * @param ranks average rank per model (1..k)
 * @param datasets N
 * @param tieCorrection factor in [0, 1]; default 1
 */
export function friedmanFromAverageRanks(ranks: readonly number[], datasets: number, tieCorrection = 1): FriedmanResult {
  const k = ranks.length;
  const N = datasets;
  const sumSq = ranks.reduce((s, r) => s + r * r, 0);
  const raw = ((12 * N) / (k * (k + 1))) * (sumSq - (k * (k + 1) ** 2) / 4);
  const chiSquare = tieCorrection > 0 ? Math.max(0, raw / tieCorrection) : 0;
  const df1 = k - 1;
  const df2 = (k - 1) * (N - 1);
  const denom = N * (k - 1) - chiSquare;
  const F = denom > 1e-12 * N * k ? ((N - 1) * chiSquare) / denom : Infinity;
  return {
    datasets: N,
    models: k,
    averageRanks: [...ranks],
    chiSquare,
    chiSquarePValue: chiSquareSf(chiSquare, df1),
    tieCorrection,
    imanDavenportF: F,
    imanDavenportPValue: F === Infinity ? 0 : fSf(F, df1, df2),
    df1,
    df2,
  };
}

/** Ranks 1..n ascending with ties averaged, and Σ(t³ − t) over tie groups. */
function averageRanks(values: readonly number[]): { ranks: number[]; ties: number } {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  let ties = 0;
  for (let i = 0; i < order.length; ) {
    let j = i + 1;
    while (j < order.length && values[order[j]!] === values[order[i]!]) j++;
    const t = j - i;
    for (let m = i; m < j; m++) ranks[order[m]!] = (i + j + 1) / 2;
    ties += t * t * t - t;
    i = j;
  }
  return { ranks, ties };
}

/**
 * Critical values q_α of the Nemenyi test for k = 2..10 models (Demšar 2006, Table 5a: the
 * studentized range statistic with infinite df divided by √2).
 */
export const NEMENYI_Q = {
  "0.05": [1.96, 2.343, 2.569, 2.728, 2.85, 2.949, 3.031, 3.102, 3.164],
  "0.1": [1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.78, 2.855, 2.92],
} as const;

export type NemenyiAlpha = 0.05 | 0.1;

/**
 * Nemenyi critical difference of average ranks: two models differ when their average ranks
 * differ by at least CD = q_α·sqrt(k(k + 1)/(6N)).
 * @param models k in 2..10
 * @param datasets N >= 1
 * @throws RangeError when k is outside the table or alpha is not 0.05 / 0.1
 */
export function nemenyiCriticalDifference(models: number, datasets: number, alpha: NemenyiAlpha = 0.05): number {
  if (alpha !== 0.05 && alpha !== 0.1) throw new RangeError(`nemenyi: alpha must be 0.05 or 0.1, got ${alpha}`);
  if (!(Number.isInteger(models) && models >= 2 && models <= 10)) throw new RangeError(`nemenyi: number of models must be an integer in 2..10, got ${models}`);
  if (!(Number.isInteger(datasets) && datasets >= 1)) throw new RangeError(`nemenyi: number of datasets must be a positive integer, got ${datasets}`);
  const q = NEMENYI_Q[alpha === 0.05 ? "0.05" : "0.1"][models - 2]!;
  return q * Math.sqrt((models * (models + 1)) / (6 * datasets));
}

/** Data for a critical-difference diagram (Demšar 2006, Fig. 1). */
export interface CriticalDifferenceDiagram {
  readonly alpha: NemenyiAlpha;
  readonly criticalDifference: number;
  /** Models by average rank, best (lowest) first. */
  readonly models: { readonly name: string; readonly averageRank: number }[];
  /** Maximal groups of models (≥ 2) not significantly different: the bars joining them. */
  readonly cliques: { readonly models: string[]; readonly lowRank: number; readonly highRank: number }[];
}

/**
 * Models sorted by average rank with the bars of a CD diagram.
 * @param names one name per model, same order as averageRanks
 * @throws RangeError when names and ranks differ in length (and as nemenyiCriticalDifference)
 */
export function criticalDifferenceDiagram(names: readonly string[], averageRanks: readonly number[], datasets: number, alpha: NemenyiAlpha = 0.05): CriticalDifferenceDiagram {
  if (names.length !== averageRanks.length) throw new RangeError(`criticalDifferenceDiagram: ${names.length} names but ${averageRanks.length} ranks`);
  const cd = nemenyiCriticalDifference(names.length, datasets, alpha);
  const models = names.map((name, i) => ({ name, averageRank: averageRanks[i]! })).sort((a, b) => a.averageRank - b.averageRank);
  const cliques: CriticalDifferenceDiagram["cliques"][number][] = [];
  let lastEnd = -1;
  for (let i = 0; i < models.length; i++) {
    let j = i;
    while (j + 1 < models.length && models[j + 1]!.averageRank - models[i]!.averageRank < cd) j++;
    if (j > i && j > lastEnd) {
      const group = models.slice(i, j + 1);
      cliques.push({ models: group.map((m) => m.name), lowRank: group[0]!.averageRank, highRank: group[group.length - 1]!.averageRank });
      lastEnd = j;
    }
  }
  return { alpha, criticalDifference: cd, models, cliques };
}

import { checkBinary, checkFinite, checkSameLength, checkWeights } from "./validate-inputs.js";
import type { NumericColumn } from "./validate-inputs.js";
import { tieGroups, type TieGroups } from "./grouped-auc.js";

/**
 * ROC AUC computed many times on the same labels and scores under different weights.
 *
 *   sortedAucContext(labels, scores, groups?)   sort rows by score once, O(n log n);
 *     → .auc(rowWeights)                        then O(n) per weight vector,
 *     → .aucForGroupWeights(groupWeights)        or O(n) per group-weight vector (bootstrap).
 *
 * Rows with equal scores form one tie group; a positive and a negative in the same tie group
 * count 1/2 (Mann–Whitney U / (n₊·n₋)). Weights are frequency weights: the weight of a pair is the
 * product of its rows' weights.
 */
export interface SortedAucContext {
  /** Number of rows. */
  readonly size: number;
  /** Number of distinct score values. */
  readonly tieGroups: number;
  /**
   * AUC under per-row frequency weights, or null when the weighted data hold only one class.
   * @param weights length size, non-negative; default 1 per row
   * @throws RangeError on a length mismatch or a negative / non-finite weight
   */
  auc(weights?: NumericColumn): number | null;
  /**
   * AUC where row i has weight groupWeights[groups[i]] (e.g. customer bootstrap counts), or null
   * when the weighted data hold only one class.
   * @param groupWeights one non-negative weight per group code
   * @throws Error when the context was made without groups; RangeError when groupWeights is too short
   */
  aucForGroupWeights(groupWeights: NumericColumn): number | null;
}

/**
 * Sorts once for repeated weighted AUCs.
 * @param labels 0/1 outcome per row
 * @param scores any finite score per row; higher means "more likely 1"
 * @param groups optional non-negative integer group code per row (customer), for aucForGroupWeights
 * @throws RangeError on empty input, length mismatch, a label not 0/1, a non-finite score or a
 *   negative group code
 */
export function sortedAucContext(labels: NumericColumn, scores: NumericColumn, groups?: Int32Array): SortedAucContext {
  const n = checkSameLength("auc", { labels, scores, groups });
  checkBinary("auc", "labels", labels);
  checkFinite("auc", "scores", scores);
  let groupCount = 0;
  if (groups) {
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      if (g < 0) throw new RangeError(`auc: groups[${i}] must be a non-negative code, got ${g}`);
      if (g >= groupCount) groupCount = g + 1;
    }
  }
  const s = Float64Array.from(scores);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => s[x]! - s[y]!);

  const sortedLabel = new Uint8Array(n);
  const bounds: number[] = [0];
  for (let k = 0; k < n; k++) {
    const r = order[k]!;
    sortedLabel[k] = labels[r]!;
    if (k > 0 && s[r]! !== s[order[k - 1]!]!) bounds.push(k);
  }
  bounds.push(n);
  const groupEnd = Int32Array.from(bounds.slice(1));
  const sortedGroup = groups ? Int32Array.from(order, (r) => groups[r]!) : null;

  return {
    size: n,
    tieGroups: groupEnd.length,
    auc(weights?: NumericColumn): number | null {
      if (weights === undefined) return aucSorted(sortedLabel, groupEnd, null, null);
      if (weights.length !== n) throw new RangeError(`auc: weights has ${weights.length} rows but scores has ${n}`);
      checkWeights("auc", weights);
      return aucSorted(sortedLabel, groupEnd, weights, order);
    },
    aucForGroupWeights(groupWeights: NumericColumn): number | null {
      if (!sortedGroup) throw new Error("auc: aucForGroupWeights needs a context made with groups");
      if (groupWeights.length < groupCount) {
        throw new RangeError(`auc: groupWeights has ${groupWeights.length} entries but group codes go up to ${groupCount - 1}`);
      }
      return aucSorted(sortedLabel, groupEnd, groupWeights, sortedGroup);
    },
  };
}

/**
 * Core loop over tie groups in ascending score order. The weight of sorted position k is
 * weights[index[k]] (index = row order or group code), or 1 when weights is null.
 */
function aucSorted(
  sortedLabel: Uint8Array,
  groupEnd: Int32Array,
  weights: NumericColumn | null,
  index: Int32Array | null,
): number | null {
  let negBelow = 0;
  let pos = 0;
  let sum = 0;
  let k = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g]!;
    let gp = 0;
    let gn = 0;
    for (; k < end; k++) {
      const w = weights === null ? 1 : weights[index![k]!]!;
      if (sortedLabel[k] === 1) gp += w;
      else gn += w;
    }
    sum += gp * (negBelow + 0.5 * gn);
    negBelow += gn;
    pos += gp;
  }
  if (pos === 0 || negBelow === 0) return null;
  return sum / (pos * negBelow);
}

/**
 * ROC AUC (probability that a random positive scores above a random negative, ties 1/2).
 * @param labels 0/1 outcome per row
 * @param scores any finite score per row
 * @param weights optional non-negative frequency weights per row (default 1)
 * @returns the AUC, or null when the (weighted) data hold only one class
 * @throws RangeError on empty input, length mismatch, a label not 0/1, a non-finite score, or a
 *   negative / non-finite weight
 */
export function auc(labels: NumericColumn, scores: NumericColumn, weights?: NumericColumn): number | null {
  checkSameLength("auc", { labels, scores, weights });
  if (weights) {
    checkWeights("auc", weights);
    return sortedAucContext(labels, scores).auc(weights);
  }
  return aucOfTies(labels, scores, null);
}

/**
 * Unweighted ROC AUC where the scores' tie groups may already be known (an evaluation cell's, read
 * off the whole test set's by subsetTieGroups): the same value as auc(labels, scores).
 * @param ranked tieGroups(scores), or null to compute them here
 * @throws RangeError as auc
 */
export function aucOfTies(labels: NumericColumn, scores: NumericColumn, ranked: TieGroups | null): number | null {
  checkSameLength("auc", { labels, scores });
  checkBinary("auc", "labels", labels);
  checkFinite("auc", "scores", scores);
  // unweighted: counts per tie group (native sort); integer sums, so the same value as the sorted pass
  const { tie, ties } = ranked ?? tieGroups(scores);
  const gp = new Float64Array(ties), gn = new Float64Array(ties);
  for (let i = 0; i < tie.length; i++) {
    if (labels[i] === 1) gp[tie[i]!]!++;
    else gn[tie[i]!]!++;
  }
  let negBelow = 0, pos = 0, sum = 0;
  for (let t = 0; t < ties; t++) {
    sum += gp[t]! * (negBelow + 0.5 * gn[t]!);
    negBelow += gn[t]!;
    pos += gp[t]!;
  }
  return pos === 0 || negBelow === 0 ? null : sum / (pos * negBelow);
}

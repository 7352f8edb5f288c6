import type { ComparisonCell, PairedDifference } from "../records/metrics-record.js";
import type { ResamplingDistribution } from "../stats/resampling.js";
import { holm, holmConsistentAlpha } from "../stats/holm.js";
import { decide } from "./verdict.js";

/**
 * From bootstrap distributions to the claims a comparison makes, cell by cell.
 *
 *   overall:  distribution → interval at level, inverted p, TOST p at the margin → verdict
 *   cells:    the same per context value / segment (cells under minCustomers: no inference, a note)
 *             → Holm over the family's p-values and, separately, over its TOST p-values
 *             → each cell's interval at the Holm-consistent level 1 − α·p/pHolm, which excludes 0
 *               exactly when pHolm < α → verdict from that interval and the Holm-adjusted TOST p
 */

/** How claims are made: significance, margin and the smallest inferential cell. */
export interface InferenceRule {
  /** Confidence level of the intervals; α = 1 − level. */
  readonly level: number;
  /** Equivalence margin δ, metric units (≥ 0; 0 = no equivalence claim possible). */
  readonly margin: number;
  readonly higherIsBetter: boolean;
}

/** Default smallest number of customers in a cell that gets a CI, p-value and claim. */
export const DEFAULT_MIN_CUSTOMERS = 20;

/** The note of a cell too small for inference. */
export function tooFewCustomersNote(minCustomers: number): string {
  return `fewer than ${minCustomers} customers: metrics only, no CI, p-value or claim`;
}

/**
 * The recorded difference of a resampling result (bootstrap or sign flips): interval at the rule's
 * level, inverted p-value, TOST p-value and verdict, all read off the same distribution.
 * @param base estimate, counts and level of the result (no p-value)
 * @param distribution the resampled differences it came from
 */
export function inferredDifference(
  base: Pick<PairedDifference, "estimate" | "rows" | "customers">,
  distribution: ResamplingDistribution,
  rule: InferenceRule,
): PairedDifference {
  const alpha = 1 - rule.level;
  const [lower, upper] = distribution.interval(alpha);
  const pTost = distribution.tostPValue(rule.margin);
  return {
    estimate: base.estimate,
    lower,
    upper,
    level: rule.level,
    resamples: distribution.resamples,
    rows: base.rows,
    customers: base.customers,
    pValue: distribution.pValue(),
    test: distribution.test,
    interval: distribution.method,
    ...(distribution.fallback ? { intervalNote: distribution.fallback } : {}),
    margin: rule.margin,
    pTost,
    verdict: decide(lower, upper, pTost, alpha, rule.higherIsBetter),
  };
}

/** A recorded difference with the distribution it was read off (kept until Holm has run). */
export interface InferredDifference {
  readonly difference: PairedDifference;
  readonly distribution: ResamplingDistribution;
}

/** A comparison cell with the distribution behind its difference (null when it has none). */
export interface CellWithDistribution {
  readonly cell: ComparisonCell;
  readonly distribution: ResamplingDistribution | null;
}

/**
 * Holm-adjusted claims for every cell with a difference; the family is all such cells of all
 * groups together. Adds pHolm, pTostHolm, the Holm-consistent interval (`adjusted`) and the
 * verdict judged on them. Cells without a difference are returned as they are.
 * @param groups lists of cells (e.g. [byContext, bySegment]); returned in the same shape
 * @param rule significance (the family-wise α = 1 − level) and the metric's direction
 */
export function withHolm(groups: readonly (readonly CellWithDistribution[])[], rule: Pick<InferenceRule, "level" | "higherIsBetter">): ComparisonCell[][] {
  const alpha = 1 - rule.level;
  const live = groups.flat().filter((g) => g.cell.difference?.pValue !== undefined);
  const pHolm = holm(live.map((g) => g.cell.difference!.pValue!));
  const tost = live.map((g) => g.cell.difference!.pTost);
  const pTostHolm = tost.every((p) => p !== undefined) ? holm(tost as number[]) : null;
  const adjusted = new Map<CellWithDistribution, PairedDifference>();
  live.forEach((g, i) => {
    const d = g.cell.difference!;
    const ph = pHolm[i]!;
    const extra: { pHolm: number; pTostHolm?: number; adjusted?: PairedDifference["adjusted"]; verdict?: PairedDifference["verdict"] } = { pHolm: ph };
    if (pTostHolm) extra.pTostHolm = pTostHolm[i]!;
    if (g.distribution) {
      const level = holmConsistentAlpha(alpha, d.pValue!, ph, live.length);
      const [lower, upper] = g.distribution.interval(level);
      extra.adjusted = { lower, upper, level: 1 - level };
      extra.verdict = decide(lower, upper, extra.pTostHolm ?? null, alpha, rule.higherIsBetter);
    }
    adjusted.set(g, { ...d, ...extra });
  });
  return groups.map((group) => group.map((g) => (adjusted.has(g) ? { ...g.cell, difference: adjusted.get(g)! } : g.cell)));
}

/**
 * Every cell of a run whose interval and p-value disagree: the interval excludes 0 but p ≥ α or
 * the reverse, or (context and segment cells) the Holm-consistent interval disagrees with pHolm.
 * Empty for runs made by this code; used by tests and checks that scan whole runs.
 * @param comparisons the run's comparisons (metrics.json comparisons and ranking comparisons)
 * @returns one line per contradiction, naming the comparison and the cell
 */
export function inferenceContradictions(comparisons: readonly { irm: string; crm: string; metric: string; k?: number; overall: PairedDifference; byContext: readonly ComparisonCell[]; bySegment?: readonly ComparisonCell[] }[]): string[] {
  const out: string[] = [];
  for (const c of comparisons) {
    const name = `${c.irm} − ${c.crm} ${c.metric}${c.k === undefined ? "" : `@${c.k}`}`;
    const cells: [string, PairedDifference | null][] = [["overall", c.overall], ...[...c.byContext, ...(c.bySegment ?? [])].map((x): [string, PairedDifference | null] => [`${x.dimension} ${x.level}`, x.difference])];
    for (const [where, d] of cells) {
      if (!d || d.pValue === undefined) continue;
      const alpha = 1 - d.level;
      if ((d.lower > 0 || d.upper < 0) !== d.pValue < alpha) out.push(`${name}, ${where}: CI [${d.lower}, ${d.upper}] vs p = ${d.pValue}`);
      if (d.adjusted && d.pHolm !== undefined && (d.adjusted.lower > 0 || d.adjusted.upper < 0) !== d.pHolm < alpha) {
        out.push(`${name}, ${where}: Holm interval [${d.adjusted.lower}, ${d.adjusted.upper}] vs pHolm = ${d.pHolm}`);
      }
    }
  }
  return out;
}

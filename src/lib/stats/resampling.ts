/**
 * What a comparison's claims are read off: one resampling distribution of a paired difference
 * (a customer bootstrap, or a customer sign-flip permutation in cells with few customers), so the
 * interval, the p-value and the equivalence test of a cell always come from the same resamples.
 *
 * Contract, for every α in (0, 1): interval(α) excludes 0 ⇔ pValue() < α. cell-inference relies on
 * it to draw Holm-consistent intervals (level 1 − α·p/pHolm) and tests check it on random cells.
 */
export interface ResamplingDistribution {
  /** How the interval is made: bootstrap "percentile" or "bca", or the inverted "sign-flip" test. */
  readonly method: "percentile" | "bca" | "sign-flip";
  /** The test behind the p-value, as recorded in PairedDifference.test. */
  readonly test: "bootstrap" | "sign-flip exact" | "sign-flip Monte Carlo";
  /** Resamples (bootstrap) or sign flips (permutation) the numbers rest on. */
  readonly resamples: number;
  /** Why the asked-for interval method was replaced (BCa → percentile); null when it was not. */
  readonly fallback: string | null;
  /** The difference on all rows. */
  readonly estimate: number;
  /** The two-sided interval at significance α (level 1 − α). */
  interval(alpha: number): [number, number];
  /** Two-sided p-value of "no difference": the smallest α at which interval(α) excludes 0. */
  pValue(): number;
  /** TOST p-value of "|difference| ≥ margin" (1 when margin ≤ 0). */
  tostPValue(margin: number): number;
}

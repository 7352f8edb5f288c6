/**
 * The fire policy comparison: drop the lowest share of customers by CLV, or by an IRM-aware score,
 * and count the holdout value each policy would have walked away from.
 *
 *   CLV_c (BG/NBD × Gamma-Gamma, calibration)             ─► fire lowest ⌊p·n⌋ ─► holdout value lost (share)
 *   IRM-aware score_c = CLV_c · (w_c + (1 − w_c) · R_c)   ─► fire lowest ⌊p·n⌋ ─► holdout value lost (share)
 *   difference = lost(CLV) − lost(IRM-aware)  (> 0: the IRM-aware policy keeps more of the value)
 *   null: R_c refitted on worlds with context labels permuted within customer ─► excess over the null
 *
 * R_c = Π_d Σ_k π_cdk · v_dk / v_d: how valuable the contexts customer c lives in are, where π_cdk is
 * c's share of calibration occasions in level k of dimension d, v_dk the population's value per
 * occasion in that level and v_d over all known levels (all fitted on calibration rows only). w_c =
 * f_c / (f_c + 1) with f_c the customer's calibration purchase days: the fewer purchases, the more
 * the score leans on the value of the customer's contexts rather than on their own record. Without
 * context R_c = 1 and the two policies coincide.
 * CIs resample customers with both policies' decisions held fixed (each cut-off was made once).
 */
import type { ClvFit } from "./clv-fit.js";
import { NO_CONTEXT, type ContextCells } from "./context-cells.js";
import { bootstrapCustomers, type Estimate } from "./customer-bootstrap.js";
import { excessOverNull, ratioOfSums, ratioOfSumsPair, WorldMean, type NullEstimate } from "./null-estimate.js";

/** Options of {@link firePolicy}. */
export interface FirePolicyOptions {
  /** Share of scored customers fired (lowest score), in (0, 1). Default 0.2. */
  readonly percentile?: number;
  readonly seed: number;
  readonly resamples?: number;
}

/** What the two fire policies would have cost. */
export interface FirePolicy {
  readonly percentile: number;
  /** Customers with a calibration purchase (scored). */
  readonly customers: number;
  /** Customers each policy fires. */
  readonly fired: number;
  /** Highest CLV among the customers the CLV policy fires. */
  readonly clvCutoff: number | null;
  /** Share of the fired customers that both policies fire. */
  readonly overlap: number | null;
  /** Share of all holdout value held by the customers the CLV policy fires (95% CI). */
  readonly lostByClv: Estimate;
  /** The same for the IRM-aware policy; a string without context. */
  readonly lostByIrm: Estimate | typeof NO_CONTEXT;
  /** lost(CLV) − lost(IRM-aware), share of holdout value, paired 95% CI. */
  readonly difference: Estimate | typeof NO_CONTEXT;
  /** The difference against its permutation null (the IRM-aware score refitted on permuted contexts). */
  readonly differenceVsNull: NullEstimate | typeof NO_CONTEXT;
  readonly definitions: Readonly<Record<string, string>>;
}

/**
 * R_c of every data customer (module comment) from context tallies; 1 for customers without known-level rows.
 * @param cells one table per dimension (calibration rows)
 */
export function contextValueRatio(cells: readonly ContextCells[]): Float64Array {
  const ratio = new Float64Array(cells[0]?.customers ?? 0).fill(1);
  for (const cell of cells) multiplyContextValue(ratio, cell);
  return ratio;
}

/** Multiplies each customer's ratio by one dimension's factor of R_c (module comment). */
function multiplyContextValue(ratio: Float64Array, cell: ContextCells): void {
  const L = cell.levels.length, n = ratio.length;
  const rows = new Float64Array(L), value = new Float64Array(L);
  for (let c = 0; c < n; c++) {
    for (let k = 0; k < L; k++) {
      rows[k]! += cell.rows[c * L + k]!;
      value[k]! += cell.value[c * L + k]!;
    }
  }
  let R = 0, V = 0;
  for (let k = 0; k < L; k++) {
    R += rows[k]!;
    V += value[k]!;
  }
  if (!(R > 0 && V > 0)) return;
  const overall = V / R;
  for (let c = 0; c < n; c++) {
    let occasions = 0, mix = 0;
    for (let k = 0; k < L; k++) {
      const r = cell.rows[c * L + k]!;
      if (r === 0) continue;
      occasions += r;
      mix += r * (value[k]! / rows[k]!);
    }
    if (occasions > 0) ratio[c]! *= mix / occasions / overall;
  }
}

/**
 * The fire policy's null, added world by world: each permuted world's cells, dimension by dimension,
 * then `endWorld()`, which fires the lowest IRM-aware scores refitted on that world. `mean()`: per
 * summary customer, the share of worlds that fire them.
 */
export class FireNull {
  private readonly fired = new WorldMean();
  private readonly ratio: Float64Array;
  private readonly percentile: number;

  /**
   * @param percentile share fired, as in {@link firePolicy} (default 0.2)
   * @throws RangeError when percentile is not in (0, 1)
   */
  constructor(private readonly fit: ClvFit, customers: number, percentile?: number) {
    this.percentile = firePercentile(percentile);
    this.ratio = new Float64Array(customers).fill(1);
  }

  /** Adds one dimension's cells of the current world (dimensions in the data's order). */
  add(cell: ContextCells): void {
    multiplyContextValue(this.ratio, cell);
  }

  /** Fires on the current world and starts the next one. */
  endWorld(): void {
    this.fired.add(fireLowest(irmAwareScore(this.fit, this.ratio), this.fit.summary.customer, this.percentile));
    this.ratio.fill(1);
  }

  /**
   * Per summary customer, the share of the worlds ended that fire them.
   * @throws RangeError when no world was ended
   */
  mean(): Float64Array {
    return this.fired.mean();
  }
}

/** The share fired: `percentile` (default 0.2), checked. */
function firePercentile(percentile: number | undefined): number {
  const p = percentile ?? 0.2;
  if (!(p > 0 && p < 1)) throw new RangeError(`firePolicy: percentile must be in (0, 1), got "${p}"`);
  return p;
}

/** The IRM-aware score of each summary customer (module comment). */
export function irmAwareScore(fit: ClvFit, ratio: Float64Array): Float64Array {
  return fit.clv.map((clv, i) => {
    const f = fit.summary.frequency[i]! + 1, w = f / (f + 1);
    return clv * (w + (1 - w) * ratio[fit.summary.customer[i]!]!);
  });
}

/** 1 for the ⌊p·n⌋ lowest scores (ties by customer code: the decision is a rank, not a value). */
export function fireLowest(score: Float64Array, customer: Int32Array, p: number): Float64Array {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]! || customer[a]! - customer[b]!);
  const fired = new Float64Array(n);
  for (let r = 0; r < Math.floor(p * n); r++) fired[order[r]!] = 1;
  return fired;
}

/**
 * Compares the CLV and IRM-aware fire policies (module comment).
 * @param nullFired FireNull.mean() of the permuted worlds, made with the same percentile (unread without context)
 * @throws RangeError when percentile is not in (0, 1)
 */
export function firePolicy(fit: ClvFit, cells: readonly ContextCells[], nullFired: Float64Array | null, options: FirePolicyOptions): FirePolicy {
  const p = firePercentile(options.percentile);
  const n = fit.clv.length, h = fit.holdoutValue, ids = fit.summary.customer;
  const byClv = fireLowest(fit.clv, ids, p);
  const nFired = Math.floor(p * n);
  let cutoff: number | null = null;
  for (let i = 0; i < n; i++) if (byClv[i] === 1 && (cutoff === null || fit.clv[i]! > cutoff)) cutoff = fit.clv[i]!;
  const lostClv = h.map((v, i) => v * byClv[i]!);
  const definitions = {
    lost: `share of all holdout value (${fit.unit === "currency" ? "currency units" : "purchases"}) held by the ⌊${p} · n⌋ customers a policy fires; CIs resample customers with the decisions fixed`,
    clv: `${fit.months}-month CLV at the calibration end (BG/NBD × Gamma-Gamma), lowest first, ties by customer code`,
    irmAware: "CLV · (w + (1 − w) · R): R = how valuable the contexts the customer lives in are per occasion (population value per occasion in each level, weighted by the customer's occasions, relative to all; product over dimensions), w = f/(f + 1) with f calibration purchase days; fitted on calibration rows only",
    difference: "value lost by the CLV policy minus value lost by the IRM-aware policy (> 0: the IRM-aware policy keeps more)",
    null: "the IRM-aware score refitted on worlds where context labels are permuted within customer (mean over permutations)",
  };
  if (cells.length === 0) {
    const [lost] = bootstrapCustomers(n, (w) => [ratioOfSums(lostClv, h, w)], options);
    return { percentile: p, customers: n, fired: nFired, clvCutoff: cutoff, overlap: null, lostByClv: lost!, lostByIrm: NO_CONTEXT, difference: NO_CONTEXT, differenceVsNull: NO_CONTEXT, definitions };
  }
  const byIrm = fireLowest(irmAwareScore(fit, contextValueRatio(cells)), ids, p);
  if (nullFired === null) throw new RangeError("firePolicy: data with context need the null's fired shares (FireNull)");
  const lostIrm = h.map((v, i) => v * byIrm[i]!), lostNull = h.map((v, i) => v * nullFired[i]!);
  const diff = lostClv.map((v, i) => v - lostIrm[i]!), diffNull = lostClv.map((v, i) => v - lostNull[i]!);
  const [lost, lostI, difference] = bootstrapCustomers(n, (w) => [...ratioOfSumsPair(lostClv, lostIrm, h, w), ratioOfSums(diff, h, w)], options);
  let differing = 0;
  for (let i = 0; i < n; i++) if (diff[i] !== diffNull[i]) differing++;
  const [vsNull] = excessOverNull(n, (w) => ratioOfSumsPair(diff, diffNull, h, w), { ...options, seed: options.seed + 1, differing });
  let both = 0;
  for (let i = 0; i < n; i++) both += byClv[i]! * byIrm[i]!;
  return {
    percentile: p, customers: n, fired: nFired, clvCutoff: cutoff, overlap: nFired > 0 ? both / nFired : null,
    lostByClv: lost!, lostByIrm: lostI!, difference: difference!, differenceVsNull: vsNull!, definitions,
  };
}

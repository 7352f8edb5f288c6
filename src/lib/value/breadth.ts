/**
 * Breadth: in how many of the contexts a customer lives in the firm actually serves them.
 *
 * A customer LIVES in a context level when the calibration data shows them there at least once
 * (any row: an offer seen, a visit, a rating). The firm SERVES them there when at least one of
 * those rows is a purchase (accepted offer, purchase, rating). Breadth_c = served_c / lived_c per
 * dimension, for customers seen in at least one known level. 1 = served wherever they live.
 * Null: the same on worlds with context labels permuted within customer (levels lived in unchanged,
 * purchases spread over them at random); a negative excess means purchases concentrate in fewer of a
 * customer's contexts than chance would put them.
 */
import type { ContextCells } from "./context-cells.js";
import { excessOverNull, ratioOfSumsPair, WorldMean, type NullEstimate } from "./null-estimate.js";

/** Breadth of one dimension. */
export interface Breadth {
  readonly dimension: string;
  /** Customers seen in at least one known level. */
  readonly customers: number;
  /** Mean breadth over those customers against its permutation null. */
  readonly meanBreadth: NullEstimate;
  /** Mean breadth over customers with at least one purchase (buyers), against its null. */
  readonly meanBreadthBuyers: NullEstimate;
  /** Share of customers living in 2+ levels who are served in at most one of them, against its null. */
  readonly multiContextServedInOne: NullEstimate;
  /** counts[lived][served]: customers by levels lived in (row) and served in (column). */
  readonly counts: number[][];
}

/**
 * Per-customer levels lived in and served in.
 * @returns Int32Arrays of length customers
 */
export function breadthCounts(cells: ContextCells): { lived: Int32Array; served: Int32Array } {
  const L = cells.levels.length;
  const lived = new Int32Array(cells.customers), served = new Int32Array(cells.customers);
  for (let c = 0; c < cells.customers; c++) {
    for (let k = 0; k < L; k++) {
      if (cells.rows[c * L + k]! > 0) lived[c]!++;
      if (cells.purchases[c * L + k]! > 0) served[c]!++;
    }
  }
  return { lived, served };
}

/** Per customer: breadth (served / lived) and whether a customer living in 2+ levels is served in at most one; 0 for customers living in none. */
export interface BreadthShares {
  readonly ratio: Float64Array;
  readonly one: Float64Array;
}

/**
 * {@link BreadthShares} of levels served in, against the levels lived in.
 * @param lived breadthCounts(cells).lived of the data (the same in every permuted world)
 * @param served breadthCounts of the data or of one permuted world
 */
export function breadthShares(lived: Int32Array, served: Int32Array): BreadthShares {
  const n = lived.length;
  const ratio = new Float64Array(n), one = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    if (lived[c] === 0) continue;
    ratio[c] = served[c]! / lived[c]!;
    one[c] = lived[c]! >= 2 && served[c]! <= 1 ? 1 : 0;
  }
  return { ratio, one };
}

/** The breadth null of one dimension, added world by world: {@link BreadthShares} of each permuted world, averaged. */
export class BreadthNull {
  private readonly ratio = new WorldMean();
  private readonly one = new WorldMean();

  /** @param lived breadthCounts(cells).lived of the data */
  constructor(private readonly lived: Int32Array) {}

  /** Adds the dimension's cells of one permuted world. */
  add(world: ContextCells): void {
    const s = breadthShares(this.lived, breadthCounts(world).served);
    this.ratio.add(s.ratio);
    this.one.add(s.one);
  }

  /** The mean shares over the worlds added. */
  mean(): BreadthShares {
    return { ratio: this.ratio.mean(), one: this.one.mean() };
  }
}

/**
 * Breadth of one dimension (module comment) against its null, paired customer-bootstrap CIs.
 * @param nullShares the dimension's {@link BreadthShares} averaged over the permuted worlds (BreadthNull)
 */
export function breadth(cells: ContextCells, nullShares: BreadthShares, boot: { seed: number; resamples?: number }): Breadth {
  const L = cells.levels.length, n = cells.customers;
  const { lived, served } = breadthCounts(cells);
  const counts = Array.from({ length: L + 1 }, () => new Array<number>(L + 1).fill(0));
  for (let c = 0; c < n; c++) if (lived[c]! > 0) counts[lived[c]!]![served[c]!]!++;
  const obs = breadthShares(lived, served);
  const { ratio: nullRatio, one: nullOne } = nullShares;
  const seen = Float64Array.from(lived, (l) => (l > 0 ? 1 : 0));
  const buyer = Float64Array.from(served, (s) => (s > 0 ? 1 : 0));
  const multi = Float64Array.from(lived, (l) => (l >= 2 ? 1 : 0));
  const buyerRatio = obs.ratio.map((r, c) => r * buyer[c]!), nullBuyerRatio = nullRatio.map((r, c) => r * buyer[c]!);
  // each estimate and its null share a denominator: one pass over the customers per pair
  const [all, buyers, servedInOne] = excessOverNull(n, (w) => [
    ...ratioOfSumsPair(obs.ratio, nullRatio, seen, w),
    ...ratioOfSumsPair(buyerRatio, nullBuyerRatio, buyer, w),
    ...ratioOfSumsPair(obs.one, nullOne, multi, w),
  ], boot);
  let customers = 0;
  for (let c = 0; c < n; c++) if (lived[c]! > 0) customers++;
  return { dimension: cells.dimension, customers, meanBreadth: all!, meanBreadthBuyers: buyers!, multiContextServedInOne: servedInOne!, counts };
}

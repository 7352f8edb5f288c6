/**
 * Breadth: in how many of the contexts a customer lives in the firm actually serves them.
 *
 * A customer LIVES in a context level when the calibration data shows them there at least once
 * (any row: an offer seen, a visit, a rating). The firm SERVES them there when at least one of
 * those rows is a purchase (accepted offer, purchase, rating). Breadth_c = served_c / lived_c per
 * dimension, for customers seen in at least one known level. 1 = served wherever they live.
 */
import { bootstrapCustomers, weightedMean, type Estimate } from "./customer-bootstrap.js";
import type { ContextCells } from "./context-cells.js";

/** Breadth of one dimension. */
export interface Breadth {
  readonly dimension: string;
  /** Customers seen in at least one known level. */
  readonly customers: number;
  /** Mean breadth over those customers, 95% CI. */
  readonly meanBreadth: Estimate;
  /** Mean breadth over customers with at least one purchase (buyers). */
  readonly meanBreadthBuyers: Estimate;
  /** Share of customers living in 2+ levels who are served in at most one of them. */
  readonly multiContextServedInOne: number | null;
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

/** Breadth of one dimension (module comment) with customer-bootstrap CIs. */
export function breadth(cells: ContextCells, boot: { seed: number; resamples?: number }): Breadth {
  const L = cells.levels.length;
  const { lived, served } = breadthCounts(cells);
  const counts = Array.from({ length: L + 1 }, () => new Array<number>(L + 1).fill(0));
  const ratio: number[] = [], buyer: number[] = [];
  let multi = 0, multiOne = 0;
  for (let c = 0; c < cells.customers; c++) {
    if (lived[c] === 0) continue;
    counts[lived[c]!]![served[c]!]!++;
    ratio.push(served[c]! / lived[c]!);
    buyer.push(served[c]! > 0 ? 1 : 0);
    if (lived[c]! >= 2) {
      multi++;
      if (served[c]! <= 1) multiOne++;
    }
  }
  const r = Float64Array.from(ratio), b = Float64Array.from(buyer);
  const [all, buyers] = bootstrapCustomers(r.length, (w) => [weightedMean(r, w), weightedMean(r, w.map((x, i) => x * b[i]!))], boot);
  return {
    dimension: cells.dimension, customers: r.length, meanBreadth: all!, meanBreadthBuyers: buyers!,
    multiContextServedInOne: multi > 0 ? multiOne / multi : null, counts,
  };
}

/**
 * The fire list: the customers a lifetime-value cut-off would drop, and what they were worth.
 *
 *   CLV at the calibration end (BG/NBD × Gamma-Gamma) for every customer with a calibration purchase
 *     --> fire the ⌊percentile · n⌋ lowest (ties by customer code: the decision is a rank, not a value)
 *     --> of those: valuable in some context (top quartile of a context level's buyers by value),
 *         valuable later (top quartile of holdout value, among all scored customers, and > 0),
 *         came back (any holdout purchase); value lost = their holdout value
 *
 * CIs resample customers with the fire decisions held fixed (the cut-off was made once).
 */
import { quantileSorted } from "../stats/quantile.js";
import type { ClvFit } from "./clv-fit.js";
import { NO_CONTEXT, type ContextCells } from "./context-cells.js";
import { bootstrapCustomers, type Estimate } from "./customer-bootstrap.js";

/** Options of {@link fireList}. */
export interface FireListOptions {
  /** Share of scored customers fired (lowest CLV), in (0, 1). Default 0.2. */
  readonly percentile?: number;
  readonly seed: number;
  readonly resamples?: number;
}

/** What the fire list found. */
export interface FireList {
  readonly percentile: number;
  /** Customers with a calibration purchase (scored by CLV). */
  readonly customers: number;
  readonly fired: number;
  /** Highest CLV among the fired. */
  readonly clvCutoff: number | null;
  /** Share of the fired who are top-quartile in some context; a string when there is no context. */
  readonly valuableInContext: Estimate | typeof NO_CONTEXT;
  /** Share of the fired who are top-quartile by holdout value. */
  readonly valuableInHoldout: Estimate;
  /** Share of the fired who bought again in the holdout. */
  readonly cameBack: Estimate;
  /** Holdout value of the fired customers (currency or purchases). */
  readonly valueLost: Estimate;
  /** valueLost / holdout value of all scored customers. */
  readonly valueLostShare: Estimate;
  readonly definitions: Readonly<Record<string, string>>;
}

/**
 * Top-quartile-in-context flag per data customer: value in some level > 0 and ≥ that level's 75th
 * percentile among the customers with value > 0 there (the level's top quartile of buyers).
 */
export function topQuartileInContext(cells: readonly ContextCells[], customers: number): Uint8Array {
  const flag = new Uint8Array(customers);
  for (const cell of cells) {
    const L = cell.levels.length;
    for (let k = 0; k < L; k++) {
      const values: number[] = [];
      for (let c = 0; c < customers; c++) if (cell.value[c * L + k]! > 0) values.push(cell.value[c * L + k]!);
      if (values.length === 0) continue;
      const q3 = quantileSorted(Float64Array.from(values).sort(), 0.75);
      for (let c = 0; c < customers; c++) {
        const v = cell.value[c * L + k]!;
        if (v > 0 && v >= q3) flag[c] = 1;
      }
    }
  }
  return flag;
}

/**
 * Builds the fire list (module comment).
 * @throws RangeError when percentile is not in (0, 1)
 */
export function fireList(fit: ClvFit, cells: readonly ContextCells[], options: FireListOptions): FireList {
  const p = options.percentile ?? 0.2;
  if (!(p > 0 && p < 1)) throw new RangeError(`fireList: percentile must be in (0, 1), got "${p}"`);
  const n = fit.clv.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => fit.clv[a]! - fit.clv[b]! || fit.summary.customer[a]! - fit.summary.customer[b]!);
  const fired = new Uint8Array(n);
  const nFired = Math.floor(p * n);
  for (let r = 0; r < nFired; r++) fired[order[r]!] = 1;
  const q3 = n > 0 ? quantileSorted(fit.holdoutValue.slice().sort(), 0.75) : 0;
  const inContext = topQuartileInContext(cells, cells[0]?.customers ?? 0);
  const ctx = Uint8Array.from(fit.summary.customer, (c) => (cells.length > 0 ? inContext[c]! : 0));
  const later = Uint8Array.from(fit.holdoutValue, (v) => (v > 0 && v >= q3 ? 1 : 0));
  const back = Uint8Array.from(fit.summary.holdoutTransactions, (h) => (h > 0 ? 1 : 0));
  const [sCtx, sLater, sBack, lost, lostShare] = bootstrapCustomers(n, (w) => {
    let f = 0, c = 0, l = 0, b = 0, vl = 0, vAll = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      vAll += wi * fit.holdoutValue[i]!;
      if (!fired[i]) continue;
      f += wi;
      c += wi * ctx[i]!;
      l += wi * later[i]!;
      b += wi * back[i]!;
      vl += wi * fit.holdoutValue[i]!;
    }
    return [f > 0 ? c / f : NaN, f > 0 ? l / f : NaN, f > 0 ? b / f : NaN, vl, vAll > 0 ? vl / vAll : NaN];
  }, options);
  return {
    percentile: p, customers: n, fired: nFired,
    clvCutoff: nFired > 0 ? fit.clv[order[nFired - 1]!]! : null,
    valuableInContext: cells.length > 0 ? sCtx! : NO_CONTEXT,
    valuableInHoldout: sLater!, cameBack: sBack!, valueLost: lost!, valueLostShare: lostShare!,
    definitions: {
      fired: `the ⌊${p} · n⌋ customers with the lowest ${fit.months}-month CLV at the calibration end (BG/NBD × Gamma-Gamma), ties by customer code`,
      valuableInContext: "value in some context level > 0 and at or above that level's 75th percentile among the customers with value there (calibration)",
      valuableInHoldout: "holdout value at or above the 75th percentile of all scored customers, and > 0",
      valueLost: "holdout value of the fired customers; CIs resample customers with the fire decisions fixed",
    },
  };
}

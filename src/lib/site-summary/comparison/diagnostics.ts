/**
 * Per-row test predictions → the explorer's aggregate diagnostics, small cells suppressed:
 *
 *   predictions ──► reliability bins per model (mean predicted vs observed, equal-width bins)
 *               ──► gain curve per model (share of positives captured vs share of rows targeted; binary only)
 *               ──► per-customer error of two models ──► 2-D histogram of customers (cells < k suppressed)
 *
 * Every output cell is a count of rows and customers or a mean over them; no per-customer values leave.
 */
import type { OutcomeType } from "../../schema/outcome.js";

/** One reliability bin; values are null when the bin is suppressed or empty. */
export interface ReliabilityBin {
  readonly lower: number;
  readonly upper: number;
  readonly rows: number | null;
  readonly customers: number | null;
  readonly predicted: number | null;
  readonly observed: number | null;
  readonly suppressed: boolean;
}

/** One point of a gain curve. */
export interface GainPoint {
  /** Share of test rows targeted, highest predictions first, in [0, 1]. */
  readonly targeted: number;
  /** Share of all positive outcomes among them, in [0, 1]. */
  readonly captured: number;
}

/** One cell of the per-customer error histogram. */
export interface ErrorCell {
  /** Bin of the CRM model's error: [crmLower, crmUpper). */
  readonly crmLower: number;
  readonly crmUpper: number;
  readonly irmLower: number;
  readonly irmUpper: number;
  /** Customers in the cell; null when suppressed (fewer than minCellCustomers, but more than 0). */
  readonly customers: number | null;
  readonly suppressed: boolean;
}

/** The per-customer comparison of two models. */
export interface ErrorHistogram {
  readonly irm: string;
  readonly crm: string;
  /** "squared error": mean over the customer's test rows. */
  readonly error: string;
  readonly customers: number;
  /** Customers whose IRM error is lower / higher / equal. */
  readonly irmLower: number;
  readonly irmHigher: number;
  readonly ties: number;
  readonly cells: readonly ErrorCell[];
}

/** Inputs of {@link buildDiagnostics}: typed columns of the test rows. */
export interface DiagnosticsInput {
  readonly outcomeType: OutcomeType;
  /** Outcome range for reliability bins, e.g. [0, 1] for binary, [1, 5] for ratings. */
  readonly range: readonly [number, number];
  /** Customer code per row, in [0, customers). */
  readonly customer: Int32Array;
  readonly customers: number;
  readonly outcome: Float64Array;
  /** Prediction per row, per model. */
  readonly predictions: Readonly<Record<string, Float64Array>>;
  /** Model pairs (IRM, CRM) to compare customer by customer. */
  readonly pairs: readonly { readonly irm: string; readonly crm: string }[];
}

/** Options of {@link buildDiagnostics}. */
export interface DiagnosticsOptions {
  /** Cells with fewer customers than this are suppressed. Default 10. */
  readonly minCellCustomers?: number;
  /** Reliability bins. Default 10. */
  readonly reliabilityBins?: number;
  /** Bins per axis of the error histogram. Default 12. */
  readonly errorBins?: number;
}

/** What {@link buildDiagnostics} returns. */
export interface Diagnostics {
  readonly minCellCustomers: number;
  readonly reliability: Readonly<Record<string, readonly ReliabilityBin[]>>;
  /** Empty for non-binary outcomes. */
  readonly gain: Readonly<Record<string, readonly GainPoint[]>>;
  readonly errors: readonly ErrorHistogram[];
}

/**
 * Aggregate diagnostics of test predictions.
 * @param input typed columns of the test rows, all of the same length
 * @param options see {@link DiagnosticsOptions}
 * @throws RangeError when a column's length differs, a pair names an unknown model, or an option is invalid
 */
export function buildDiagnostics(input: DiagnosticsInput, options: DiagnosticsOptions = {}): Diagnostics {
  const k = options.minCellCustomers ?? 10;
  const bins = options.reliabilityBins ?? 10;
  const errorBins = options.errorBins ?? 12;
  for (const [name, v] of [["minCellCustomers", k], ["reliabilityBins", bins], ["errorBins", errorBins]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`buildDiagnostics: ${name} must be a positive integer, received "${v}"`);
  }
  const n = input.outcome.length;
  if (input.customer.length !== n) throw new RangeError(`buildDiagnostics: customer has ${input.customer.length} rows, outcome has ${n}`);
  for (const [m, p] of Object.entries(input.predictions)) {
    if (p.length !== n) throw new RangeError(`buildDiagnostics: predictions of "${m}" have ${p.length} rows, outcome has ${n}`);
  }
  for (const { irm, crm } of input.pairs) {
    for (const m of [irm, crm]) if (!input.predictions[m]) throw new RangeError(`buildDiagnostics: pair names model "${m}"; models are ${Object.keys(input.predictions).join(", ")}`);
  }
  const reliability = Object.fromEntries(Object.entries(input.predictions).map(([m, p]) => [m, reliabilityBins(input, p, bins, k)]));
  const gain = input.outcomeType === "binary" ? Object.fromEntries(Object.entries(input.predictions).map(([m, p]) => [m, gainCurve(input.outcome, p)])) : {};
  const errors = input.pairs.map((pair) => errorHistogram(input, pair.irm, pair.crm, errorBins, k));
  return { minCellCustomers: k, reliability, gain, errors };
}

function reliabilityBins(input: DiagnosticsInput, pred: Float64Array, bins: number, k: number): ReliabilityBin[] {
  const [lo, hi] = input.range;
  const width = (hi - lo) / bins;
  const rows = new Float64Array(bins), sumP = new Float64Array(bins), sumY = new Float64Array(bins), customers = new Int32Array(bins);
  // Distinct customers per bin without a set: remember the last bin-visit stamp per (bin, customer).
  const seen = new Uint8Array(bins * input.customers);
  for (let r = 0; r < pred.length; r++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((pred[r]! - lo) / width)));
    rows[b]!++;
    sumP[b]! += pred[r]!;
    sumY[b]! += input.outcome[r]!;
    const key = b * input.customers + input.customer[r]!;
    if (seen[key] === 0) {
      seen[key] = 1;
      customers[b]!++;
    }
  }
  return Array.from({ length: bins }, (_, b) => {
    const small = customers[b]! < k;
    return {
      lower: lo + b * width,
      upper: lo + (b + 1) * width,
      rows: small ? null : rows[b]!,
      customers: small ? null : customers[b]!,
      predicted: small ? null : sumP[b]! / rows[b]!,
      observed: small ? null : sumY[b]! / rows[b]!,
      suppressed: small && customers[b]! > 0,
    };
  });
}

/** Gain curve from 200 fine bins of the prediction (ties share a bin), thinned to ≤ 41 points. */
function gainCurve(outcome: Float64Array, pred: Float64Array): GainPoint[] {
  const B = 200;
  const rows = new Float64Array(B), pos = new Float64Array(B);
  let total = 0;
  for (let r = 0; r < pred.length; r++) {
    const b = Math.min(B - 1, Math.max(0, Math.floor(pred[r]! * B)));
    rows[b]!++;
    pos[b]! += outcome[r]!;
    total += outcome[r]!;
  }
  const points: GainPoint[] = [{ targeted: 0, captured: 0 }];
  let cumRows = 0, cumPos = 0, next = 0.025;
  for (let b = B - 1; b >= 0; b--) {
    if (rows[b] === 0) continue;
    cumRows += rows[b]!;
    cumPos += pos[b]!;
    const targeted = cumRows / pred.length;
    if (targeted >= next || b === 0 || cumRows === pred.length) {
      points.push({ targeted, captured: total > 0 ? cumPos / total : 0 });
      while (next <= targeted) next += 0.025;
    }
  }
  return points;
}

function errorHistogram(input: DiagnosticsInput, irm: string, crm: string, bins: number, k: number): ErrorHistogram {
  const C = input.customers;
  const a = input.predictions[irm]!, b = input.predictions[crm]!;
  const sumA = new Float64Array(C), sumB = new Float64Array(C), count = new Float64Array(C);
  for (let r = 0; r < a.length; r++) {
    const c = input.customer[r]!, y = input.outcome[r]!;
    sumA[c]! += (a[r]! - y) ** 2;
    sumB[c]! += (b[r]! - y) ** 2;
    count[c]!++;
  }
  let max = 0, present = 0, irmLower = 0, irmHigher = 0, ties = 0;
  for (let c = 0; c < C; c++) {
    if (count[c] === 0) continue;
    present++;
    sumA[c]! /= count[c]!;
    sumB[c]! /= count[c]!;
    max = Math.max(max, sumA[c]!, sumB[c]!);
    if (sumA[c]! < sumB[c]!) irmLower++;
    else if (sumA[c]! > sumB[c]!) irmHigher++;
    else ties++;
  }
  const top = niceCeil(max);
  const w = top / bins;
  const grid = new Int32Array(bins * bins);
  for (let c = 0; c < C; c++) {
    if (count[c] === 0) continue;
    const i = Math.min(bins - 1, Math.floor(sumB[c]! / w));
    const j = Math.min(bins - 1, Math.floor(sumA[c]! / w));
    grid[i * bins + j]!++;
  }
  const cells: ErrorCell[] = [];
  for (let i = 0; i < bins; i++) {
    for (let j = 0; j < bins; j++) {
      const n = grid[i * bins + j]!;
      if (n === 0) continue;
      cells.push({ crmLower: i * w, crmUpper: (i + 1) * w, irmLower: j * w, irmUpper: (j + 1) * w, customers: n < k ? null : n, suppressed: n < k });
    }
  }
  return { irm, crm, error: "squared error", customers: present, irmLower, irmHigher, ties, cells };
}

/** The smallest of 1, 2, 2.5, 5 × 10^e that is ≥ x (1 for x ≤ 0). */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const e = Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * 10 ** e >= x) return m * 10 ** e;
  return 10 ** (e + 1);
}

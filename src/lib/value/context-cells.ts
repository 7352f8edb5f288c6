/**
 * Per customer × context level tallies of the calibration period, one table per context dimension:
 * rows (occasions the customer was seen in the level), purchases and value. Every IRM value measure
 * (value by context, breadth, relationship type, fire list) reads these tables.
 * Rows whose level is UNKNOWN_LEVEL are not a context: they are left out and counted.
 */
import { UNKNOWN_LEVEL, type Interactions } from "../schema/interactions.js";
import { isPurchase, rowValue, type ValueWindow } from "./purchase-log.js";

/** Tallies of one context dimension; customer c, level k at index c * levels.length + k. */
export interface ContextCells {
  readonly dimension: string;
  /** Level names as in the data (the unknown level keeps its slot but is never tallied). */
  readonly levels: readonly string[];
  readonly customers: number;
  readonly rows: Float64Array;
  readonly purchases: Float64Array;
  readonly value: Float64Array;
  /** Calibration rows with the unknown level (not tallied). */
  readonly unknownRows: number;
}

/** The message every IRM measure gives for data without context dimensions. */
export const NO_CONTEXT = "no context recorded";

/**
 * What the tallies read of each calibration row besides its context, in row order: the row, whether it
 * is a purchase, its value. The permuted worlds of the null differ from the data only in their context
 * codes, so one of these serves them all.
 */
export interface CalibrationTally {
  readonly rows: Int32Array;
  readonly purchase: Uint8Array;
  readonly value: Float64Array;
}

/** The calibration rows (timestamp <= calibrationEnd) of `data` as contextCells reads them. */
export function calibrationTally(data: Interactions, window: ValueWindow): CalibrationTally {
  const t = data.timestamp!;
  let m = 0;
  for (let i = 0; i < data.size; i++) if (t[i]! <= window.calibrationEnd) m++;
  const rows = new Int32Array(m), purchase = new Uint8Array(m), value = new Float64Array(m);
  for (let i = 0, j = 0; i < data.size; i++) {
    if (t[i]! > window.calibrationEnd) continue;
    rows[j] = i;
    if (isPurchase(data, i)) {
      purchase[j] = 1;
      value[j] = rowValue(data, i);
    }
    j++;
  }
  return { rows, purchase, value };
}

/**
 * Tallies of every context dimension over the calibration rows (timestamp <= calibrationEnd).
 * @param data interactions with timestamps (checked by the caller)
 * @param tally calibrationTally(data, window), or of data that differ from `data` only in context codes
 *   (default: made here, when the data have context dimensions)
 * @returns one table per context dimension; empty when the data has none
 */
export function contextCells(data: Interactions, window: ValueWindow, tally?: CalibrationTally): ContextCells[] {
  if (data.contexts.length === 0) return [];
  const n = data.customerIds.length, calibration = tally ?? calibrationTally(data, window);
  return data.contexts.map((dim) => {
    const L = dim.levels.length;
    const unknown = dim.levels.indexOf(UNKNOWN_LEVEL);
    const rows = new Float64Array(n * L), purchases = new Float64Array(n * L), value = new Float64Array(n * L);
    let unknownRows = 0;
    for (let j = 0; j < calibration.rows.length; j++) {
      const i = calibration.rows[j]!, k = dim.codes[i]!;
      if (k === unknown) {
        unknownRows++;
        continue;
      }
      const at = data.customer[i]! * L + k;
      rows[at]! += 1;
      if (calibration.purchase[j] === 1) {
        purchases[at]! += 1;
        value[at]! += calibration.value[j]!;
      }
    }
    return { dimension: dim.name, levels: dim.levels, customers: n, rows, purchases, value, unknownRows };
  });
}

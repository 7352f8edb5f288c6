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
 * Tallies of every context dimension over the calibration rows (timestamp <= calibrationEnd).
 * @param data interactions with timestamps (checked by the caller)
 * @returns one table per context dimension; empty when the data has none
 */
export function contextCells(data: Interactions, window: ValueWindow): ContextCells[] {
  const n = data.customerIds.length;
  const t = data.timestamp!;
  return data.contexts.map((dim) => {
    const L = dim.levels.length;
    const unknown = dim.levels.indexOf(UNKNOWN_LEVEL);
    const rows = new Float64Array(n * L), purchases = new Float64Array(n * L), value = new Float64Array(n * L);
    let unknownRows = 0;
    for (let i = 0; i < data.size; i++) {
      if (t[i]! > window.calibrationEnd) continue;
      const k = dim.codes[i]!;
      if (k === unknown) {
        unknownRows++;
        continue;
      }
      const at = data.customer[i]! * L + k;
      rows[at]! += 1;
      if (isPurchase(data, i)) {
        purchases[at]! += 1;
        value[at]! += rowValue(data, i);
      }
    }
    return { dimension: dim.name, levels: dim.levels, customers: n, rows, purchases, value, unknownRows };
  });
}

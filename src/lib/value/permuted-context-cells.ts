/**
 * The context cells of every permuted world of the null (permute-contexts.ts), tallied straight
 * from the shuffles: the same tables as contextCells of each world that forEachPermutation builds,
 * bit for bit, without building the worlds.
 *
 *   per permutation p (permutationRng(seed, p)):
 *     shuffledRows: each customer's calibration rows shuffled (the draws of permuteContexts)
 *     → per dimension, customer by customer, each calibration row in row order takes the level of
 *       the row shuffled onto it, and adds its occasion, purchase and value to (customer, that level)
 *
 * A world costs no column of every row (permuteContexts writes one per dimension, plus a source
 * index, for each of 20 worlds), and a customer's writes land in its own few cells, which stay in
 * cache, instead of one random write per row into tables of customers × levels.
 * A cell adds its rows in the customer's row order, the order contextCells adds them in, so every
 * sum of values is the same double.
 */
import { UNKNOWN_LEVEL, type Interactions } from "../schema/interactions.js";
import { calibrationTally, type CalibrationTally, type ContextCells } from "./context-cells.js";
import { assertPermutations, calibrationRowsByCustomer, permutationRng, shuffledRows } from "./permute-contexts.js";
import type { ValueWindow } from "./purchase-log.js";

/**
 * contextCells of each of `count` permuted worlds: forEachPermutation(data, window, count, seed,
 * (p) => contextCells(p, window, tally)), computed without the worlds (module comment).
 * Keeps every world's tables: for a few worlds or small data; the value measures read the worlds
 * one table at a time with {@link forEachPermutedCell}.
 * @param tally calibrationTally(data, window) when the caller has it (default: made here)
 * @returns per permutation, one table per context dimension (none when the data has no context)
 * @throws RangeError when count is not a positive integer
 */
export function permutedContextCells(data: Interactions, window: ValueWindow, count: number, seed: number, tally?: CalibrationTally): ContextCells[][] {
  const out: ContextCells[][] = Array.from({ length: count }, () => []);
  forEachPermutedCell(data, window, count, seed, tally, (p, _d, cells) => out[p]!.push(cells));
  return out;
}

/**
 * Hands the cells of each permuted world to `visit`, world by world and, within a world, dimension
 * by dimension in the data's order; each table is made when visited and is the caller's to keep or drop
 * (so that the null of 20 worlds costs one table of customers × levels at a time, not 20 × dimensions).
 * The tables are those of {@link permutedContextCells}, bit for bit.
 * @param tally calibrationTally(data, window) when the caller has it (default: made here)
 * @throws RangeError when count is not a positive integer
 */
export function forEachPermutedCell(
  data: Interactions, window: ValueWindow, count: number, seed: number, tally: CalibrationTally | undefined,
  visit: (permutation: number, dimension: number, cells: ContextCells) => void,
): void {
  assertPermutations(count);
  if (data.contexts.length === 0) return;
  const groups = calibrationRowsByCustomer(data, window);
  const calibration = tally ?? calibrationTally(data, window);
  const n = data.customerIds.length, m = groups.rows.length;
  if (calibration.rows.length !== m) throw new RangeError(`permutedContextCells: the tally has ${calibration.rows.length} calibration rows, the data ${m}`);
  // per position of calibrationRowsByCustomer (customer by customer, row order within): the
  // customer, and the purchase and value the tally holds for that row (the tally lists calibration
  // rows in row order, as calibrationRowsByCustomer fills each customer's)
  const customerAt = new Int32Array(m), boughtAt = new Uint8Array(m), valueAt = new Float64Array(m);
  const cursor = groups.offsets.slice(0, n);
  for (let j = 0; j < m; j++) {
    const c = data.customer[calibration.rows[j]!]!, k = cursor[c]!++;
    customerAt[k] = c;
    boughtAt[k] = calibration.purchase[j]!;
    valueAt[k] = calibration.value[j]!;
  }
  const source = new Int32Array(m);
  for (let p = 0; p < count; p++) {
    // the row whose context codes land on each position (the same draws as permuteContexts)
    shuffledRows(groups, permutationRng(seed, p), source);
    data.contexts.forEach((dim, d) => visit(p, d, tallyDimension(dim.name, dim.levels, dim.codes, n, source, customerAt, boughtAt, valueAt)));
  }
}

/** One dimension's cells of one world: position k adds its occasion, purchase and value to (its customer, the level of row source[k]). */
function tallyDimension(dimension: string, levels: readonly string[], codes: Int32Array, n: number, source: Int32Array, customerAt: Int32Array, boughtAt: Uint8Array, valueAt: Float64Array): ContextCells {
  const L = levels.length, unknown = levels.indexOf(UNKNOWN_LEVEL);
  const rows = new Float64Array(n * L), purchases = new Float64Array(n * L), value = new Float64Array(n * L);
  let unknownRows = 0;
  for (let k = 0; k < source.length; k++) {
    const code = codes[source[k]!]!;
    if (code === unknown) {
      unknownRows++;
      continue;
    }
    const at = customerAt[k]! * L + code;
    rows[at]! += 1;
    if (boughtAt[k] === 1) {
      purchases[at]! += 1;
      value[at]! += valueAt[k]!;
    }
  }
  return { dimension, levels, customers: n, rows, purchases, value, unknownRows };
}

import { countingOrder } from "../../columns/counting-order.js";
import type { GroupingShape } from "./additive-effects.js";

/**
 * The joint update of a parent grouping (customer, item) and the groupings nested in it
 * (customer×context, item×context): the block layout built once per fit and the update of a range
 * of parent keys. Split out of additive-effects.ts so that helper threads run the same code on
 * their share of the keys (parallel-blocks.ts).
 */

const EPS = 1e-12;

/** The arrays a block update reads and writes (on shared memory when threads share the work). */
export interface BlockTarget {
  /** Per row: working residual, then for the logit link η and the IRLS weight (see additive-effects). */
  readonly vec: Float64Array;
  readonly stride: number;
  readonly logit: boolean;
  /** Every grouping's effects. */
  readonly effects: readonly Float64Array[];
}

/** Length of the `out` array of blockVarianceSums for a block with `members` groupings (parent + children). */
export function blockSums(members: number): number {
  return 2 * members;
}

/** Number of unknowns of a block (its parent keys' and their children's): the length of updateBlockRange's `gamma`. */
export function blockUnknowns(b: Block): number {
  return b.unknownStart[b.unknownStart.length - 1]!;
}

/**
 * The variance update's sums of a block after its update: out = [Σβ² per member, Σγ per member]
 * (member 0 the parent, c + 1 child c), over every unknown in unknown order (parent key by parent
 * key), with β the updated effects and γ = 1 − v/τ² each unknown's term from updateBlockRange. One
 * thread adds them in one order whatever the threads that updated the keys, so the fit does not
 * depend on the thread count.
 */
export function blockVarianceSums(b: Block, effects: readonly Float64Array[], gamma: Float64Array, out: Float64Array): void {
  const members = [b.parent, ...b.children].map((g) => effects[g]!);
  const m = members.length;
  out.fill(0, 0, blockSums(m));
  const { unknownOwner, unknownKey } = b;
  const total = blockUnknowns(b);
  for (let a = 0; a < total; a++) {
    const o = unknownOwner[a]!;
    const beta = members[o]![unknownKey[a]!]!;
    out[o]! += beta * beta;
    out[m + o]! += gamma[a]!;
  }
}

/**
 * A parent grouping with the groupings nested in it, the parent's rows grouped by key (CSR), and
 * each parent key's unknowns (its own effect, then each child key in order of first appearance in
 * its rows) and cells. Keys do not change between passes, so the layout is built once per fit: a pass
 * then reads each row's cell sequentially instead of looking its child keys up at random.
 */
export interface Block {
  readonly parent: number;
  readonly children: readonly number[];
  readonly start: Int32Array;
  readonly rows: Int32Array;
  /** Parent key u's unknowns are unknownStart[u] .. unknownStart[u + 1] − 1. */
  readonly unknownStart: Int32Array;
  /** Member index (0 = the parent, c + 1 = child c) and key of each unknown. */
  readonly unknownOwner: Int32Array;
  readonly unknownKey: Int32Array;
  /**
   * Parent key u's cells are cellStart[u] .. cellStart[u + 1] − 1: the distinct combinations of child
   * keys among its rows, in order of first appearance. The rows of a cell add the same weight to the
   * same entries of the key's system, so a pass sums each cell's rows (in row order) and then adds
   * the cells to the system, instead of adding every row to 1 + children(children + 3)/2 entries.
   */
  readonly cellStart: Int32Array;
  /** Local slot of child c's key in cell k (its unknown's position in the parent key's system): cellSlots[k · children + c]. */
  readonly cellSlots: Uint8Array | Uint16Array | Int32Array;
  /** The cell of the row at block position r, or, when the block is walked in row order (keyOfRow set), of row r itself. */
  readonly cellOfRow: Int32Array;
  /**
   * Set when every parent key's system fits in cache at once (a few keys: item, item×context): the
   * parent key of each row. The update then walks the rows in their own order (sequential memory)
   * instead of gathering them key by key (random memory once the rows outgrow the cache), and
   * `rows` is empty. The sums are the same bit for bit: each cell's rows still add in row order.
   */
  readonly keyOfRow?: Int32Array;
  /** Largest number of unknowns of one parent key. */
  readonly maxSize: number;
  /** Rows gathered at a time: 65,536, or the most rows of one parent key when that is more. */
  readonly chunk: number;
}


/**
 * Joint update of a parent grouping and the groupings nested in it: for each parent key, the exact
 * Newton system over its own effect and its children's (precision H = Z'WZ/φ + diag(1/τ²), score
 * Z'W·resid/φ − β/τ²), solved by Cholesky; the diagonal of H⁻¹ gives the posterior variances.
 * This does parent keys [keyFrom, keyTo): each parent key owns its rows and its children's keys, so
 * disjoint key ranges write disjoint effects and rows and may run on different threads at once.
 * Writes each of the range's unknowns' term γ = 1 − v/τ² of the variance update into `gamma` (indexed
 * by unknown: see blockVarianceSums, which adds them up) and returns the range's largest step.
 * @param rowList a block walked in row order: the rows whose parent key lies in the range, in row
 *   order (rowsOfKeyRanges), so that a thread skips no others; default every row
 */
export function updateBlockRange(st: BlockTarget, b: Block, tau2: ArrayLike<number>, phi: number, keyFrom: number, keyTo: number, gamma: Float64Array, rowList: Int32Array | null = null): number {
  const solver = keySolver(st.effects, b, tau2, gamma);
  if (b.keyOfRow) updateInRowOrder(st, b, phi, keyFrom, keyTo, solver, rowList);
  else updateInKeyOrder(st, b, phi, keyFrom, keyTo, solver);
  return solver.maxDelta();
}

/** Solves one parent key's system; see keySolver. */
interface KeySolver {
  /**
   * Adds the prior to parent key u's system (lower triangle of Σ w·z zᵀ in h, Σ w·resid·z in score,
   * both from its rows), solves it, updates the key's effects and writes its unknowns' γ terms; the step is left
   * in `delta` (first `size` entries).
   */
  solve(u: number, h: Float64Array, score: Float64Array): void;
  readonly delta: Float64Array;
  maxDelta(): number;
}

function keySolver(effects: readonly Float64Array[], b: Block, tau2: ArrayLike<number>, gamma: Float64Array): KeySolver {
  const { unknownStart, unknownOwner, unknownKey, maxSize } = b;
  const members = [b.parent, ...b.children];
  const memberBeta = members.map((g) => effects[g]!);
  const memberPrec = members.map((g) => 1 / tau2[g]!);
  const delta = new Float64Array(maxSize), v = new Float64Array(maxSize), col = new Float64Array(maxSize);
  let maxDelta = 0;
  return {
    delta,
    maxDelta: () => maxDelta,
    solve(u, h, score) {
      const base = unknownStart[u]!;
      const size = unknownStart[u + 1]! - base;
      // H[child key, parent] is H[child key, child key]: the same rows add the same weights in the same order
      for (let a = 1; a < size; a++) h[a * size] = h[a * size + a]!;
      for (let a = 0; a < size; a++) {
        const o = unknownOwner[base + a]!;
        const prec = memberPrec[o]!;
        h[a * size + a]! += prec;
        score[a]! -= prec * memberBeta[o]![unknownKey[base + a]!]!;
      }
      choleskyInPlace(h, size);
      choleskySolve(h, size, score, delta);
      choleskyInverseDiagonal(h, size, v, col);
      for (let a = 0; a < size; a++) {
        const o = unknownOwner[base + a]!;
        const k = unknownKey[base + a]!;
        const beta = memberBeta[o]!;
        const next = beta[k]! + delta[a]!;
        beta[k] = next;
        maxDelta = Math.max(maxDelta, Math.abs(delta[a]!));
        gamma[base + a] = 1 - v[a]! / tau2[members[o]!]!;
      }
    },
  };
}

/** The update of parent keys [keyFrom, keyTo) with their rows gathered key by key (many parent keys: customer). */
function updateInKeyOrder(st: BlockTarget, b: Block, phi: number, keyFrom: number, keyTo: number, solver: KeySolver): void {
  const { vec, stride: S, logit } = st;
  const { rows, start, cellStart, cellSlots, cellOfRow, unknownStart, maxSize, chunk } = b;
  const nc = b.children.length;
  const h = new Float64Array(maxSize * maxSize), score = new Float64Array(maxSize);
  const delta = solver.delta;
  // rows of consecutive parent keys are gathered chunk by chunk: one tight pass of random reads that
  // sums each cell's weights (a chunk's cells are consecutive, at most one per row), one of random
  // writes after; the systems are built from the cell sums
  const cw = new Float64Array(chunk), cwr = new Float64Array(chunk), cd = new Float64Array(chunk);
  const invPhi = 1 / phi;
  for (let u = keyFrom; u < keyTo; ) {
    const first = start[u]!;
    let end = u + 1;
    while (end < keyTo && start[end + 1]! - first <= chunk) end++;
    const last = start[end]!, c0 = cellStart[u]!;
    cw.fill(0, 0, cellStart[end]! - c0);
    cwr.fill(0, 0, cellStart[end]! - c0);
    for (let r = first; r < last; r++) {
      const at = rows[r]! * S, c = cellOfRow[r]! - c0;
      const w = (logit ? vec[at + 2]! : 1) * invPhi;
      cw[c]! += w;
      cwr[c]! += w * vec[at]!;
    }
    for (; u < end; u++) {
      const from = cellStart[u]!, to = cellStart[u + 1]!;
      if (from === to) continue;
      solveFromCells(solver, u, unknownStart[u + 1]! - unknownStart[u]!, h, score, cellSlots, nc, from, to, cw, cwr, c0);
      for (let c = from; c < to; c++) cd[c - c0] = cellStep(delta, 0, cellSlots, c * nc, nc);
    }
    for (let r = first; r < last; r++) {
      const at = rows[r]! * S;
      const d = cd[cellOfRow[r]! - c0]!;
      vec[at]! -= d;
      if (logit) vec[at + 1]! += d;
    }
  }
}

/**
 * The update of parent keys [keyFrom, keyTo) walking every row in its own order (few parent keys:
 * see Block.keyOfRow): one sequential pass sums the range's cells, each key's system is built from
 * its cells and solved, one more sequential pass moves the rows. Each cell sums its rows in row
 * order, as the gathered walk does, so both give the same numbers.
 */
function updateInRowOrder(st: BlockTarget, b: Block, phi: number, keyFrom: number, keyTo: number, solver: KeySolver, rowList: Int32Array | null): void {
  const { vec, stride: S, logit } = st;
  const { cellStart, cellSlots, cellOfRow, unknownStart, maxSize } = b;
  const keyOfRow = b.keyOfRow!;
  const nc = b.children.length;
  const c0 = cellStart[keyFrom]!, cells = cellStart[keyTo]! - c0;
  const cw = new Float64Array(cells), cwr = new Float64Array(cells), cd = new Float64Array(cells);
  const invPhi = 1 / phi, count = rowList ? rowList.length : keyOfRow.length;
  for (let j = 0; j < count; j++) {
    const i = rowList ? rowList[j]! : j, u = keyOfRow[i]!;
    if (u < keyFrom || u >= keyTo) continue;
    const at = i * S, c = cellOfRow[i]! - c0;
    const w = (logit ? vec[at + 2]! : 1) * invPhi;
    cw[c]! += w;
    cwr[c]! += w * vec[at]!;
  }
  const h = new Float64Array(maxSize * maxSize), score = new Float64Array(maxSize);
  for (let u = keyFrom; u < keyTo; u++) {
    const from = cellStart[u]!, to = cellStart[u + 1]!;
    if (from === to) continue;
    solveFromCells(solver, u, unknownStart[u + 1]! - unknownStart[u]!, h, score, cellSlots, nc, from, to, cw, cwr, c0);
    for (let c = from; c < to; c++) cd[c - c0] = cellStep(solver.delta, 0, cellSlots, c * nc, nc);
  }
  for (let j = 0; j < count; j++) {
    const i = rowList ? rowList[j]! : j, u = keyOfRow[i]!;
    if (u < keyFrom || u >= keyTo) continue;
    const at = i * S;
    const d = cd[cellOfRow[i]! - c0]!;
    vec[at]! -= d;
    if (logit) vec[at + 1]! += d;
  }
}

/** Parent key u's system (size unknowns) built from its cells [from, to) (sums at cw/cwr[cell − c0]) and solved. */
function solveFromCells(solver: KeySolver, u: number, size: number, h: Float64Array, score: Float64Array, cellSlots: Block["cellSlots"], nc: number, from: number, to: number, cw: Float64Array, cwr: Float64Array, c0: number): void {
  h.fill(0, 0, size * size);
  score.fill(0, 0, size);
  // H = Σ w·z zᵀ with z a cell's unknowns (the parent, one key per child); only the lower triangle
  // is built (Cholesky reads no other)
  for (let c = from; c < to; c++) addCellAt(h, 0, score, 0, size, cellSlots, c * nc, nc, cw[c - c0]!, cwr[c - c0]!);
  solver.solve(u, h, score);
}

/**
 * The rows of each key range of a block walked in row order, in row order: range t's rows are
 * out.rows[out.start[t] ..  out.start[t + 1] − 1] (a thread then visits its own rows only).
 * @param ranges T + 1 parent-key boundaries
 */
export function rowsOfKeyRanges(keyOfRow: Int32Array, ranges: Int32Array, alloc: (n: number) => Int32Array = (n) => new Int32Array(n)): { rows: Int32Array; start: Int32Array } {
  const T = ranges.length - 1;
  const rangeOf = new Int32Array(ranges[T]!);
  for (let t = 0; t < T; t++) rangeOf.fill(t, ranges[t]!, ranges[t + 1]!);
  const ofRow = new Int32Array(keyOfRow.length);
  for (let i = 0; i < keyOfRow.length; i++) ofRow[i] = rangeOf[keyOfRow[i]!]!;
  const { order, start } = countingOrder(ofRow, T);
  const rows = alloc(order.length);
  rows.set(order);
  return { rows, start };
}

/** Adds one cell (summed weight w, weighted residual wr, child slots at slots[at ..]) to a key's system stored at h[ho ..] and score[so ..]. */
function addCellAt(h: Float64Array, ho: number, score: Float64Array, so: number, size: number, slots: Block["cellSlots"], at: number, nc: number, w: number, wr: number): void {
  h[ho]! += w;
  score[so]! += wr;
  for (let c = 0; c < nc; c++) {
    const s = slots[at + c]!;
    score[so + s]! += wr;
    h[ho + s * size + s]! += w;
    for (let c2 = c + 1; c2 < nc; c2++) {
      const t = slots[at + c2]!;
      h[ho + (s > t ? s * size + t : t * size + s)]! += w;
    }
  }
}

/** A cell's step (each of its rows'): its parent key's step plus each child key's (steps at delta[base ..]). */
function cellStep(delta: Float64Array, base: number, slots: Block["cellSlots"], at: number, nc: number): number {
  let d = delta[base]!;
  for (let c = 0; c < nc; c++) d += delta[base + slots[at + c]!]!;
  return d;
}

/**
 * The order in which the fit walks its rows: grouped by the parent key of its largest gathered block
 * (customer) when they are not already. A gathered block reads each key's rows together, which in
 * rows ordered otherwise (by time, as warehouses export them) are random reads of memory once the
 * rows outgrow the cache. The fit is a function of the rows as a set, so only rounding changes with
 * their order.
 * @returns the stable order by that key, or null when the rows are already grouped by it (or no
 *   block is gathered): the fit then walks them as they are, the same numbers as before, bit for bit
 */
export function blockRowOrder(groupings: readonly GroupingShape[], keys: readonly Int32Array[]): Int32Array | null {
  // the parent with the most keys, if its systems (each at least 1 + children unknowns) outgrow the cache
  let parent = -1;
  groupings.forEach((g, i) => {
    const children = groupings.filter((c) => c.nestedIn === g.name).length;
    if (children > 0 && g.size * (1 + children) ** 2 > ROW_ORDER_MAX_NUMBERS && (parent < 0 || g.size > groupings[parent]!.size)) parent = i;
  });
  if (parent < 0) return null;
  const parentKeys = keys[parent]!;
  let grouped = true;
  for (let i = 1; i < parentKeys.length && grouped; i++) grouped = parentKeys[i]! >= parentKeys[i - 1]!;
  return grouped ? null : countingOrder(parentKeys, groupings[parent]!.size).order;
}

/**
 * Largest total size of a block's systems (numbers) for which the update walks rows in their own
 * order (Block.keyOfRow): 2^17 doubles, 1 MiB, so that all of them stay in a core's cache.
 */
const ROW_ORDER_MAX_NUMBERS = 1 << 17;

/** Per-row values in block order (see Block) moved to row order. */
function inRowOrder(values: Int32Array, rows: Int32Array, alloc: (n: number) => Int32Array): Int32Array {
  const out = alloc(values.length);
  for (let r = 0; r < rows.length; r++) out[rows[r]!] = values[r]!;
  return out;
}

/**
 * Groupings nested in another grouping of the model, with the parent's rows grouped by its key.
 * @param rowOrderMax blocks whose systems hold at most this many numbers are walked in row order (Block.keyOfRow)
 * @param alloc makes the blocks' per-row arrays (a fit on several threads passes one on shared memory)
 */
export function blocksOf(groupings: readonly GroupingShape[], keys: readonly Int32Array[], rowOrderMax = ROW_ORDER_MAX_NUMBERS, alloc: (n: number) => Int32Array = (n) => new Int32Array(n)): Block[] {
  const blocks: Block[] = [];
  groupings.forEach((g, parent) => {
    const children = groupings.flatMap((c, i) => (c.nestedIn === g.name ? [i] : []));
    if (children.length === 0) return;
    const k = keys[parent]!;
    const start = new Int32Array(g.size + 1);
    for (let i = 0; i < k.length; i++) start[k[i]! + 1]!++;
    for (let j = 0; j < g.size; j++) start[j + 1]! += start[j]!;
    const fill = start.slice(0, g.size);
    const rows = alloc(k.length);
    for (let i = 0; i < k.length; i++) rows[fill[k[i]!]!++] = i;
    let chunk = 1 << 16;
    for (let j = 0; j < g.size; j++) chunk = Math.max(chunk, start[j + 1]! - start[j]!);
    const layout = unknownLayout(start, rows, children.map((c) => keys[c]!), children.map((c) => groupings[c]!.size), alloc);
    let systems = 0;
    for (let j = 0; j < g.size; j++) systems += (layout.unknownStart[j + 1]! - layout.unknownStart[j]!) ** 2;
    if (systems > rowOrderMax) blocks.push({ parent, children, start, rows, chunk, ...layout });
    else blocks.push({ parent, children, start, rows: new Int32Array(0), chunk, ...layout, cellOfRow: inRowOrder(layout.cellOfRow, rows, alloc), keyOfRow: k });
  });
  return blocks;
}

/**
 * Each parent key's unknowns and cells, and each row's cell (see Block), in the order the joint
 * update meets them: the parent key first, then child keys as they first appear in the key's rows;
 * cells as they first appear.
 */
function unknownLayout(start: Int32Array, rows: Int32Array, childKeys: readonly Int32Array[], childSizes: readonly number[], alloc: (n: number) => Int32Array): Pick<Block, "unknownStart" | "unknownOwner" | "unknownKey" | "cellStart" | "cellSlots" | "cellOfRow" | "maxSize"> {
  const nc = childKeys.length;
  const parentKeys = start.length - 1;
  const local = childSizes.map((size) => new Int32Array(size).fill(-1));
  const unknownStart = new Int32Array(parentKeys + 1), cellStart = new Int32Array(parentKeys + 1);
  // at most one parent unknown per key with rows plus one child unknown per (row, child)
  let owners: Int32Array = new Int32Array(Math.min(parentKeys + rows.length * nc, 1 << 20));
  let keyOf: Int32Array = new Int32Array(owners.length);
  let cellSlots: Int32Array = new Int32Array(Math.min(rows.length, 1 << 18) * nc);
  const cellOfRow = alloc(rows.length), slot = new Int32Array(nc);
  let mostRows = 0;
  for (let u = 0; u < parentKeys; u++) mostRows = Math.max(mostRows, start[u + 1]! - start[u]!);
  const cellOf = new CellTable(mostRows);
  let total = 0, cells = 0, maxSize = 0;
  const push = (owner: number, key: number): void => {
    if (total === owners.length) {
      owners = growInt(owners, owners.length * 2);
      keyOf = growInt(keyOf, keyOf.length * 2);
    }
    owners[total] = owner;
    keyOf[total++] = key;
  };
  for (let u = 0; u < parentKeys; u++) {
    const from = start[u]!, to = start[u + 1]!;
    unknownStart[u] = total;
    cellStart[u] = cells;
    if (from === to) continue;
    const base = total, radix = 1 + nc * (to - from), numeric = nc * Math.log2(radix) < 53;
    push(0, u);
    for (let r = from; r < to; r++) {
      const i = rows[r]!;
      let code = 0;
      for (let c = 0; c < nc; c++) {
        const ck = childKeys[c]![i]!;
        if (local[c]![ck] === -1) {
          local[c]![ck] = total - base;
          push(c + 1, ck);
        }
        slot[c] = local[c]![ck]!;
        code = code * radix + slot[c]!;
      }
      let cell = cellOf.get(numeric ? code : slot.join(","));
      if (cell < 0) {
        cellOf.set((cell = cells++));
        if (cell * nc + nc > cellSlots.length) cellSlots = growInt(cellSlots, Math.max(nc, cellSlots.length * 2));
        cellSlots.set(slot, cell * nc);
      }
      cellOfRow[r] = cell;
    }
    cellOf.clear();
    maxSize = Math.max(maxSize, total - base);
    for (let a = base + 1; a < total; a++) local[owners[a]! - 1]![keyOf[a]!] = -1;
  }
  unknownStart[parentKeys] = total;
  cellStart[parentKeys] = cells;
  // slots index a system of at most maxSize unknowns: the narrowest array that holds them
  const wide = cellSlots.subarray(0, cells * nc);
  const narrow = maxSize <= 256 ? Uint8Array.from(wide) : maxSize <= 65536 ? Uint16Array.from(wide) : wide.slice();
  return { unknownStart, unknownOwner: owners.slice(0, total), unknownKey: keyOf.slice(0, total), cellStart, cellSlots: narrow, cellOfRow, maxSize };
}

/** Lower Cholesky factor of the symmetric positive-definite size×size matrix a (row-major), in place. */
function choleskyInPlace(a: Float64Array, size: number): void {
  for (let j = 0; j < size; j++) {
    let d = a[j * size + j]!;
    for (let k = 0; k < j; k++) d -= a[j * size + k]! ** 2;
    const root = Math.sqrt(Math.max(d, EPS));
    a[j * size + j] = root;
    for (let i = j + 1; i < size; i++) {
      let s = a[i * size + j]!;
      for (let k = 0; k < j; k++) s -= a[i * size + k]! * a[j * size + k]!;
      a[i * size + j] = s / root;
    }
  }
}

/** Solves L Lᵀ x = b for the factor made by choleskyInPlace, into x (first `size` entries). */
function choleskySolve(l: Float64Array, size: number, b: Float64Array, x: Float64Array): Float64Array {
  for (let i = 0; i < size; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * size + k]! * x[k]!;
    x[i] = s / l[i * size + i]!;
  }
  for (let i = size - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < size; k++) s -= l[k * size + i]! * x[k]!;
    x[i] = s / l[i * size + i]!;
  }
  return x;
}

/** Diagonal of (L Lᵀ)⁻¹, squared column norms of L⁻¹, into diag; col is scratch (both ≥ size long). */
function choleskyInverseDiagonal(l: Float64Array, size: number, diag: Float64Array, col: Float64Array): Float64Array {
  for (let j = 0; j < size; j++) {
    // column j of L⁻¹ by forward substitution on e_j
    col.fill(0, 0, size);
    col[j] = 1 / l[j * size + j]!;
    for (let i = j + 1; i < size; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * size + k]! * col[k]!;
      col[i] = s / l[i * size + i]!;
    }
    let sum = 0;
    for (let i = j; i < size; i++) sum += col[i]! ** 2;
    diag[j] = sum;
  }
  return diag;
}

/**
 * One parent key's cells by their slots: an open-addressing table of the slots' code (a number below
 * 2^53) sized for the most rows of one key, so that a row's cell is found without a Map entry per
 * row; cleared key by key, entry by entry. Codes that do not fit in 2^53 (many children of many
 * keys) go to a Map under their slots written out.
 */
class CellTable {
  private readonly codes: Float64Array;
  private readonly cells: Int32Array;
  private readonly used: Int32Array;
  private readonly mask: number;
  private readonly wide = new Map<string, number>();
  private count = 0;
  private at = -1;
  private wideKey = "";

  constructor(most: number) {
    let size = 16;
    while (size < 2 * most) size *= 2;
    this.codes = new Float64Array(size);
    this.cells = new Int32Array(size).fill(-1);
    this.used = new Int32Array(Math.min(most, size));
    this.mask = size - 1;
  }

  /** The cell of `code`, or −1 (then set() stores the next cell under it). */
  get(code: number | string): number {
    if (typeof code === "string") {
      this.at = -1;
      this.wideKey = code;
      return this.wide.get(code) ?? -1;
    }
    let h = (Math.imul(code >>> 0, 0x9e3779b1) ^ Math.floor(code / 4294967296)) & this.mask;
    while (this.cells[h]! >= 0 && this.codes[h] !== code) h = (h + 1) & this.mask;
    this.at = h;
    this.codes[h] = code;
    return this.cells[h]!;
  }

  /** Stores `cell` under the code of the last get(). */
  set(cell: number): void {
    if (this.at < 0) this.wide.set(this.wideKey, cell);
    else {
      this.cells[this.at] = cell;
      this.used[this.count++] = this.at;
    }
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.cells[this.used[k]!] = -1;
    this.count = 0;
    this.wide.clear();
  }
}

function growInt(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}


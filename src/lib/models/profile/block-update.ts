import type { Grouping } from "./additive-effects.js";

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

/** Length of the `out` array of updateBlockRange for a block with `members` groupings (parent + children). */
export function blockSums(members: number): number {
  return 1 + 2 * members;
}

/**
 * A parent grouping with the groupings nested in it, the parent's rows grouped by key (CSR), and
 * each parent key's unknowns (its own effect, then each child key in order of first appearance in
 * its rows). Keys do not change between passes, so the layout is built once per fit: a pass then
 * reads each row's slots sequentially instead of looking its child keys up at random.
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
  /** Local slot of child c's key for the row at block position r: slots[r · children + c]. */
  readonly slots: Uint8Array | Uint16Array | Int32Array;
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
 * Writes the range's largest step and its sums for the variance update into `out` (see blockSums).
 */
export function updateBlockRange(st: BlockTarget, b: Block, tau2: ArrayLike<number>, phi: number, keyFrom: number, keyTo: number, out: Float64Array): void {
  const { vec, stride: S, logit, effects } = st;
  const { rows, start, slots, unknownStart, unknownOwner, unknownKey, maxSize, chunk } = b;
  const members = [b.parent, ...b.children];
  const m = members.length;
  const nc = b.children.length;
  const memberBeta = members.map((g) => effects[g]!);
  const memberPrec = members.map((g) => 1 / tau2[g]!);
  const h = new Float64Array(maxSize * maxSize), score = new Float64Array(maxSize);
  const delta = new Float64Array(maxSize), v = new Float64Array(maxSize), col = new Float64Array(maxSize);
  // out = [largest |step|, Σβ² per member, Σγ per member]
  out.fill(0, 0, 1 + 2 * m);
  let maxDelta = 0;
  // rows of consecutive parent keys are gathered into block order, chunk by chunk: one tight pass of
  // random reads (and one of random writes after), so that the systems are built from sequential memory
  const wBuf = new Float64Array(chunk), wrBuf = new Float64Array(chunk), dBuf = new Float64Array(chunk);
  const invPhi = 1 / phi;
  for (let u = keyFrom; u < keyTo; ) {
    const first = start[u]!;
    let end = u + 1;
    while (end < keyTo && start[end + 1]! - first <= chunk) end++;
    const last = start[end]!;
    for (let r = first; r < last; r++) {
      const at = rows[r]! * S;
      const w = (logit ? vec[at + 2]! : 1) * invPhi;
      wBuf[r - first] = w;
      wrBuf[r - first] = w * vec[at]!;
    }
    for (; u < end; u++) {
      const from = start[u]! - first, to = start[u + 1]! - first;
      if (from === to) continue;
      const base = unknownStart[u]!;
      const size = unknownStart[u + 1]! - base;
      h.fill(0, 0, size * size);
      score.fill(0, 0, size);
      // H = Σ w·z zᵀ with z the row's unknowns (the parent, one key per child). Only the lower
      // triangle is built (Cholesky reads no other), and H[child key, parent] is H[child key, child
      // key]: the same rows add the same weights in the same order, so both are the same number.
      for (let r = from; r < to; r++) {
        const w = wBuf[r]!, wr = wrBuf[r]!;
        h[0]! += w;
        score[0]! += wr;
        const at = (r + first) * nc;
        for (let c = 0; c < nc; c++) {
          const s = slots[at + c]!;
          score[s]! += wr;
          h[s * size + s]! += w;
          for (let c2 = c + 1; c2 < nc; c2++) {
            const t = slots[at + c2]!;
            h[s > t ? s * size + t : t * size + s]! += w;
          }
        }
      }
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
        out[1 + o]! += next * next;
        out[1 + m + o]! += 1 - v[a]! / tau2[members[o]!]!;
      }
      for (let r = from; r < to; r++) {
        const at = (r + first) * nc;
        let d = delta[0]!;
        for (let c = 0; c < nc; c++) d += delta[slots[at + c]!]!;
        dBuf[r] = d;
      }
    }
    for (let r = first; r < last; r++) {
      const at = rows[r]! * S;
      const d = dBuf[r - first]!;
      vec[at]! -= d;
      if (logit) vec[at + 1]! += d;
    }
  }
  out[0] = maxDelta;
}

/** Groupings nested in another grouping of the model, with the parent's rows grouped by its key. */
export function blocksOf(groupings: readonly Grouping[], keys: readonly Int32Array[]): Block[] {
  const blocks: Block[] = [];
  groupings.forEach((g, parent) => {
    const children = groupings.flatMap((c, i) => (c.nestedIn === g.name ? [i] : []));
    if (children.length === 0) return;
    const k = keys[parent]!;
    const start = new Int32Array(g.size + 1);
    for (let i = 0; i < k.length; i++) start[k[i]! + 1]!++;
    for (let j = 0; j < g.size; j++) start[j + 1]! += start[j]!;
    const fill = start.slice(0, g.size);
    const rows = new Int32Array(k.length);
    for (let i = 0; i < k.length; i++) rows[fill[k[i]!]!++] = i;
    let chunk = 1 << 16;
    for (let j = 0; j < g.size; j++) chunk = Math.max(chunk, start[j + 1]! - start[j]!);
    blocks.push({ parent, children, start, rows, chunk, ...unknownLayout(start, rows, children.map((c) => keys[c]!), children.map((c) => groupings[c]!.size)) });
  });
  return blocks;
}

/**
 * Each parent key's unknowns and each row's child slots (see Block), in the order the joint update
 * meets them: the parent key first, then child keys as they first appear in the key's rows.
 */
function unknownLayout(start: Int32Array, rows: Int32Array, childKeys: readonly Int32Array[], childSizes: readonly number[]): Pick<Block, "unknownStart" | "unknownOwner" | "unknownKey" | "slots" | "maxSize"> {
  const nc = childKeys.length;
  const parentKeys = start.length - 1;
  const local = childSizes.map((size) => new Int32Array(size).fill(-1));
  const unknownStart = new Int32Array(parentKeys + 1);
  // at most one parent unknown per key with rows plus one child unknown per (row, child)
  let owners: Int32Array = new Int32Array(Math.min(parentKeys + rows.length * nc, 1 << 20));
  let keyOf: Int32Array = new Int32Array(owners.length);
  const wide = new Int32Array(rows.length * nc);
  let total = 0, maxSize = 0;
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
    if (from === to) continue;
    const base = total;
    push(0, u);
    for (let r = from; r < to; r++) {
      const i = rows[r]!;
      for (let c = 0; c < nc; c++) {
        const ck = childKeys[c]![i]!;
        if (local[c]![ck] === -1) {
          local[c]![ck] = total - base;
          push(c + 1, ck);
        }
        wide[r * nc + c] = local[c]![ck]!;
      }
    }
    maxSize = Math.max(maxSize, total - base);
    for (let a = base + 1; a < total; a++) local[owners[a]! - 1]![keyOf[a]!] = -1;
  }
  unknownStart[parentKeys] = total;
  // slots index a system of at most maxSize unknowns: the narrowest array that holds them
  const slots = maxSize <= 256 ? Uint8Array.from(wide) : maxSize <= 65536 ? Uint16Array.from(wide) : wide;
  return { unknownStart, unknownOwner: owners.slice(0, total), unknownKey: keyOf.slice(0, total), slots, maxSize };
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

function growInt(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(a);
  return out;
}


/**
 * Seeded pseudo-random numbers. Every random choice in IRM Lab goes through an Rng made from an
 * explicit seed, so the same seed reproduces the same data, splits, fits and bootstrap draws.
 *
 * Generator: sfc32 (Small Fast Counter, 32-bit state words; passes PractRand to 2^40+), seeded
 * through splitmix32 so that nearby seeds give unrelated streams.
 */
export interface Rng {
  /** Uniform in [0, 1), 2^-32 resolution. */
  next(): number;
  /** Uniform integer in [0, n); n must be a positive integer below 2^32. */
  int(n: number): number;
  /** Standard normal N(0, 1) (Marsaglia polar method). */
  normal(): number;
  /** Gamma(shape, 1), shape > 0 (Marsaglia & Tsang 2000). */
  gamma(shape: number): number;
  /** Poisson(mean), mean >= 0. */
  poisson(mean: number): number;
  /** An independent generator derived from this one's seed and a label (e.g. "split", "model:mf"). */
  fork(label: string): Rng;
}

/**
 * A seeded generator.
 * @param seed any finite number; non-integers and negatives are hashed, never rejected silently
 * @throws RangeError when seed is not finite
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be a finite number, got ${seed}`);
  return makeRng(hashString(String(seed)));
}

/**
 * Per generator made here: fill(out, count) writes its next `count` raw 32-bit outputs into
 * out[0 .. count), the very numbers `count` calls of its u32 would return, with the state in local
 * variables for the whole loop. Loops that draw millions of integers (resampleCounts, shuffleRange)
 * take them in blocks of at most RAW_BLOCK, each no longer than the draws that remain, and use every
 * output of a block (a rejected one passes its draw to the next), so the generator ends where the
 * calls of rng.int would leave it: no call per draw.
 */
const RAW_FILL = new WeakMap<Rng, (out: Uint32Array, count: number) => void>();

/** Raw outputs taken at a time (256 KiB: they stay in cache while they are used). */
const RAW_BLOCK = 1 << 16;

/** The scratch block of raw outputs every shuffle and resample reuses. */
const RAW = new Uint32Array(RAW_BLOCK);

function makeRng(seed32: number): Rng {
  let sm = seed32 >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // the state words a, b, c, d in an Int32Array: a closure's own variables hold numbers past 2^30 as
  // heap objects, so every draw allocated; every operation below is modulo 2^32, so the words' signs
  // do not matter
  const state = Int32Array.of(splitmix(), splitmix(), splitmix(), splitmix());
  const u32 = (): number => {
    const a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = (d + 1) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  let spareNormal: number | null = null;

  const rng: Rng = {
    next: () => u32() / 4294967296,
    int(n: number): number {
      if (!(Number.isInteger(n) && n > 0 && n <= 4294967296)) throw new RangeError(`Rng.int: n must be a positive integer, got ${n}`);
      const limit = acceptBelow(n);
      let x = u32();
      while (x >= limit) x = u32();
      return remainder(x, n);
    },
    normal(): number {
      if (spareNormal !== null) {
        const s = spareNormal;
        spareNormal = null;
        return s;
      }
      let u = 0, v = 0, s = 0;
      do {
        u = rng.next() * 2 - 1;
        v = rng.next() * 2 - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * f;
      return u * f;
    },
    gamma(shape: number): number {
      if (!(shape > 0)) throw new RangeError(`Rng.gamma: shape must be > 0, got ${shape}`);
      if (shape < 1) {
        // boost: Gamma(a) = Gamma(a + 1) * U^(1/a)
        const u = 1 - rng.next();
        return rng.gamma(shape + 1) * Math.pow(u, 1 / shape);
      }
      const dd = shape - 1 / 3;
      const cc = 1 / Math.sqrt(9 * dd);
      for (;;) {
        let x = 0, v = 0;
        do {
          x = rng.normal();
          v = 1 + cc * x;
        } while (v <= 0);
        v = v * v * v;
        const u = 1 - rng.next();
        if (u < 1 - 0.0331 * x * x * x * x) return dd * v;
        if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
      }
    },
    poisson(mean: number): number {
      if (!(mean >= 0)) throw new RangeError(`Rng.poisson: mean must be >= 0, got ${mean}`);
      if (mean === 0) return 0;
      if (mean > 30) {
        // Gamma-Poisson split keeps the exact distribution at O(log mean) cost.
        const m = Math.floor(mean * 0.875);
        const g = rng.gamma(m);
        if (g > mean) return binomial(rng, m - 1, mean / g);
        return m + rng.poisson(mean - g);
      }
      const limit = Math.exp(-mean);
      let k = 0;
      let p = rng.next();
      while (p > limit) {
        k++;
        p *= rng.next();
      }
      return k;
    },
    fork: (label: string) => makeRng(hashString(`${seed32}:${label}`)),
  };
  // u32's step in one loop, the words in local variables (keep the two in step)
  const fill = (out: Uint32Array, count: number): void => {
    let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
    for (let k = 0; k < count; k++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[k] = t;
    }
    state[0] = a;
    state[1] = b;
    state[2] = c;
    state[3] = d;
  };
  RAW_FILL.set(rng, fill);
  return rng;
}

function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0) return 0;
  if (n < 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) k++;
    return k;
  }
  // beta split (Knuth, TAOCP 3.4.1): exact and O(log n)
  const a = 1 + Math.floor(n / 2);
  const b = n + 1 - a;
  const x = rng.gamma(a);
  const beta = x / (x + rng.gamma(b));
  if (beta >= p) return binomial(rng, a - 1, p / beta);
  return a + binomial(rng, b - 1, (p - beta) / (1 - beta));
}

/** 32-bit FNV-1a hash of a string (seeds, labels). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(rng: Rng, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return shuffleInPlace(rng, out);
}

/** Shuffles `values` in place, uniformly (Fisher–Yates, from the end); returns it. */
export function shuffleInPlace<T extends Int32Array | Float64Array>(rng: Rng, values: T): T {
  return shuffleRange(rng, values, 0, values.length);
}

/**
 * Shuffles values[from .. to) in place: the same draws and the same result as shuffleInPlace of
 * values.subarray(from, to), without a view per range (a permutation of millions of customers'
 * rows shuffles each customer's range). Returns `values`.
 */
export function shuffleRange<T extends Int32Array | Float64Array>(rng: Rng, values: T, from: number, to: number): T {
  const fill = RAW_FILL.get(rng);
  if (!fill) {
    for (let i = to - from - 1; i > 0; i--) swap(values, from + i, from + rng.int(i + 1));
    return values;
  }
  // rng.int(i + 1) for i = to − from − 1 down to 1, on raw outputs taken a block at a time (RAW_FILL)
  for (let i = to - from - 1; i > 0; ) {
    const count = Math.min(i, RAW_BLOCK);
    fill(RAW, count);
    for (let k = 0; k < count; k++) {
      const x = RAW[k]!, n = i + 1;
      if (x >= acceptBelow(n)) continue;
      swap(values, from + i, from + remainder(x, n));
      i--;
    }
  }
  return values;
}

function swap(values: Int32Array | Float64Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}

/**
 * The raw outputs that int(n) accepts are those below this, the largest multiple of n up to 2^32:
 * rejecting the rest removes the modulo bias. Every loop that draws int(n) from raw outputs uses it.
 */
function acceptBelow(n: number): number {
  return 4294967296 - remainder(4294967296, n);
}

/**
 * x mod n for integers 0 ≤ x ≤ 2^32, 0 < n ≤ 2^32: the same value as `x % n`, which V8 computes
 * with a slow floating-point remainder (the bootstrap draws millions per evaluation). Exact: x/n
 * cannot round across an integer (its distance to one is ≥ 1/n, its rounding error < x·2^-53/n),
 * and q·n ≤ x < 2^53.
 */
function remainder(x: number, n: number): number {
  return x - Math.floor(x / n) * n;
}

/**
 * One bootstrap resample of `counts.length` units (customers): draws that many units with
 * replacement and writes how often each was drawn into `counts` (a multinomial draw).
 * The same draws as `counts.length` calls of `rng.int(n)`, in two passes: the units drawn go to a
 * scratch column first, then are counted in bytes (countDraws). Counting straight into a Float64Array
 * missed the cache at every draw once n passed about 100k customers (8 bytes a customer): 29 ns a
 * draw at 30k customers grew to 160–220 ns at 600k–3M; the two passes kept about 20–27 ns at every
 * size, and the raw outputs taken a block at a time (RAW_FILL) about 2/3 of that.
 */
export function resampleCounts(rng: Rng, counts: Float64Array): Float64Array {
  const n = counts.length;
  const fill = RAW_FILL.get(rng);
  if (!fill || n === 0 || n > 0x7fffffff) {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[rng.int(n)]! += 1;
    return counts;
  }
  let scratch = SCRATCH.get(counts);
  if (!scratch) SCRATCH.set(counts, (scratch = { drawn: new Int32Array(n), tally: new Uint8Array(n) }));
  // rng.int(n) inlined on raw outputs taken a block at a time (RAW_FILL): the same draws, without a
  // call and a check per draw (x read off a Uint32Array is a double to V8: `x % n` would be its slow
  // fmod, so the remainder is remainder's)
  const limit = acceptBelow(n), drawn = scratch.drawn;
  for (let k = 0; k < n; ) {
    const count = Math.min(n - k, RAW_BLOCK);
    fill(RAW, count);
    for (let j = 0; j < count; j++) {
      const x = RAW[j]!;
      if (x < limit) drawn[k++] = remainder(x, n);
    }
  }
  return countDraws(drawn, counts, scratch.tally);
}

/** Scratch columns of resampleCounts, per counts array (a bootstrap reuses its weights for every resample). */
const SCRATCH = new WeakMap<Float64Array, { drawn: Int32Array; tally: Uint8Array }>();

/**
 * counts[u] = how often u occurs in `drawn`. Tallied in bytes (n bytes stay in cache where 8n do not);
 * a byte that wraps past 255 carries 256 into a spill map, so any count is exact.
 * @param tally zeros, length counts.length; left as zeros
 */
export function countDraws(drawn: Int32Array, counts: Float64Array, tally: Uint8Array): Float64Array {
  let spill: Map<number, number> | null = null;
  for (let k = 0; k < drawn.length; k++) {
    const u = drawn[k]!, v = tally[u]! + 1;
    tally[u] = v; // 256 is stored as 0
    if (v === 256) (spill ??= new Map()).set(u, (spill.get(u) ?? 0) + 256);
  }
  for (let u = 0; u < counts.length; u++) {
    counts[u] = tally[u]!;
    tally[u] = 0;
  }
  if (spill) for (const [u, carried] of spill) counts[u]! += carried;
  return counts;
}


/**
 * Σ w·x / Σ w·d over customers; NaN when Σ w·d = 0. The ratio-of-sums every share measure uses.
 * Customers of weight 0 do not count, even where x or d is not finite.
 */
export function ratioOfSums(x: ArrayLike<number>, d: ArrayLike<number>, w: ArrayLike<number>): number {
  // first without a test per customer (a bootstrap resample leaves about a third at weight 0, a
  // branch the CPU mispredicts): where every term is finite, adding 0·x leaves the sum exactly as
  // skipping it does; a sum that is not finite is made again, skipping the weight-0 customers
  let a = 0, b = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    a += wi * x[i]!;
    b += wi * d[i]!;
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    a = 0;
    b = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      a += wi * x[i]!;
      b += wi * d[i]!;
    }
  }
  return b !== 0 ? a / b : NaN;
}

/**
 * [ratioOfSums(x, d, w), ratioOfSums(y, d, w)] in one pass over the customers (an estimate and its null
 * share a denominator): the same two numbers bit for bit, since each sum adds the same terms in the
 * same order, and the same pass again, skipping weight 0, for a ratio whose sums are not finite.
 */
export function ratioOfSumsPair(x: ArrayLike<number>, y: ArrayLike<number>, d: ArrayLike<number>, w: ArrayLike<number>): [number, number] {
  let a = 0, c = 0, b = 0;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]!;
    a += wi * x[i]!;
    c += wi * y[i]!;
    b += wi * d[i]!;
  }
  const finite = Number.isFinite(b);
  return [
    finite && Number.isFinite(a) ? (b !== 0 ? a / b : NaN) : ratioOfSums(x, d, w),
    finite && Number.isFinite(c) ? (b !== 0 ? c / b : NaN) : ratioOfSums(y, d, w),
  ];
}

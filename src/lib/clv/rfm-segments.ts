/**
 * RFM quintile scores and named segments.
 *
 * Scores: each of R (recency), F (frequency), M (monetary) is scored 1–5 by quintile of the
 * customer's mid-rank among all customers, so tied customers always share a score:
 *   score = min(5, floor(5 · (midrank − 0.5) / n) + 1), midrank 1-based.
 * R ranks the time since the last purchase, T − t_x, descending (more recent = higher score); F ranks
 * the number of purchase days x + 1; M the mean spend per purchase day over all calibration days.
 *
 * Segments (the common 10-segment R×F grid; M is reported but does not change the name):
 *
 *            F=1              F=2              F=3              F=4              F=5
 *   R=5      new              potential-loyal  potential-loyal  champions        champions
 *   R=4      promising        potential-loyal  potential-loyal  loyal            loyal
 *   R=3      about-to-sleep   about-to-sleep   need-attention   loyal            loyal
 *   R=1–2    hibernating      hibernating      at-risk          at-risk          cant-lose-them
 */

/** Segment names, in order from most to least engaged. */
export const RFM_SEGMENTS = {
  champions: "bought recently, buy often",
  loyal: "buy often, fairly recently",
  "potential-loyalist": "recent, a few purchases",
  new: "bought for the first time recently",
  promising: "recent single purchase",
  "need-attention": "average recency and frequency",
  "about-to-sleep": "below average recency, few purchases",
  "at-risk": "used to buy often, not recently",
  "cant-lose-them": "bought most often, long ago",
  hibernating: "few purchases, long ago",
} as const;

/** One RFM segment name. */
export type RfmSegment = keyof typeof RFM_SEGMENTS;

/** True when value is an {@link RfmSegment}. */
export function isRfmSegment(value: unknown): value is RfmSegment {
  return typeof value === "string" && Object.hasOwn(RFM_SEGMENTS, value);
}

/** Per-customer RFM scores (1–5) and segment. */
export interface RfmScores {
  readonly r: Int8Array;
  readonly f: Int8Array;
  readonly m: Int8Array;
  readonly segment: readonly RfmSegment[];
}

/** What {@link rfmScores} reads: an {@link RfmSummary} satisfies it. */
export interface RfmInput {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly averageSpend: Float64Array;
}

/**
 * Quintile scores and segment of every customer.
 * @throws RangeError when the columns have different lengths or a value is not finite
 */
export function rfmScores(data: RfmInput): RfmScores {
  const n = data.frequency.length;
  for (const [name, col] of [["recency", data.recency], ["T", data.T], ["averageSpend", data.averageSpend]] as const) {
    if (col.length !== n) throw new RangeError(`rfmScores: column ${name} has ${col.length} entries, expected ${n} (as frequency)`);
  }
  const sinceLast = new Float64Array(n), purchases = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const [name, col] of [["frequency", data.frequency], ["recency", data.recency], ["T", data.T], ["averageSpend", data.averageSpend]] as const) {
      if (!Number.isFinite(col[i]!)) throw new RangeError(`rfmScores: customer ${i} column ${name}: expected a finite number, got "${col[i]}"`);
    }
    sinceLast[i] = -(data.T[i]! - data.recency[i]!);
    purchases[i] = data.frequency[i]! + 1;
  }
  const r = quintileScores(sinceLast), f = quintileScores(purchases), m = quintileScores(data.averageSpend);
  const segment: RfmSegment[] = new Array(n);
  for (let i = 0; i < n; i++) segment[i] = segmentOf(r[i]!, f[i]!);
  return { r, f, m, segment };
}

/**
 * Scores 1–5 by quintile of mid-rank (ties share a score); higher value = higher score.
 * @param values finite numbers
 */
export function quintileScores(values: Float64Array): Int8Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const out = new Int8Array(n);
  let lo = 0;
  while (lo < n) {
    let hi = lo + 1;
    while (hi < n && values[order[hi]!] === values[order[lo]!]) hi++;
    const midrank = (lo + 1 + hi) / 2;
    const score = Math.min(5, Math.floor((5 * (midrank - 0.5)) / n) + 1);
    for (let k = lo; k < hi; k++) out[order[k]!] = score;
    lo = hi;
  }
  return out;
}

/** Segment of an (R, F) score pair, following the grid in the module comment. */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 5 && f >= 4) return "champions";
  if (r >= 3 && f >= 4) return "loyal";
  if (r >= 4 && f >= 2) return "potential-loyalist";
  if (r >= 5) return "new";
  if (r >= 4) return "promising";
  if (r === 3 && f === 3) return "need-attention";
  if (r === 3) return "about-to-sleep";
  if (f >= 5) return "cant-lose-them";
  if (f >= 3) return "at-risk";
  return "hibernating";
}

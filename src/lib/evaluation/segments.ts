import type { ContextColumn, Interactions } from "../schema/interactions.js";

/**
 * Customer segments of test rows, computed from TRAINING data only, in the shape of context
 * columns so that per-context breakdowns (contextCells, compareModels) work on them unchanged:
 * `contextCells({ ...test, contexts: segmentsOf(train, test).columns })`.
 *
 *   training rows → per customer: interactions, purchases, last time, total value
 *     → history: cold (0) / light / medium / heavy by number of training interactions
 *     → rfm: tertile score 1–3 of each available component over customers with training rows
 *            (R: time of the last training interaction, later = 3; F: purchases; M: total value),
 *            level "R3-F1-M2"; test customers without training rows get "no history"
 *   → one code per test row and dimension
 *
 * Components that the data lacks are left out and the `note` says so: no timestamps → no R;
 * no value column → no M (then the segment rests on recency and frequency, or on frequency alone).
 * Tertiles use mid-ranks, so tied customers share a score: score = min(3, ⌊3 (midrank − ½) / n⌋ + 1).
 */
export interface SegmentOptions {
  /**
   * Training interactions at which light, medium and heavy start: three increasing integers ≥ 1.
   * Cold is 0 interactions. Default [1, 5, 20] (light 1–4, medium 5–19, heavy 20+).
   */
  readonly historyBounds?: readonly [number, number, number];
}

/** Segment columns of the test rows. */
export interface Segments {
  /** History-length segment per test row (name "history"). */
  readonly history: ContextColumn;
  /** RFM-style segment per test row (name "rfm"). */
  readonly rfm: ContextColumn;
  /** [history, rfm], for code that iterates over context dimensions. */
  readonly columns: ContextColumn[];
  /** Components the rfm segment uses, in order: subset of "recency", "frequency", "monetary". */
  readonly rfmBasis: ("recency" | "frequency" | "monetary")[];
  /** Plain-language note on what the segments rest on (components left out and why). */
  readonly note: string;
}

/** Level of test customers without training rows in the rfm dimension. */
export const NO_HISTORY_LEVEL = "no history";

/**
 * Segments every test row by its customer's training history.
 * Purchases (F) are training rows with outcome > 0 for binary and amount outcomes, all rows for
 * ratings (a rating is itself an interaction).
 * @param train training rows (the only source of the segments)
 * @param test rows to label; must share the customer dictionary with train (takeRows of one dataset)
 * @throws RangeError when historyBounds are not three increasing integers ≥ 1, or train and test
 *   have different customer dictionaries
 */
export function segmentsOf(train: Interactions, test: Interactions, options: SegmentOptions = {}): Segments {
  const bounds = options.historyBounds ?? [1, 5, 20];
  const [light, medium, heavy] = bounds;
  if (!(bounds.length === 3 && bounds.every((b) => Number.isInteger(b)) && light >= 1 && medium > light && heavy > medium)) {
    throw new RangeError(`segmentsOf: historyBounds must be three increasing integers ≥ 1, got [${bounds.join(", ")}]`);
  }
  if (train.customerIds.length !== test.customerIds.length) {
    throw new RangeError(`segmentsOf: train and test must share the customer dictionary (make both with takeRows from the same data); got ${train.customerIds.length} vs ${test.customerIds.length} customers`);
  }
  const nc = train.customerIds.length;
  const count = new Int32Array(nc), purchases = new Float64Array(nc), last = new Float64Array(nc).fill(-Infinity), total = new Float64Array(nc);
  const everyRowIsPurchase = train.outcomeSpec.type === "rating";
  for (let i = 0; i < train.size; i++) {
    const c = train.customer[i]!;
    count[c]!++;
    if (everyRowIsPurchase || train.outcome[i]! > 0) purchases[c]!++;
    if (train.timestamp) last[c] = Math.max(last[c]!, train.timestamp[i]!);
    if (train.value) total[c]! += train.value[i]!;
  }
  // history
  const historyLevels = ["cold (0)", `light (${light}–${medium - 1})`, `medium (${medium}–${heavy - 1})`, `heavy (${heavy}+)`];
  const historyOf = (n: number): number => (n >= heavy ? 3 : n >= medium ? 2 : n >= light ? 1 : 0);
  // rfm
  const seen: number[] = [];
  for (let c = 0; c < nc; c++) if (count[c]! > 0) seen.push(c);
  const basis: Segments["rfmBasis"] = [];
  const components: Int8Array[] = [];
  const add = (name: Segments["rfmBasis"][number], value: Float64Array): void => {
    basis.push(name);
    components.push(tertileScores(Float64Array.from(seen, (c) => value[c]!)));
  };
  if (train.timestamp) add("recency", last);
  add("frequency", purchases);
  if (train.value) add("monetary", total);
  const rfmLevels = comboLevels(basis.map((b) => b[0]!.toUpperCase()));
  const noHistory = rfmLevels.length;
  rfmLevels.push(NO_HISTORY_LEVEL);
  const rfmOfCustomer = new Int32Array(nc).fill(noHistory);
  seen.forEach((c, s) => {
    let code = 0;
    for (const scores of components) code = code * 3 + (scores[s]! - 1);
    rfmOfCustomer[c] = code;
  });
  const historyCodes = new Int32Array(test.size), rfmCodes = new Int32Array(test.size);
  for (let i = 0; i < test.size; i++) {
    const c = test.customer[i]!;
    historyCodes[i] = historyOf(count[c]!);
    rfmCodes[i] = rfmOfCustomer[c]!;
  }
  const history = { name: "history", levels: historyLevels, codes: historyCodes };
  const rfm = { name: "rfm", levels: rfmLevels, codes: rfmCodes };
  const missing = [train.timestamp ? "" : "no timestamps, so no recency", train.value ? "" : "no value column, so no monetary component"].filter(Boolean);
  const note = `history: training interactions per customer; rfm: tertiles of ${basis.join(", ")} over the ${seen.length} customers with training rows` +
    (missing.length ? ` (${missing.join("; ")}: the segment uses ${basis.join(" and ")} only)` : "");
  return { history, rfm, columns: [history, rfm], rfmBasis: basis, note };
}

/** "R1-F1", "R1-F2", ... for every combination of scores 1–3, the first letter varying slowest. */
function comboLevels(letters: string[]): string[] {
  let levels = [""];
  for (const letter of letters) {
    levels = levels.flatMap((prefix) => [1, 2, 3].map((s) => `${prefix}${prefix ? "-" : ""}${letter}${s}`));
  }
  return levels;
}

/**
 * Scores 1–3 by tertile of mid-rank (ties share a score); higher value = higher score.
 * @param values finite numbers, one per customer
 */
export function tertileScores(values: Float64Array): Int8Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const out = new Int8Array(n);
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    while (hi < n && values[order[hi]!] === values[order[lo]!]) hi++;
    const midrank = (lo + 1 + hi) / 2;
    const score = Math.min(3, Math.floor((3 * (midrank - 0.5)) / n) + 1);
    for (let k = lo; k < hi; k++) out[order[k]!] = score;
    lo = hi;
  }
  return out;
}

/**
 * Journeys: monthly lifecycle stages from the transaction log and their Markov transition matrix
 * (descriptive; whether the linear funnel predicts them is tested in funnel-test.ts).
 *
 * Stages per customer per calendar month (UTC), from the month of their first row to the month of
 * the holdout end (state carried across months without purchases):
 *   prospect  seen, never bought           first     made their first purchase (and no second yet)
 *   repeat    bought again                 lapsed    bought before, nothing for `lapseMonths` months
 *   returned  bought again after lapsing (until the next purchase, which makes them "repeat")
 * A transition is a pair of consecutive months. "Advocate" cannot be observed in a transaction log,
 * so the measured funnel ends at repeat.
 */
import type { Interactions } from "../schema/interactions.js";
import { isPurchase, type ValueWindow } from "./purchase-log.js";

/** Stage names, indexed by stage code. */
export const JOURNEY_STAGES = ["prospect", "first", "repeat", "lapsed", "returned"] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];
const PROSPECT = 0, FIRST = 1, REPEAT = 2, LAPSED = 3, RETURNED = 4;

/** Month number (year · 12 + month, UTC) of a time in ms. */
export function monthOf(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Per-customer monthly stage sequences, CSR: customer c's months start at firstMonth[c]. */
export interface StageSequences {
  /** Month number of each customer's first stage; -1 for customers without rows in the window. */
  readonly firstMonth: Int32Array;
  readonly offsets: Int32Array;
  readonly stages: Uint8Array;
}

/**
 * Observed stages of every customer (module comment).
 * @param lapseMonths months without purchase after which a buyer counts as lapsed (integer >= 1)
 */
export function observedStages(data: Interactions, window: ValueWindow, lapseMonths: number): StageSequences {
  const n = data.customerIds.length, t = data.timestamp!;
  const firstMonth = new Int32Array(n).fill(-1);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < data.size; i++) {
    if (t[i]! > window.holdoutEnd) continue;
    const c = data.customer[i]!, m = monthOf(t[i]!);
    if (firstMonth[c] === -1 || m < firstMonth[c]!) firstMonth[c] = m;
    if (isPurchase(data, i)) count[c + 1]!++;
  }
  for (let c = 0; c < n; c++) count[c + 1]! += count[c]!;
  const months = new Int32Array(count[n]!), cursor = count.slice(0, n);
  for (let i = 0; i < data.size; i++) {
    if (t[i]! > window.holdoutEnd || !isPurchase(data, i)) continue;
    months[cursor[data.customer[i]!]!++] = monthOf(t[i]!);
  }
  const end = monthOf(window.holdoutEnd);
  const offsets = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) offsets[c + 1] = offsets[c]! + (firstMonth[c]! >= 0 ? end - firstMonth[c]! + 1 : 0);
  const stages = new Uint8Array(offsets[n]!);
  for (let c = 0; c < n; c++) {
    if (firstMonth[c]! < 0) continue;
    const bought = months.subarray(count[c]!, count[c + 1]!).sort();
    let k = 0, stage = PROSPECT, purchases = 0, last = -Infinity;
    for (let m = firstMonth[c]!, at = offsets[c]!; m <= end; m++, at++) {
      let boughtNow = false;
      while (k < bought.length && bought[k]! === m) {
        boughtNow = true;
        k++;
      }
      if (boughtNow) {
        stage = purchases === 0 ? FIRST : stage === LAPSED ? RETURNED : REPEAT;
        purchases++;
        last = m;
      } else if (purchases > 0 && m - last >= lapseMonths) stage = LAPSED;
      stages[at] = stage;
    }
  }
  return { firstMonth, offsets, stages };
}

/** Transition counts of stage sequences. */
export interface JourneyMatrix {
  readonly customers: number;
  readonly transitions: number;
  /** counts[from][to] over consecutive months. */
  readonly counts: number[][];
  /** counts row-normalized; null rows without transitions. */
  readonly probabilities: (number[] | null)[];
}

/** Transition matrix of stage sequences (every month in the sequences). */
export function journeyMatrix(seq: StageSequences): JourneyMatrix {
  const S = JOURNEY_STAGES.length, n = seq.firstMonth.length;
  const counts = Array.from({ length: S }, () => new Array<number>(S).fill(0));
  let customers = 0, transitions = 0;
  for (let c = 0; c < n; c++) {
    if (seq.firstMonth[c]! < 0) continue;
    customers++;
    for (let at = seq.offsets[c]! + 1; at < seq.offsets[c + 1]!; at++) {
      counts[seq.stages[at - 1]!]![seq.stages[at]!]!++;
      transitions++;
    }
  }
  return {
    customers, transitions, counts,
    probabilities: counts.map((row) => {
      const s = row.reduce((a, b) => a + b, 0);
      return s > 0 ? row.map((v) => v / s) : null;
    }),
  };
}

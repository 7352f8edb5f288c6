/**
 * Reject accounting: every rejected row is counted by reason; the first `maxExamples` are kept
 * with their location for the reject report, so memory stays bounded however bad the file is.
 */

/** Why a row can be rejected. Keys are stable (they appear in reports); values explain them. */
export const REJECT_REASONS = {
  "ragged row": "the row has a different number of fields than the header",
  "invalid record": "the record is not an object (JSON) or a field is not a scalar",
  "missing customer": "the customer id is empty or a missing-value marker",
  "missing item": "the item id is empty or a missing-value marker",
  "missing outcome": "the outcome is empty or a missing-value marker",
  "invalid outcome": "the outcome is not a valid value of its type (number, 0/1, ...)",
  "outcome out of range": "the outcome is a number outside the declared range",
  "missing timestamp": "the timestamp is empty or a missing-value marker",
  "invalid timestamp": "the timestamp does not match the declared format or is not a real date",
  "missing value": "the monetary value is empty or a missing-value marker",
  "invalid value": "the monetary value is not a finite number",
  "missing truth": "the ground-truth column (synthetic data) is empty or a missing-value marker",
  "invalid truth": "the ground truth is not a number within the outcome's range",
  "duplicate row": "an exact duplicate of an earlier row (duplicates: reject)",
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

export function isRejectReason(value: unknown): value is RejectReason {
  return typeof value === "string" && Object.hasOwn(REJECT_REASONS, value);
}

/** One stored rejected row. */
export interface RejectExample {
  /** 1-based data-row number (header excluded). */
  readonly dataRow: number;
  /** 1-based physical line where the row starts in the file. */
  readonly line: number;
  /** Source column at fault ("" when the whole row is at fault). */
  readonly column: string;
  /** The offending raw value (or a description such as "7 fields"). */
  readonly value: string;
  readonly reason: RejectReason;
  /** Human-readable detail: what was expected. */
  readonly detail: string;
}

/** Counts rejects by reason and keeps a bounded list of examples. */
export class RejectLog {
  private readonly counts = new Map<RejectReason, number>();
  private readonly stored: RejectExample[] = [];
  /** Total rejected rows. */
  total = 0;

  /** @param maxExamples how many rejected rows to keep for the report (default 10,000) */
  constructor(readonly maxExamples = 10_000) {
    if (!(Number.isInteger(maxExamples) && maxExamples >= 0)) {
      throw new RangeError(`RejectLog: maxExamples must be a non-negative integer, got ${maxExamples}`);
    }
  }

  /** Records one rejected row. */
  add(example: RejectExample): void {
    this.total++;
    this.counts.set(example.reason, (this.counts.get(example.reason) ?? 0) + 1);
    if (this.stored.length < this.maxExamples) this.stored.push(example);
  }

  /** Rejected rows per reason, reasons in REJECT_REASONS order, zero counts omitted. */
  byReason(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const reason of Object.keys(REJECT_REASONS) as RejectReason[]) {
      const n = this.counts.get(reason);
      if (n) out[reason] = n;
    }
    return out;
  }

  /**
   * Adds another log's rejects (rows of the same file found by another pass): counts are summed and
   * the stored examples are the first maxExamples of both, in data-row order.
   */
  absorb(other: RejectLog): void {
    this.total += other.total;
    for (const [reason, n] of other.counts) this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
    const merged = [...this.stored, ...other.stored].sort((a, b) => a.dataRow - b.dataRow);
    this.stored.length = 0;
    this.stored.push(...merged.slice(0, this.maxExamples));
  }

  /** The stored examples, in file order (at most maxExamples). */
  examples(): readonly RejectExample[] {
    return this.stored;
  }
}

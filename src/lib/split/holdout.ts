import type { Interactions } from "../schema/interactions.js";
import { createRng } from "../random/rng.js";
import { splitFromMask } from "./protocol-split.js";

/**
 * Seeded train/test splits. Every model in a run is fitted on `train` and scored on `test` of the
 * same Split, so paired comparisons compare like with like.
 */
export const SPLIT_KINDS = {
  auto: "temporal when the data has timestamps, else random",
  random: "each row goes to test with probability testFraction",
  temporal: "rows at or after the global time cut-off (the 1 − testFraction quantile of timestamps) go to test",
} as const;

export type SplitKind = keyof typeof SPLIT_KINDS;

export function isSplitKind(value: unknown): value is SplitKind {
  return typeof value === "string" && Object.hasOwn(SPLIT_KINDS, value);
}

export interface SplitOptions {
  /** auto | random | temporal. Default "auto". */
  readonly kind?: SplitKind;
  /** Share of rows held out for testing, in (0, 1). Default 0.2. */
  readonly testFraction?: number;
  /** Seed of the random split. Default 0. */
  readonly seed?: number;
}

export interface Split {
  /** The kind actually used ("auto" resolved to random or temporal). */
  readonly kind: Exclude<SplitKind, "auto">;
  /** Sorted row indices of the training part. */
  readonly train: Int32Array;
  /** Sorted row indices of the test part. */
  readonly test: Int32Array;
  /** Human-readable description, e.g. "temporal holdout: rows from 2024-09-12 on (20.0%)". */
  readonly description: string;
}

/**
 * Splits rows into train and test.
 * @throws RangeError when testFraction is not in (0, 1), a temporal split is asked of data without
 *   timestamps, or either part would be empty (see splitFromMask)
 */
export function holdoutSplit(data: Interactions, options: SplitOptions = {}): Split {
  const testFraction = options.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`split: testFraction must be in (0, 1), got ${testFraction}`);
  }
  const requested = options.kind ?? "auto";
  const kind = requested === "auto" ? (data.timestamp ? "temporal" : "random") : requested;
  let isTest: Uint8Array;
  let description: string;
  if (kind === "temporal") {
    if (!data.timestamp) throw new RangeError("split: a temporal split needs timestamps; this dataset has none (use kind: random)");
    const cut = quantile(data.timestamp, 1 - testFraction);
    isTest = new Uint8Array(data.size);
    for (let i = 0; i < data.size; i++) isTest[i] = data.timestamp[i]! >= cut ? 1 : 0;
    description = `temporal holdout: rows at or after ${new Date(cut).toISOString()} are test data`;
  } else {
    const rng = createRng(options.seed ?? 0).fork("split:random");
    isTest = new Uint8Array(data.size);
    for (let i = 0; i < data.size; i++) isTest[i] = rng.next() < testFraction ? 1 : 0;
    description = `random holdout: each row is test data with probability ${testFraction}`;
  }
  return splitFromMask(kind, isTest, description);
}

/** The q-quantile of values (lower interpolation: an actual value of the data). */
function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)));
  return sorted[idx]!;
}

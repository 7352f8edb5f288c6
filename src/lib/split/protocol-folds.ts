import type { SplitConfig } from "../config/split-config.js";
import type { Interactions } from "../schema/interactions.js";
import { holdoutSplit } from "./holdout.js";
import { kFoldSplits } from "./k-fold.js";
import { pairHoldoutSplit } from "./pair-holdout.js";
import { leaveLastOutSplit, temporalPerCustomerSplit } from "./temporal-per-customer.js";
import { unseenContextSplit } from "./unseen-context.js";

/**
 * The train/test folds of a run, from the config's split: one fold for every holdout kind, k for
 * k-fold. Every model of the run is fitted and scored on exactly these folds.
 */
export interface ProtocolFolds {
  /** The kind actually used ("auto" resolved to "random" or "temporal"). */
  readonly kind: string;
  readonly description: string;
  /** Sorted row indices per fold; the test parts of k-fold folds partition the rows. */
  readonly folds: readonly { readonly train: Int32Array; readonly test: Int32Array }[];
}

/**
 * Builds the folds.
 * @param data all rows
 * @param split the validated split config
 * @param seed the run's seed (random holdout, k-fold assignment, unseen-context choice)
 * @throws RangeError from the split functions (no timestamps for a temporal split, unknown
 *   dimension, an empty part), prefixed with the split kind
 */
export function protocolFolds(data: Interactions, split: SplitConfig, seed: number): ProtocolFolds {
  switch (split.kind) {
    case "auto":
    case "random":
    case "temporal": {
      const s = holdoutSplit(data, { kind: split.kind, testFraction: split.testFraction, seed });
      return { kind: s.kind, description: s.description, folds: [{ train: s.train, test: s.test }] };
    }
    case "kfold": {
      const splits = kFoldSplits(data, { k: split.k, groupBy: split.groupBy, seed });
      return {
        kind: "kfold",
        description: `${split.k}-fold cross-validation by ${split.groupBy}: every row is test data in exactly one fold; metrics pool the out-of-fold predictions, the Nadeau–Bengio test uses the per-fold differences`,
        folds: splits.map((s) => ({ train: s.train, test: s.test })),
      };
    }
    case "temporal-per-customer": {
      const s = temporalPerCustomerSplit(data, { testFraction: split.testFraction });
      return { kind: s.kind, description: s.description, folds: [{ train: s.train, test: s.test }] };
    }
    case "pair-holdout": {
      const s = pairHoldoutSplit(data, { testFraction: split.testFraction, seed });
      return { kind: s.kind, description: s.description, folds: [{ train: s.train, test: s.test }] };
    }
    case "leave-last-out": {
      const s = leaveLastOutSplit(data, { minInteractions: split.minInteractions });
      return { kind: s.kind, description: s.description, folds: [{ train: s.train, test: s.test }] };
    }
    case "unseen-context": {
      const s = unseenContextSplit(data, { dimension: split.dimension, customerShare: split.customerShare, seed });
      return { kind: s.kind, description: s.description, folds: [{ train: s.train, test: s.test }] };
    }
  }
}

/** The test rows of every fold, fold 1 first: the order of pooled predictions. */
export function pooledTestRows(folds: ProtocolFolds): Int32Array {
  const n = folds.folds.reduce((s, f) => s + f.test.length, 0);
  const out = new Int32Array(n);
  let o = 0;
  for (const f of folds.folds) {
    out.set(f.test, o);
    o += f.test.length;
  }
  return out;
}

import { KFOLD_GROUPINGS, type KFoldGrouping } from "../split/k-fold.js";
import { at, checkNumber, checkObject, checkOneOf, checkString, fail, type Where } from "./checks.js";

/**
 * The `split` entry of an experiment config. Holdout kinds (auto, random, temporal) give one fold;
 * kfold gives k. Each kind accepts only its own keys, so a misplaced key is an error, not ignored.
 */
export type SplitConfig =
  | { readonly kind: "auto" | "random" | "temporal"; readonly testFraction: number }
  | { readonly kind: "kfold"; readonly k: number; readonly groupBy: KFoldGrouping }
  | { readonly kind: "temporal-per-customer" | "pair-holdout"; readonly testFraction: number }
  | { readonly kind: "leave-last-out"; readonly minInteractions: number }
  | { readonly kind: "unseen-context"; readonly dimension: string; readonly customerShare: number };

/** Every split kind a config may name, with the keys it takes. */
export const SPLIT_CONFIG_KEYS = {
  auto: ["testFraction"],
  random: ["testFraction"],
  temporal: ["testFraction"],
  kfold: ["k", "groupBy"],
  "temporal-per-customer": ["testFraction"],
  "pair-holdout": ["testFraction"],
  "leave-last-out": ["minInteractions"],
  "unseen-context": ["dimension", "customerShare"],
} as const satisfies Record<SplitConfig["kind"], readonly string[]>;

type Kind = keyof typeof SPLIT_CONFIG_KEYS;

/**
 * Validates a split entry; absent means `{ kind: auto, testFraction: 0.2 }`.
 * @throws ConfigError naming the key, the value and the valid kinds or keys
 */
export function parseSplitConfig(value: unknown, where: Where): SplitConfig {
  if (value === undefined) return { kind: "auto", testFraction: 0.2 };
  const kinds = Object.keys(SPLIT_CONFIG_KEYS) as Kind[];
  const loose = checkObject(value, where, ["kind", "testFraction", "k", "groupBy", "minInteractions", "dimension", "customerShare"]);
  const kind = loose.kind === undefined ? "auto" : checkOneOf(loose.kind, at(where, "kind"), kinds);
  const allowed: readonly string[] = ["kind", ...SPLIT_CONFIG_KEYS[kind]];
  for (const key of Object.keys(loose)) {
    if (!allowed.includes(key)) fail(at(where, key), `key "${key}" does not apply to split kind "${kind}"; it takes ${allowed.join(", ")}`);
  }
  const fraction = (): number => (loose.testFraction === undefined ? 0.2 : checkNumber(loose.testFraction, at(where, "testFraction"), { min: 0.01, max: 0.9 }));
  switch (kind) {
    case "auto":
    case "random":
    case "temporal":
    case "temporal-per-customer":
    case "pair-holdout":
      return { kind, testFraction: fraction() };
    case "kfold":
      return {
        kind,
        k: loose.k === undefined ? 5 : checkNumber(loose.k, at(where, "k"), { integer: true, min: 2, max: 100 }),
        groupBy: loose.groupBy === undefined ? "row" : checkOneOf(loose.groupBy, at(where, "groupBy"), Object.keys(KFOLD_GROUPINGS) as KFoldGrouping[]),
      };
    case "leave-last-out":
      return { kind, minInteractions: loose.minInteractions === undefined ? 2 : checkNumber(loose.minInteractions, at(where, "minInteractions"), { integer: true, min: 1 }) };
    case "unseen-context":
      if (loose.dimension === undefined) fail(at(where, "dimension"), "split kind unseen-context needs the context dimension to hold out, e.g. companion");
      return {
        kind,
        dimension: checkString(loose.dimension, at(where, "dimension")),
        customerShare: loose.customerShare === undefined ? 0.3 : checkNumber(loose.customerShare, at(where, "customerShare"), { min: 0.01, max: 1 }),
      };
  }
}

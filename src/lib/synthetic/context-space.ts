/**
 * The context dimensions of the synthetic world and how strongly each one matters.
 *
 * Levels of all dimensions are numbered in one flat space ("level index"): companion levels first,
 * then intent, then situation. Per-level parameters (shifts, biases, customer shares) are stored in
 * that order, so `LEVEL_OFFSETS[d] + code` is the flat index of level `code` of dimension `d`.
 */
export interface ContextDimensionSpec {
  /** Column name in the interaction data. */
  readonly name: string;
  /** Level names, indexed by code. */
  readonly levels: readonly string[];
  /** How common each level is in the population (relative weights, same order as levels). */
  readonly baseWeights: readonly number[];
  /** Multiplier of every context effect of this dimension (companion matters most). */
  readonly effectWeight: number;
  /** Log-multiplier of the spend per purchase in each level, before contextStrength scaling. */
  readonly spendLogShift: readonly number[];
}

/** companion × intent × situation: who the customer is with, why they buy, and where. */
export const CONTEXT_DIMENSIONS: readonly ContextDimensionSpec[] = Object.freeze([
  {
    name: "companion",
    levels: ["alone", "partner", "friends", "family", "business"],
    baseWeights: [0.35, 0.25, 0.15, 0.15, 0.1],
    effectWeight: 1,
    spendLogShift: [0, 0.1, -0.05, 0.15, 0.3],
  },
  {
    name: "intent",
    levels: ["self", "gift", "work"],
    baseWeights: [0.6, 0.25, 0.15],
    effectWeight: 0.7,
    spendLogShift: [0, 0.25, 0.1],
  },
  {
    name: "situation",
    levels: ["home", "out"],
    baseWeights: [0.55, 0.45],
    effectWeight: 0.5,
    spendLogShift: [0, 0.05],
  },
]);

/** Flat level index of the first level of each dimension. */
export const LEVEL_OFFSETS: readonly number[] = Object.freeze(
  CONTEXT_DIMENSIONS.reduce<number[]>((acc, _d, i) => {
    acc.push(i === 0 ? 0 : acc[i - 1]! + CONTEXT_DIMENSIONS[i - 1]!.levels.length);
    return acc;
  }, []),
);

/** Number of levels over all dimensions (10). */
export const TOTAL_LEVELS: number = CONTEXT_DIMENSIONS.reduce((n, d) => n + d.levels.length, 0);

/** Names "dimension:level" in flat level order, e.g. "companion:alone". */
export const FLAT_LEVEL_NAMES: readonly string[] = Object.freeze(
  CONTEXT_DIMENSIONS.flatMap((d) => d.levels.map((l) => `${d.name}:${l}`)),
);

/**
 * Checks a context given as one level code per dimension.
 * @param codes one code per dimension of CONTEXT_DIMENSIONS, in that order
 * @throws RangeError naming the dimension and the code when a code is not a valid level
 */
export function assertContextCodes(codes: ArrayLike<number>, where: string): void {
  if (codes.length !== CONTEXT_DIMENSIONS.length) {
    throw new RangeError(`${where}: expected ${CONTEXT_DIMENSIONS.length} context codes (${CONTEXT_DIMENSIONS.map((d) => d.name).join(", ")}), got ${codes.length}`);
  }
  for (let d = 0; d < CONTEXT_DIMENSIONS.length; d++) {
    const spec = CONTEXT_DIMENSIONS[d]!;
    const code = codes[d]!;
    if (!(Number.isInteger(code) && code >= 0 && code < spec.levels.length)) {
      throw new RangeError(`${where}: context ${spec.name} code "${code}" is not in [0, ${spec.levels.length}) (${spec.levels.join(", ")})`);
    }
  }
}

/**
 * The generator's level codes of a context given by level names, e.g.
 * { companion: "friends", intent: "gift", situation: "out" } → [2, 1, 1]. Use it to call truthFor
 * for data read back through a descriptor, whose level dictionaries may be ordered differently.
 * @throws RangeError naming the dimension and the value when a dimension is missing or a level unknown
 */
export function contextCodesOf(levels: Readonly<Record<string, string>>): number[] {
  return CONTEXT_DIMENSIONS.map((spec) => {
    const value = levels[spec.name];
    const code = value === undefined ? -1 : spec.levels.indexOf(value);
    if (code < 0) throw new RangeError(`contextCodesOf: ${spec.name} must be one of ${spec.levels.join(", ")}, got "${String(value)}"`);
    return code;
  });
}

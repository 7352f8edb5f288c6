/**
 * Privacy by construction for labels: a context level, segment or item label is published only when
 * its cell counts at least k customers, and at most `cap` labels per dimension (the largest cells);
 * every other level is pooled under one label "other (N levels)" whose own numbers are withheld.
 * A level name can itself identify a person (an e-mail address as a context column), so the name of
 * a small cell is withheld, not only its numbers.
 */

/** The default cap on published labels per dimension. */
export const MAX_PUBLISHED_LEVELS = 30;

/** Which levels of one dimension may be named. */
export interface LevelRule {
  /** Levels that may be named, largest first. */
  readonly published: readonly string[];
  /** Levels pooled under {@link LevelRule.otherLabel}. */
  readonly pooled: number;
  /** "other (N levels)", or null when nothing is pooled. */
  readonly otherLabel: string | null;
}

/**
 * The publishable levels of one dimension.
 * @param customers customers per level (a level's largest count over models, which share the test rows)
 * @param k minimum customers of a named cell (positive integer)
 * @param cap most named levels (positive integer)
 * @throws RangeError when k or cap is not a positive integer
 */
export function publishableLevels(customers: ReadonlyMap<string, number>, k: number, cap = MAX_PUBLISHED_LEVELS): LevelRule {
  for (const [name, v] of [["k", k], ["cap", cap]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`publishableLevels: ${name} must be a positive integer, received "${v}"`);
  }
  const big = [...customers].filter(([, n]) => n >= k).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const published = big.slice(0, cap).map(([level]) => level);
  const pooled = customers.size - published.length;
  return { published, pooled, otherLabel: pooled > 0 ? otherLevelsLabel(pooled) : null };
}

/** "other (1 level)" / "other (N levels)". */
export function otherLevelsLabel(n: number): string {
  return `other (${n} level${n === 1 ? "" : "s"})`;
}

/**
 * Level rules of every dimension from cells carrying dimension, level and customers.
 * @param cells cells of any shape with those three fields (customers null when already suppressed: counted as 0)
 */
export function levelRules(cells: Iterable<{ readonly dimension: string; readonly level: string; readonly customers: number | null }>, k: number, cap = MAX_PUBLISHED_LEVELS): Map<string, LevelRule> {
  const counts = new Map<string, Map<string, number>>();
  for (const c of cells) {
    const levels = counts.get(c.dimension) ?? new Map<string, number>();
    levels.set(c.level, Math.max(levels.get(c.level) ?? 0, c.customers ?? 0));
    counts.set(c.dimension, levels);
  }
  return new Map([...counts].map(([dimension, levels]) => [dimension, publishableLevels(levels, k, cap)]));
}

import { readFileSync } from "node:fs";

/** Reads tests/fixtures/stats/<name> (reference values written by make-fixtures.py / .R). */
export function statsFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/stats/${name}`, import.meta.url), "utf8")) as T;
}

/**
 * Relative comparison for values that pass through SciPy's t quantile (cdflib stdtrit), which is
 * itself accurate to about 1e-9 relative: at its quantiles SciPy's own betainc disagrees with the
 * requested p by up to 2e-9.
 */
export function expectRelClose(got: number | null, want: number, context: string, rel = 1e-8): void {
  if (got === null) throw new Error(`${context}: got null, expected ${want}`);
  const err = Math.abs(got - want);
  if (!(err <= rel * Math.max(Math.abs(want), 1e-12))) throw new Error(`${context}: got ${got}, reference ${want}, relative error ${err / Math.abs(want)}`);
}

/**
 * The outside figure of `irmlab bench`: scikit-learn's SGDClassifier, one epoch over one-hot
 * features of the same shape (sklearn_sgd.py), timed in the same run so that a busy machine
 * slows both sides alike. Needs Debian's python3-sklearn; without it the figure is skipped with
 * the reason.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BenchDataOptions } from "./bench-data.js";

/** Debian's Python (the first python3 on PATH may be a build that does not see Debian's packages). */
const PYTHON = "/usr/bin/python3";

/** The scikit-learn measurement, or why there is none. */
export type SklearnResult =
  | { readonly rowsPerSecond: number; readonly seconds: number; readonly version: string }
  | { readonly skipped: string };

/** Runs sklearn_sgd.py on data of `shape`; never throws (a failure is a `skipped` reason). */
export function sklearnSgdRowsPerSecond(shape: BenchDataOptions): SklearnResult {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const script = fileURLToPath(new URL("./sklearn_sgd.py", import.meta.url));
  const args = [shape.rows, shape.customers, shape.items, shape.contextDims, shape.levels, shape.seed].map(String);
  const run = spawnSync(PYTHON, [script, ...args], { encoding: "utf8" });
  if (run.status !== 0) {
    const why = (run.stderr || run.error?.message || "").trim().split("\n").pop() ?? "";
    return { skipped: `${PYTHON} ${script} failed: ${why} (apt-get install -y python3-sklearn)` };
  }
  const out = JSON.parse(run.stdout.trim().split("\n").pop()!) as { rowsPerSecond: number; seconds: number; sklearn: string };
  return { rowsPerSecond: out.rowsPerSecond, seconds: out.seconds, version: out.sklearn };
}

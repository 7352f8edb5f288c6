import type { SelectionRecord } from "../selection/select-models.js";
import { checkRecord } from "./check-record.js";
import type { ModelFamily } from "../models/model.js";
import type { OutcomeType } from "../schema/outcome.js";

/**
 * The files of one run under data/runs/<run-id>/:
 *   run.json          RunRecord       what ran, on what, with which code, how long
 *   metrics.json      MetricsRecord   test metrics, per-context breakdowns, paired comparisons
 *   predictions.csv                   one line per test row: row, customer, item, contexts, outcome, one column per model
 *   value.json, config.json, models/<model>/ (saved learned models)
 *   manifest.json                     size and sha256 of every other file, written last
 * A run folder exists under its final name only when complete (written to a temp folder, renamed);
 * it counts as complete only while every file matches manifest.json (src/node/run/run-manifest.ts).
 */
export interface RunRecord {
  readonly runId: string;
  readonly status: "complete";
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly configPath: string | null;
  readonly seed: number;
  readonly code: { readonly version: string; readonly commit: string | null; readonly dirty: boolean | null };
  /** sha256 of package-lock.json. */
  readonly lockfileHash: string | null;
  /** trainThreads: threads a learned model trains with by default (its `threads: 0`); each model's own count is in its `fitted.threads`. */
  readonly environment: { readonly node: string; readonly platform: string; readonly tfjsBackend: string | null; readonly trainThreads?: number };
  readonly dataset: DatasetSummary;
  readonly split: SplitSummary;
  /** `models: auto`: every candidate tried, its inner-validation scores, and why each model was chosen. Absent otherwise. */
  readonly selection?: SelectionRecord;
  readonly models: readonly { readonly name: string; readonly family: ModelFamily; readonly description: string; readonly fitted: Record<string, unknown> }[];
  /**
   * Folder of the saved TensorFlow.js models of this run, relative to the run folder ("models":
   * <run>/models/<model>/), or null when it fitted none. Never an absolute path (the site must not
   * publish local paths). Runs from before manifests recorded an absolute path.
   */
  readonly artifactsDir: string | null;
  /** Seconds per stage ("load", "split", "fit:<model>", "predict:<model>", "rank:<model>", "evaluate", "total"); summed over folds. */
  readonly timings: Readonly<Record<string, number>>;
  /** Set when the run is one cell of a sweep (data/sweeps/<sweepId>/). */
  readonly sweep?: { readonly sweepId: string; readonly cell: number; readonly params: Readonly<Record<string, unknown>> };
}

export interface DatasetSummary {
  readonly name: string;
  /** Where the data came from: a descriptor path or "synthetic". */
  readonly source: string;
  /** Citation to show wherever results on this dataset are shown; null for synthetic data. */
  readonly citation: string | null;
  /** sha256 of the source bytes and the descriptor settings that shape the reading (synthetic data: of the generator parameters). */
  readonly hash: string;
  readonly rows: number;
  readonly customers: number;
  readonly items: number;
  readonly outcomeType: OutcomeType;
  readonly contexts: readonly { readonly name: string; readonly levels: readonly string[] }[];
  readonly synthetic: Readonly<Record<string, unknown>> | null;
  readonly ingest: { readonly rowsRead: number; readonly rowsAccepted: number; readonly rowsRejected: number; readonly rejectedByReason: Readonly<Record<string, number>> } | null;
}

export interface SplitSummary {
  readonly kind: string;
  readonly seed: number;
  /** sha256 over the sorted test row indices and the dataset hash: equal hashes mean identical splits. */
  readonly hash: string;
  readonly trainRows: number;
  readonly testRows: number;
  readonly testCustomers: number;
  readonly description: string;
  /** Number of train/test folds (k for k-fold, 1 for every holdout). Absent in older runs (1). */
  readonly folds?: number;
  /**
   * Share of test rows whose (customer, item) pair also occurs in the training rows (pooled over
   * folds): which question the split answers (1: the same pairs again, in other contexts; 0: unseen
   * pairs). Absent in older runs.
   */
  readonly seenPairShare?: number | null;
  /** That question in one sentence. Absent in older runs. */
  readonly question?: string;
}

/**
 * run.json checked: an object with the keys every reader relies on.
 * @throws ConfigError naming the file, key and value
 */
export function parseRunRecord(value: unknown, file: string): RunRecord {
  const run = checkRecord(value, file, { runId: "string", status: ["complete"], startedAt: "string", "config?": "object", "seed?": "number", "dataset?": "object", "split?": "object", "models?": "list", "timings?": "object" });
  if (run.dataset !== undefined) checkRecord(run.dataset, `${file} (dataset)`, { "name?": "string", "source?": "string", "rows?": "number", "customers?": "number", "contexts?": "list" });
  return run as unknown as RunRecord;
}

import type { MetricName } from "../evaluation/metric-names.js";
import type { ModelFamily } from "../models/model.js";
import type { OutcomeType } from "../schema/outcome.js";

/**
 * The files of one run under data/runs/<run-id>/:
 *   run.json          RunRecord       what ran, on what, with which code, how long
 *   metrics.json      MetricsRecord   test metrics, per-context breakdowns, paired comparisons
 *   predictions.csv                   one line per test row: row, customer, item, contexts, outcome, one column per model
 * A run folder exists under its final name only when complete (written to a temp folder, renamed).
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
  readonly environment: { readonly node: string; readonly platform: string; readonly tfjsBackend: string | null };
  readonly dataset: DatasetSummary;
  readonly split: SplitSummary;
  readonly models: readonly { readonly name: string; readonly family: ModelFamily; readonly description: string; readonly fitted: Record<string, unknown> }[];
  /** Folder of the saved TensorFlow.js models of this run (models/<run-id>), or null when it fitted none. */
  readonly artifactsDir: string | null;
  /** Seconds per stage ("load", "split", "fit:<model>", "predict:<model>", "evaluate", "total"). */
  readonly timings: Readonly<Record<string, number>>;
}

export interface DatasetSummary {
  readonly name: string;
  /** Where the data came from: a descriptor path or "synthetic". */
  readonly source: string;
  /** Citation to show wherever results on this dataset are shown; null for synthetic data. */
  readonly citation: string | null;
  /** sha256 of the source bytes (or of the generator parameters for synthetic data). */
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
}

/** A metric value with the number of rows and customers it was computed on. */
export interface CellMetrics {
  readonly rows: number;
  readonly customers: number;
  /** null when the metric is undefined on the cell (e.g. AUC with one class). */
  readonly metrics: Readonly<Partial<Record<MetricName, number | null>>>;
}

export interface ContextCell extends CellMetrics {
  readonly dimension: string;
  readonly level: string;
}

export interface ModelMetrics {
  readonly model: string;
  readonly family: ModelFamily;
  readonly overall: CellMetrics;
  readonly byContext: readonly ContextCell[];
}

/** A paired difference `a − b` of one metric with its bootstrap CI (resampling customers). */
export interface PairedDifference {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  readonly resamples: number;
  readonly rows: number;
  readonly customers: number;
}

export interface Comparison {
  /** The multi-context (IRM) model. */
  readonly irm: string;
  /** The single-profile (CRM) model. */
  readonly crm: string;
  readonly metric: MetricName;
  readonly higherIsBetter: boolean;
  /** metric(irm) − metric(crm) overall. */
  readonly overall: PairedDifference;
  /** The same per context value; difference null where the cell is too small to resample. */
  readonly byContext: readonly (Omit<ContextCell, "metrics"> & { readonly difference: PairedDifference | null })[];
}

export interface MetricsRecord {
  readonly outcomeType: OutcomeType;
  readonly headlineMetric: MetricName;
  readonly models: readonly ModelMetrics[];
  readonly comparisons: readonly Comparison[];
  /** Plain-words verdict of the headline comparison. */
  readonly verdict: string;
}

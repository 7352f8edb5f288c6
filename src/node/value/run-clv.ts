import { clvReport, type ClvReport } from "../../lib/value/clv-report.js";
import { loadValueData, resolveWindow, type ValueSource } from "./load-value-data.js";

/** Options of {@link runClv}. */
export interface RunClvOptions {
  /** ISO date; required for a file, default for synthetic data: the generator's calibration end. */
  readonly calibrationEnd?: string;
  /** ISO date. Default: the last timestamp of the data. */
  readonly holdoutEnd?: string;
  /** Bootstrap seed. Default 1. */
  readonly seed?: number;
  /** Bootstrap resamples. Default 1000. */
  readonly resamples?: number;
  /** CLV horizon in months. Default 12. */
  readonly months?: number;
  readonly onProgress?: (fraction: number) => void;
}

/** The CLV report of a dataset or synthetic population, with where it came from. */
export interface ClvRun extends ClvReport {
  readonly dataset: { readonly name: string; readonly source: string; readonly rows: number; readonly ingest: { rowsRead: number; rowsAccepted: number; rowsRejected: number } | null };
}

/**
 * Loads the data and builds its CLV report (BG/NBD, Pareto/NBD, Gamma-Gamma, holdout checks, plots).
 * @throws Error on unreadable data, missing timestamps or calibration end, bad dates
 */
export async function runClv(source: ValueSource, options: RunClvOptions = {}): Promise<ClvRun> {
  const loaded = await loadValueData(source, options.onProgress);
  const window = resolveWindow(loaded, options.calibrationEnd, options.holdoutEnd);
  const report = clvReport(loaded.data, window, {
    seed: options.seed ?? 1,
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
    ...(options.months === undefined ? {} : { months: options.months }),
  });
  return { dataset: { name: loaded.name, source: loaded.source, rows: loaded.data.size, ingest: loaded.ingest }, ...report };
}

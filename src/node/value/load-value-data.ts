/**
 * The data a value analysis runs on: a dataset read through its descriptor, or a synthetic
 * population generated in memory (which keeps its ground truth: acceptance probabilities, contact
 * preferences and true journeys). Also resolves the calibration / holdout window.
 */
import { isIsoDate } from "../../lib/config/checks.js";
import { join, relative, resolve } from "node:path";
import type { DatasetRef } from "../../lib/config/experiment-config.js";
import { loadExperimentData } from "../run/load-data.js";
import { lastTimestamp, type ValueWindow } from "../../lib/value/purchase-log.js";
import type { Interactions } from "../../lib/schema/interactions.js";
import type { SyntheticPopulation } from "../../lib/synthetic/generate-population.js";
import type { SyntheticOptions } from "../../lib/synthetic/synthetic-options.js";

/** Where the data comes from: a descriptor path, or synthetic generator options (seed in options.seed, default 1). */
export type ValueSource = { readonly descriptor: string } | { readonly synthetic: SyntheticOptions };

/** Loaded data with its name and, for synthetic data, the population (ground truth). */
export interface ValueData {
  readonly name: string;
  readonly source: string;
  readonly data: Interactions;
  readonly population: SyntheticPopulation | null;
  /** Synthetic data: the generator's calibration end (start + calibrationWeeks); null for files. */
  readonly defaultCalibrationEnd: number | null;
  /** The descriptor's currency (ISO 4217); null when not stated or synthetic. */
  readonly currency: string | null;
  /** Ingest counts of a file (rows read = accepted + rejected); null for synthetic data. */
  readonly ingest: { readonly rowsRead: number; readonly rowsAccepted: number; readonly rowsRejected: number } | null;
}

/**
 * Loads the data of a value analysis.
 * @throws DescriptorError / IngestError from reading a file; RangeError on invalid synthetic options
 */
export async function loadValueData(source: ValueSource, onProgress?: (fraction: number) => void): Promise<ValueData> {
  const ref: DatasetRef = "descriptor" in source
    ? { kind: "descriptor", descriptor: resolve(source.descriptor) }
    : { kind: "synthetic", options: source.synthetic as Record<string, number | string> };
  const loaded = await loadExperimentData(ref, join(process.cwd(), "(command line)"), onProgress);
  return {
    name: loaded.summary.name,
    source: "descriptor" in source ? relative(process.cwd(), source.descriptor) || source.descriptor : "synthetic",
    data: loaded.data,
    population: loaded.population,
    currency: loaded.currency,
    defaultCalibrationEnd: loaded.defaultCalibrationEnd,
    ingest: loaded.summary.ingest,
  };
}

/**
 * The calibration / holdout window: calibration end from the flag (an ISO date, UTC) or the
 * synthetic default; holdout end from the flag or the last timestamp of the data.
 * @throws Error when a date does not parse, is missing for a file, or the data has no timestamps
 */
export function resolveWindow(loaded: ValueData, calibrationEnd: string | undefined, holdoutEnd: string | undefined): ValueWindow {
  if (!loaded.data.timestamp) throw new Error(`${loaded.source}: the dataset has no timestamp column; value measures need customer + timestamp (+ value) columns`);
  const cal = calibrationEnd === undefined ? loaded.defaultCalibrationEnd : parseDate(calibrationEnd, "--calibration-end");
  if (cal === null) throw new Error(`${loaded.source}: --calibration-end <date> is required for a dataset file (e.g. --calibration-end 1997-09-30)`);
  const end = holdoutEnd === undefined ? lastTimestamp(loaded.data) : parseDate(holdoutEnd, "--holdout-end");
  if (!(end >= cal)) throw new Error(`--holdout-end must be at or after the calibration end ${new Date(cal).toISOString()}, got "${new Date(end).toISOString()}"`);
  return { calibrationEnd: cal, holdoutEnd: end };
}

/** A date flag: "YYYY-MM-DD" (UTC midnight) or a full ISO 8601 time with a zone; a real calendar day (no 2020-02-30). */
export function parseDate(raw: string, flag: string): number {
  const ms = Date.parse(raw);
  if (!isIsoDate(raw)) throw new Error(`${flag}: expected a date such as "1997-09-30" or "1997-09-30T00:00:00Z", got "${raw}"`);
  return ms;
}

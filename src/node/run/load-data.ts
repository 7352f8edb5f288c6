import { resolve, dirname, relative } from "node:path";
import type { Interactions } from "../../lib/schema/interactions.js";
import type { DatasetRef } from "../../lib/config/experiment-config.js";
import type { DatasetSummary } from "../../lib/records/run-record.js";
import { createRng } from "../../lib/random/rng.js";
import { generatePopulation, type SyntheticPopulation } from "../../lib/synthetic/generate-population.js";
import type { SyntheticOptions } from "../../lib/synthetic/synthetic-options.js";
import { readDataset } from "../ingest/read-dataset.js";
import type { Descriptor } from "../descriptor/descriptor.js";
import { hashParts } from "../hash.js";

export interface LoadedData {
  readonly data: Interactions;
  readonly summary: DatasetSummary;
  /** Synthetic data: the population with its ground truth; null for files. */
  readonly population: SyntheticPopulation | null;
  /** Synthetic data: the generator's calibration end in ms (start + calibrationWeeks); null for files. */
  readonly defaultCalibrationEnd: number | null;
  /** The descriptor's currency (ISO 4217), null when not stated or synthetic. */
  readonly currency: string | null;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The interactions an experiment runs on: read through a dataset descriptor, or generated from
 * synthetic options (seeded by the options' own `seed`, default 1, so that the same population
 * can be scored under different experiment seeds).
 * @param ref the config's dataset entry
 * @param configFile path of the config, which descriptor paths are relative to
 */
export async function loadExperimentData(ref: DatasetRef, configFile: string, onProgress?: (fraction: number) => void): Promise<LoadedData> {
  if (ref.kind === "descriptor") {
    const path = resolve(dirname(configFile), ref.descriptor);
    const { data, report, descriptor } = await readDataset(path, onProgress ? { onProgress } : {});
    return {
      data,
      population: null,
      defaultCalibrationEnd: null,
      currency: descriptor.currency,
      summary: {
        ...shape(data),
        name: descriptor.name,
        source: relative(process.cwd(), path),
        citation: descriptor.citation ?? null,
        hash: descriptorDataHash(report.sourceHash, descriptor),
        synthetic: null,
        ingest: {
          rowsRead: report.rowsRead,
          rowsAccepted: report.rowsAccepted,
          rowsRejected: report.rowsRejected,
          rejectedByReason: report.rejectedByReason,
        },
      },
    };
  }
  const options = { seed: 1, ...ref.options } as SyntheticOptions;
  const population = generatePopulation(options, createRng(Number(options.seed)), onProgress);
  const data = population.interactions;
  const o = population.parameters.options;
  return {
    data,
    population,
    currency: null,
    defaultCalibrationEnd: Date.parse(o.start) + o.calibrationWeeks * WEEK_MS,
    summary: {
      ...shape(data),
      name: `synthetic`,
      source: "synthetic",
      citation: null,
      hash: hashParts("synthetic-population", JSON.stringify(population.parameters)),
      synthetic: population.parameters as unknown as Record<string, unknown>,
      ingest: null,
    },
  };
}

/**
 * The data hash of a descriptor-read dataset: the file's bytes AND every descriptor setting that
 * changes what is read (format, columns, outcome range, missing markers, duplicates, contexts), so
 * two descriptors reading one file differently never share a hash. Paths and prose are left out:
 * the same data read from another folder keeps its hash.
 */
function descriptorDataHash(sourceHash: string, d: Descriptor): string {
  const { format, delimiter, header, names, columns, outcome, timestamp, missing, duplicates, context } = d;
  return hashParts(sourceHash, JSON.stringify({ format, delimiter, header, names, columns, outcome, timestamp, missing, duplicates, context }));
}

function shape(data: Interactions) {
  return {
    rows: data.size,
    customers: data.customerIds.length,
    items: data.itemIds.length,
    outcomeType: data.outcomeSpec.type,
    contexts: data.contexts.map((c) => ({ name: c.name, levels: [...c.levels] })),
  };
}

import { resolve, dirname, relative } from "node:path";
import type { Interactions } from "../../lib/schema/interactions.js";
import type { DatasetRef } from "../../lib/config/experiment-config.js";
import type { DatasetSummary } from "../../lib/run/run-record.js";
import { createRng } from "../../lib/random/rng.js";
import { generatePopulation } from "../../lib/synthetic/generate-population.js";
import type { SyntheticOptions } from "../../lib/synthetic/synthetic-options.js";
import { readDataset } from "../ingest/read-dataset.js";
import { hashParts } from "../hash.js";

export interface LoadedData {
  readonly data: Interactions;
  readonly summary: DatasetSummary;
}

/**
 * The interactions an experiment runs on: read through a dataset descriptor, or generated from
 * synthetic options (seeded by the options' own `seed`, default 1, so that the same population
 * can be scored under different experiment seeds).
 * @param ref the config's dataset entry
 * @param configFile path of the config, which descriptor paths are relative to
 */
export async function loadExperimentData(ref: DatasetRef, configFile: string): Promise<LoadedData> {
  if (ref.kind === "descriptor") {
    const path = resolve(dirname(configFile), ref.descriptor);
    const { data, report, descriptor } = await readDataset(path);
    return {
      data,
      summary: {
        ...shape(data),
        name: descriptor.name,
        source: relative(process.cwd(), path),
        citation: descriptor.citation ?? null,
        hash: report.sourceHash,
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
  const population = generatePopulation(options, createRng(Number(options.seed)));
  const data = population.interactions;
  return {
    data,
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

function shape(data: Interactions) {
  return {
    rows: data.size,
    customers: data.customerIds.length,
    items: data.itemIds.length,
    outcomeType: data.outcomeSpec.type,
    contexts: data.contexts.map((c) => ({ name: c.name, levels: [...c.levels] })),
  };
}

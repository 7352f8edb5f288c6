import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { SyntheticPopulation } from "../../lib/synthetic/generate-population.js";
import type { JourneyMode } from "../../lib/synthetic/synthetic-options.js";
import { writeCustomersCsv, writeInteractionsCsv, writeJourneyCsv } from "./population-csv.js";

/** Options of {@link writePopulationFolder}. */
export interface WritePopulationOptions {
  /** Dataset name in dataset.yaml. Default: the folder's base name. */
  readonly name?: string;
  /** Replace an existing folder. Default false. */
  readonly force?: boolean;
  /** Fraction of interaction rows written, in [0, 1]. Default: none. */
  readonly onProgress?: (fraction: number) => void;
}

/** The files of a generated dataset folder. */
export const POPULATION_FILES = ["interactions.csv", "customers.csv", "journey.csv", "dataset.yaml", "parameters.json"] as const;

/**
 * The name a generated dataset gets by default: synthetic-s<seed>-c<customers>-k<contextStrength>,
 * with "-funnel" for the funnel-journeys world (so it never takes the default world's folder).
 */
export function defaultDatasetName(seed: number, customers: number, contextStrength: number, journeys: JourneyMode = "free"): string {
  // descriptor names allow letters, digits, "-" and "_": 0.5 becomes 0_5
  const part = (x: number): string => String(x).replace(/[^A-Za-z0-9-]/g, "_");
  return `synthetic-s${part(seed)}-c${part(customers)}-k${part(contextStrength)}${journeys === "free" ? "" : `-${journeys}`}`;
}

/**
 * The dataset descriptor (YAML) of a generated interactions.csv, readable by the normal ingest path.
 * @param name dataset name: letters, digits, "-" and "_", starting with a letter or digit
 * @throws RangeError when the name is not a valid descriptor name
 */
export function syntheticDescriptorYaml(name: string): string {
  assertDatasetName(name);
  return [
    `name: ${name}`,
    "description: Synthetic IRM Lab population with known ground truth (see parameters.json).",
    "source: interactions.csv",
    "format: csv",
    "columns: { customer: customer, item: item, outcome: outcome, timestamp: timestamp, value: value, truth: true_probability }",
    "outcome: { type: binary }",
    "timestamp: { format: iso }",
    "context: { companion: companion, intent: intent, situation: situation }",
    "",
  ].join("\n");
}

/**
 * Checks a dataset name against the descriptor rules.
 * @throws RangeError `dataset name must use letters, digits, "-" and "_" ..., got "<name>"`
 */
export function assertDatasetName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new RangeError(`dataset name must use letters, digits, "-" and "_", starting with a letter or digit, got "${name}"`);
  }
}

/**
 * Writes a population to `outDir` atomically: everything goes to a temporary sibling folder that
 * is renamed to outDir only once complete, so outDir never holds a partial dataset.
 * Files: POPULATION_FILES. parameters.json = population.parameters.
 * @returns the folder written
 * @throws Error when outDir exists and force is not set, or on any file-system failure (the
 *   temporary folder is removed)
 */
export async function writePopulationFolder(population: SyntheticPopulation, outDir: string, options: WritePopulationOptions = {}): Promise<string> {
  const name = options.name ?? basename(outDir);
  const descriptor = syntheticDescriptorYaml(name);
  if (existsSync(outDir) && !options.force) throw new Error(`generate: output folder "${outDir}" already exists; pass --force to replace it`);
  await mkdir(dirname(outDir), { recursive: true });
  const temp = join(dirname(outDir), `.tmp-${basename(outDir)}-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  try {
    await writeInteractionsCsv(population, join(temp, "interactions.csv"), options.onProgress);
    await writeCustomersCsv(population, join(temp, "customers.csv"));
    await writeJourneyCsv(population, join(temp, "journey.csv"));
    await writeFile(join(temp, "dataset.yaml"), descriptor);
    await writeFile(join(temp, "parameters.json"), `${JSON.stringify(population.parameters, null, 2)}\n`);
    if (existsSync(outDir)) await rm(outDir, { recursive: true, force: true });
    await rename(temp, outDir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return outDir;
}

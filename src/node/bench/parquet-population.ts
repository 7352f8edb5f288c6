/**
 * The population of `irmlab bench --pipeline --from-parquet`, generated once and kept as Parquet:
 *
 *   generatePopulation (seeded) ─► writePopulationFolder (CSV, as `irmlab generate`)
 *     ─► DuckDB: COPY interactions.csv → interactions.parquet ─► dataset.yaml (format: parquet); CSV removed
 *
 * The folder is keyed by its parameters, so a second benchmark run at the same size reads the same
 * file and times the ingest only.
 */
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { createRng } from "../../lib/random/rng.js";
import { generatePopulation } from "../../lib/synthetic/generate-population.js";
import type { SyntheticOptions } from "../../lib/synthetic/synthetic-options.js";
import { syntheticDescriptorYaml, writePopulationFolder } from "../synthetic/write-population.js";

/** A benchmark population on disk. */
export interface ParquetPopulation {
  readonly folder: string;
  /** interactions.parquet */
  readonly parquet: string;
  /** Seconds spent generating and converting now; 0 when the folder already existed. */
  readonly seconds: number;
  /** CPU seconds of the process spent on it (every thread, DuckDB's included); 0 when the folder already existed. */
  readonly cpuSeconds: number;
}

/** SQL single-quoted string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The Parquet population for `options` under `root` (default data/generated), made if missing.
 * @throws Error from the generator, the CSV writer or DuckDB
 */
export async function parquetPopulation(options: SyntheticOptions, root = "data/generated", log: (line: string) => void = () => {}): Promise<ParquetPopulation> {
  const o = options as unknown as Record<string, unknown>;
  const name = `bench-parquet-c${o.customers}-s${o.seed ?? 1}${o.weeks === undefined ? "" : `-w${o.weeks}`}`;
  const folder = join(root, name);
  const parquet = join(folder, "interactions.parquet");
  if (existsSync(parquet)) return { folder, parquet, seconds: 0, cpuSeconds: 0 };
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  const population = generatePopulation(options, createRng(Number(o.seed ?? 1)));
  log(`generated ${population.interactions.size} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s; writing CSV, then Parquet`);
  await writePopulationFolder(population, folder, { name, force: true });
  const csv = join(folder, "interactions.csv");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true)) TO ${sqlString(parquet)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  await rm(csv);
  // The same descriptor as `irmlab generate` writes, reading the Parquet file instead.
  const yaml = syntheticDescriptorYaml(name).replace("source: interactions.csv", "source: interactions.parquet").replace("format: csv", "format: parquet");
  await writeFile(join(folder, "dataset.yaml"), yaml);
  const cpu = process.cpuUsage(cpu0);
  return { folder, parquet, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

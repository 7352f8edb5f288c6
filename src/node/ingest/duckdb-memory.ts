/**
 * How much memory DuckDB may hold during an ingest before it spills to its temporary folder.
 * DuckDB's own default (80% of the machine) suits a database that has the machine to itself; here
 * the classified table it builds from the file (every mapped column as text) would set the whole
 * pipeline's peak: 4.3 GB at 10M rows, when the typed-array table it produces is a tenth of that.
 * The limit leaves that memory to the models. `IRMLAB_DUCKDB_MEMORY` overrides it (e.g. "4GB").
 */
import { totalmem } from "node:os";

/** The environment variable that sets the limit. */
export const DUCKDB_MEMORY_VARIABLE = "IRMLAB_DUCKDB_MEMORY";

const UNITS: Readonly<Record<string, number>> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** Smallest limit accepted: below it DuckDB cannot hold one chunk of a wide file per thread. */
export const MIN_DUCKDB_MEMORY = 64 * 2 ** 20;

/**
 * DuckDB's `memory_limit` for an ingest: the variable's value when set, else 1 GiB (or an eighth of
 * the machine's memory when that is less), as DuckDB reads it ("1024MiB").
 * @throws Error naming the variable and its value when it is not a size such as "512MB" or "4GiB", or is below 64 MiB
 */
export function duckdbMemoryLimit(env: Readonly<Record<string, string | undefined>> = process.env, machineBytes = totalmem()): string {
  return `${Math.floor(duckdbMemoryBytes(env, machineBytes) / 2 ** 20)}MiB`;
}

/**
 * Rows the ingest sorts back into file order at a time (duckdb-ingest.ts): 512 bytes of the memory
 * limit a row. A sort of every row at once needs memory in proportion to the rows and failed at 100M
 * rows under 1 GiB; 1M rows of the encoded table (9 columns) failed under 100 MiB, 250k did not.
 * @param limitBytes the memory limit (duckdbMemoryBytes)
 */
export function sortRangeRows(limitBytes: number): number {
  return Math.max(2 ** 16, Math.floor(limitBytes / 512));
}

/**
 * The memory limit in bytes (see {@link duckdbMemoryLimit}).
 * @throws Error as duckdbMemoryLimit
 */
export function duckdbMemoryBytes(env: Readonly<Record<string, string | undefined>> = process.env, machineBytes = totalmem()): number {
  const given = env[DUCKDB_MEMORY_VARIABLE];
  if (given === undefined || given.trim() === "") return Math.max(MIN_DUCKDB_MEMORY, Math.min(2 ** 30, Math.floor(machineBytes / 8)));
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(given);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new Error(`${DUCKDB_MEMORY_VARIABLE}: expected a size such as "512MB" or "4GiB" (units KB, MB, GB, TB, KiB, MiB, GiB, TiB), got ${JSON.stringify(given)}`);
  }
  const bytes = Number(m[1]) * unit;
  if (bytes < MIN_DUCKDB_MEMORY) throw new Error(`${DUCKDB_MEMORY_VARIABLE}: at least 64MiB, got ${JSON.stringify(given)}`);
  return bytes;
}

/**
 * TEMPORARY adapter: reads the benchmark's synthetic Parquet file (columns of `irmlab generate`)
 * into the typed-array `Interactions` table through DuckDB, until the `offline-ingest` branch's
 * Parquet reader (descriptor `format: parquet`, the full validation contract) lands in main; the
 * pipeline benchmark should then ingest through readDataset(<folder>/dataset.yaml) instead.
 * No validation beyond the types: the file is the benchmark's own.
 *
 * Dictionaries are built in SQL (sorted distinct values, codes from row_number), rows come back
 * in file order, and every column is read chunk by chunk into preallocated typed arrays.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Interactions } from "../../lib/schema/interactions.js";
import { BINARY_OUTCOME } from "../../lib/schema/outcome.js";
import { sqlString } from "./parquet-population.js";

const CONTEXTS = ["companion", "intent", "situation"] as const;
const KEYS = ["customer", "item", ...CONTEXTS] as const;

async function strings(connection: DuckDBConnection, sql: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getColumns()[0]!.map(String);
}

/**
 * The interactions of a synthetic Parquet file.
 * @throws Error from DuckDB (missing file or column)
 */
export async function readSyntheticParquet(path: string): Promise<Interactions> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TEMP VIEW t AS SELECT * FROM read_parquet(${sqlString(path)}, file_row_number = true)`);
    const dictionaries: Record<string, string[]> = {};
    for (const key of KEYS) {
      await connection.run(`CREATE TEMP TABLE d_${key} AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS code FROM (SELECT DISTINCT CAST(${key} AS VARCHAR) AS v FROM t) AS s`);
      dictionaries[key] = await strings(connection, `SELECT v FROM d_${key} ORDER BY code`);
    }
    const size = Number((await connection.runAndReadAll("SELECT count(*) FROM t")).getColumns()[0]![0]);
    const codes = KEYS.map(() => new Int32Array(size));
    const doubles = [new Float64Array(size), new Float64Array(size), new Float64Array(size), new Float64Array(size)];
    const joins = KEYS.map((k) => `JOIN d_${k} ON d_${k}.v = CAST(t.${k} AS VARCHAR)`).join(" ");
    const select = [
      ...KEYS.map((k) => `d_${k}.code`),
      "CAST(epoch_ms(CAST(t.timestamp AS TIMESTAMP)) AS DOUBLE)", "CAST(t.outcome AS DOUBLE)", "CAST(t.value AS DOUBLE)", "CAST(t.true_probability AS DOUBLE)",
    ].join(", ");
    const result = await connection.stream(`SELECT ${select} FROM t ${joins} ORDER BY t.file_row_number`);
    let offset = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const n = chunk.rowCount;
      codes.forEach((out, j) => {
        const v = chunk.getColumnVector(j);
        for (let r = 0; r < n; r++) out[offset + r] = v.getItem(r) as number;
      });
      doubles.forEach((out, j) => {
        const v = chunk.getColumnVector(KEYS.length + j);
        for (let r = 0; r < n; r++) out[offset + r] = (v.getItem(r) as number | null) ?? 0;
      });
      offset += n;
    }
    if (offset !== size) throw new Error(`read ${path}: ${offset} rows came back of ${size}`);
    const [customer, item, ...contextCodes] = codes;
    const [timestamp, outcome, value, truth] = doubles;
    return {
      size,
      customerIds: dictionaries.customer!,
      customer: customer!,
      itemIds: dictionaries.item!,
      item: item!,
      timestamp: timestamp!,
      outcome: outcome!,
      outcomeSpec: BINARY_OUTCOME,
      value: value!,
      contexts: CONTEXTS.map((name, j) => ({ name, levels: dictionaries[name]!, codes: contextCodes[j]! })),
      truth: truth!,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

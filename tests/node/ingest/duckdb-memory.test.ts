import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { DUCKDB_MEMORY_VARIABLE, duckdbMemoryBytes, duckdbMemoryLimit, sortRangeRows } from "../../../src/node/ingest/duckdb-memory.js";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";
import { tempDir, writeDataset } from "./temp-dataset.js";

const GiB = 2 ** 30;

describe("duckdbMemoryLimit", () => {
  it("defaults to 1 GiB, or an eighth of a smaller machine, never under 64 MiB", () => {
    expect(duckdbMemoryLimit({}, 24 * GiB)).toBe("1024MiB");
    expect(duckdbMemoryLimit({}, 4 * GiB)).toBe("512MiB");
    expect(duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: " " }, 256 * 2 ** 20)).toBe("64MiB");
  });

  it("reads IRMLAB_DUCKDB_MEMORY in decimal or binary units, and names the variable and value it refuses", () => {
    expect(duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: "4GB" }, GiB)).toBe("3814MiB");
    expect(duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: "512 mib" }, GiB)).toBe("512MiB");
    expect(duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: "1.5GiB" }, GiB)).toBe("1536MiB");
    expect(() => duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: "lots" })).toThrow(/IRMLAB_DUCKDB_MEMORY: expected a size such as "512MB" or "4GiB" .*got "lots"/);
    expect(() => duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: "4 GBs" })).toThrow(/got "4 GBs"/);
    expect(() => duckdbMemoryLimit({ [DUCKDB_MEMORY_VARIABLE]: "10MB" })).toThrow(/IRMLAB_DUCKDB_MEMORY: at least 64MiB, got "10MB"/);
  });

  it("sorts rows back into file order in ranges of 512 bytes of the limit a row, at least 65,536", () => {
    expect(sortRangeRows(duckdbMemoryBytes({}, 24 * GiB))).toBe(2_097_152);
    expect(sortRangeRows(duckdbMemoryBytes({ [DUCKDB_MEMORY_VARIABLE]: "64MiB" }))).toBe(131_072);
    expect(sortRangeRows(2 ** 20)).toBe(65_536);
  });

  it("an ingest larger than the limit spills and gives the same table as the streaming reader", async () => {
    // 400,000 rows with long ids: about 40 MB of text; at 64 MiB DuckDB spills (about 46 MB in its
    // temporary folder when measured), and the rows come back in file order in 4 ranges (sortRangeRows)
    const rng = createRng(7);
    const lines = ["customer,item,ctx,outcome,ts"];
    for (let i = 0; i < 400_000; i++) {
      const c = Math.floor(rng.next() * 50_000), it = Math.floor(rng.next() * 500);
      lines.push(`customer-with-a-long-identifier-${c},item-${it},level-${i % 7},${rng.next() < 0.3 ? 1 : 0},2024-01-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`);
    }
    // bad rows in the first, second and last range (an outcome that is not binary)
    for (const i of [1_000, 250_000, 399_999]) lines[i + 1] = lines[i + 1]!.replace(/,[01],2024/, ",maybe,2024");
    const dir = tempDir();
    const path = writeDataset(dir, "big.csv", `${lines.join("\n")}\n`, [
      "name: big",
      "format: csv",
      "outcome: { type: binary }",
      "columns: { customer: customer, item: item, outcome: outcome, timestamp: ts }",
      "timestamp: { format: iso }",
      "context: { ctx: ctx }",
      "",
    ].join("\n"));
    const previous = process.env[DUCKDB_MEMORY_VARIABLE];
    process.env[DUCKDB_MEMORY_VARIABLE] = "64MiB";
    let limited;
    try {
      limited = await readDataset(path);
    } finally {
      if (previous === undefined) delete process.env[DUCKDB_MEMORY_VARIABLE];
      else process.env[DUCKDB_MEMORY_VARIABLE] = previous;
    }
    const streamed = await readDataset(path, { engine: "stream" });
    expect(limited.report.engine).toBe("duckdb");
    expect(limited.report.rowsAccepted).toBe(400_000 - 3);
    expect(limited.report.rowsRejected).toBe(3);
    expect(limited.report.rejectedByReason).toEqual(streamed.report.rejectedByReason);
    for (const key of ["customer", "item", "outcome", "timestamp"] as const) expect(limited.data[key]).toEqual(streamed.data[key]);
    expect(limited.data.customerIds).toEqual(streamed.data.customerIds);
    expect(limited.data.contexts[0]!.codes).toEqual(streamed.data.contexts[0]!.codes);
  }, 120_000);
});

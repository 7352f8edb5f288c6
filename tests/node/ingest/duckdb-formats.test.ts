import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import * as aq from "arquero";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";
import { literal } from "../../../src/node/ingest/sql.js";
import { tempDir, writeDataset } from "./temp-dataset.js";

const DATASETS = "../shared/datasets";
const present = existsSync(DATASETS);
if (!present) console.warn(`skipping the Parquet/Arrow/gzip conversions of the real datasets: ${DATASETS} is absent`);

/** Runs SQL statements in a fresh in-memory DuckDB. */
async function duck(statements: string[]): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const s of statements) rows = (await con.runAndReadAll(s)).getRowObjectsJS() as Record<string, unknown>[];
    return rows;
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** A DuckDB scan of a CSV with every column as text, exactly as written. */
function textScan(csv: string): string {
  return `read_csv(${literal(csv)}, header = true, all_varchar = true, quote = '"', escape = '"', nullstr = '\u0001')`;
}

/**
 * Writes `csv` as Parquet, gzipped CSV and Arrow IPC (converted through DuckDB) into `dir`, and a
 * descriptor for each: the descriptor's text with the source and format replaced.
 */
async function convert(csv: string, descriptorText: string, dir: string): Promise<Record<string, string>> {
  const parquet = join(dir, "data.parquet");
  await duck([`COPY (SELECT * FROM ${textScan(csv)}) TO ${literal(parquet)} (FORMAT parquet)`]);
  writeFileSync(join(dir, "data.csv.gz"), gzipSync(readFileSync(csv)));
  const rows = await duck([`SELECT * FROM ${textScan(csv)}`]);
  writeFileSync(join(dir, "data.arrow"), aq.toArrowIPC(aq.from(rows)));
  const out: Record<string, string> = {};
  for (const [format, file] of [["parquet", "data.parquet"], ["csv", "data.csv.gz"], ["arrow", "data.arrow"]] as const) {
    const text = descriptorText.replace(/^source: .*$/m, `source: ${file}`).replace(/^format: .*$/m, `format: ${format}`);
    const path = join(dir, `${format}.yaml`);
    writeFileSync(path, text);
    out[file] = path;
  }
  return out;
}

describe.skipIf(!present)("the real datasets converted to Parquet, gzipped CSV and Arrow", () => {
  for (const name of ["depaulmovie", "tripadvisor", "incarmusic"]) {
    it(`${name}: the same counts, levels and Interactions table as from the CSV original`, async () => {
      const descriptorPath = `data/datasets/${name}.yaml`;
      const original = await readDataset(descriptorPath, { engine: "stream" });
      const dir = tempDir();
      const paths = await convert(original.descriptor.sourcePath, readFileSync(descriptorPath, "utf8"), dir);
      for (const [file, path] of Object.entries(paths)) {
        const copy = await readDataset(path);
        expect(copy.report.engine, file).toBe(file.endsWith(".arrow") ? "stream" : "duckdb");
        expect(copy.data, file).toEqual(original.data);
        const pick = (r: typeof copy.report) => [r.rowsRead, r.rowsAccepted, r.rowsRejected, r.customers, r.items, r.contexts, r.outcome, r.duplicateRows];
        expect(pick(copy.report), file).toEqual(pick(original.report));
      }
    }, 120_000);
  }
});

const TRIPS = `name: trips
columns: { customer: UserID, item: ItemID, outcome: Rating }
outcome: { type: rating, min: 1, max: 5 }
missing: [NA, ""]
context: { companion: TripType }
`;

const BAD = [
  "UserID,ItemID,Rating,TripType",
  "u1,h1,5,SOLO",
  "u2,h1,9,SOLO", // out of range
  "u3,h1,five,SOLO", // not a number
  ",h1,4,SOLO", // missing customer
  "u4,NA,4,SOLO", // missing item
  "u6,h1,,SOLO", // missing outcome
  " u1 ,h2,2,", // trimmed: customer u1; context unknown
  "u1,h1,5,SOLO", // duplicate of row 1
  "u7,h2, 3 ,FAMILY", // blanks around a number: not clean in SQL, valid for the validator
].join("\n");

describe("DuckDB and the streaming reader agree", () => {
  it("on rejects (reason, column, value, data row, line), duplicates, trimming and dictionaries", async () => {
    const dir = tempDir();
    const path = writeDataset(dir, "t.csv", `${BAD}\n`, `${TRIPS}duplicates: reject\n`);
    const duck = await readDataset(path);
    const stream = await readDataset(path, { engine: "stream" });
    expect(duck.report.engine).toBe("duckdb");
    expect(stream.report.engine).toBe("stream");
    expect(duck.data).toEqual(stream.data);
    expect(duck.rejects).toEqual(stream.rejects);
    expect(duck.rejects.map((r) => [r.dataRow, r.line, r.reason])).toEqual([
      [2, 3, "outcome out of range"],
      [3, 4, "invalid outcome"],
      [4, 5, "missing customer"],
      [5, 6, "missing item"],
      [6, 7, "missing outcome"],
      [8, 9, "duplicate row"],
    ]);
    expect(duck.data.customerIds).toEqual(["u1", "u7"]);
    expect(Array.from(duck.data.outcome)).toEqual([5, 2, 3]);
    const { engine: _a, ...a } = duck.report;
    const { engine: _b, ...b } = stream.report;
    expect(a).toEqual(b);
  });

  it("on a file whose rows span lines: the streaming reader gives the physical lines", async () => {
    const csv = 'UserID,ItemID,Rating,TripType\nu1,h1,5,"two\nlines"\n\nu2,h1,9,SOLO\n';
    const r = await readDataset(writeDataset(tempDir(), "t.csv", csv, TRIPS));
    expect(r.report.engine).toBe("stream");
    expect(r.rejects.map((x) => [x.dataRow, x.line])).toEqual([[2, 5]]);
  });

  it("reads a glob of Parquet partitions in path order, numbering data rows across them", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "part=a"));
    mkdirSync(join(dir, "part=b"));
    const csv = join(dir, "all.csv");
    writeFileSync(csv, `${BAD}\n`);
    await duck([
      `COPY (SELECT * FROM ${textScan(csv)} LIMIT 4) TO ${literal(join(dir, "part=a", "0.parquet"))} (FORMAT parquet)`,
      `COPY (SELECT * FROM ${textScan(csv)} OFFSET 4) TO ${literal(join(dir, "part=b", "0.parquet"))} (FORMAT parquet)`,
    ]);
    writeFileSync(join(dir, "p.yaml"), `source: "part=*/*.parquet"\n${TRIPS}`);
    const parts = await readDataset(join(dir, "p.yaml"));
    const whole = await readDataset(writeDataset(dir, "w.csv", `${BAD}\n`, TRIPS, "w.yaml"), { engine: "stream" });
    expect(parts.data).toEqual(whole.data);
    expect(parts.rejects.map((r) => [r.dataRow, r.line, r.reason])).toEqual(whole.rejects.map((r) => [r.dataRow, r.dataRow, r.reason]));
    expect(parts.report.bytes).toBeGreaterThan(0);
  });

  it("reads typed Parquet columns (integers, doubles, timestamps) as the text a CSV would hold", async () => {
    const dir = tempDir();
    const file = join(dir, "typed.parquet");
    await duck([
      `COPY (SELECT * FROM (VALUES (1, 7, 4.0, TIMESTAMP '2024-03-11 04:47:31.096', 'x'), (2, 7, 2.5, TIMESTAMP '2024-03-12 00:00:00', NULL)) v(cust, item, rating, seen, ctx)) TO ${literal(file)} (FORMAT parquet)`,
    ]);
    const yaml = `name: typed\nsource: typed.parquet\ncolumns: { customer: cust, item: item, outcome: rating, timestamp: seen }\noutcome: { type: rating, min: 1, max: 5 }\ntimestamp: { format: iso }\ncontext: { c: ctx }\n`;
    writeFileSync(join(dir, "typed.yaml"), yaml);
    const { data, report } = await readDataset(join(dir, "typed.yaml"));
    expect(report.format).toBe("parquet");
    expect(data.customerIds).toEqual(["1", "2"]);
    expect(Array.from(data.outcome)).toEqual([4, 2.5]);
    expect(Array.from(data.timestamp!)).toEqual([Date.UTC(2024, 2, 11, 4, 47, 31, 96), Date.UTC(2024, 2, 12)]);
    expect(data.contexts[0]!.levels).toEqual(["x", "unknown"]);
  });

  it("reads typed Parquet columns straight from their type only where that gives what their text gives", async () => {
    // each row's outcome, value and time, as DOUBLE and TIMESTAMP literals cast to the column's type;
    // edge values: NaN, ±inf, -0, subnormal, beyond the magnitude limit, 0.1 (a FLOAT differs from
    // the double its text reads as), sub-millisecond and pre-1970 times, year 500, infinity, NULL
    const rows = [
      ["3", "12.34", "TIMESTAMP '2024-03-11 04:47:31.096'"],
      ["-0.0", "0.1", "TIMESTAMP '1969-12-31 23:59:59.9995'"],
      ["'nan'", "-0.0", "TIMESTAMP '2024-01-01 00:00:00.0015'"],
      ["'inf'", "1e20", "TIMESTAMP '0500-01-01 00:00:00'"],
      ["1e300", "NULL", "TIMESTAMP 'infinity'"],
      ["2.5", "'nan'", "NULL"],
      ["7", "5e-324", "TIMESTAMP '2024-02-29 23:59:59.999'"],
      ["4", "-1", "TIMESTAMP '1970-01-01 00:00:00'"],
      ["NULL", "3", "TIMESTAMP '2024-05-01 12:00:00'"],
    ].map(([y, v, ts], i) => `(${i % 3}, ${y}::DOUBLE, ${v}::DOUBLE, ${ts})`);
    const source = `(VALUES ${rows.join(", ")}) v(cust, y, val, seen)`;
    const cases: [string, string, string][] = [
      ["DOUBLE", "DOUBLE", "TIMESTAMP"],
      ["BIGINT", "FLOAT", "TIMESTAMPTZ"],
      ["DOUBLE", "DECIMAL(30, 6)", "DATE"],
      ["INTEGER", "BIGINT", "TIMESTAMP_NS"],
      ["FLOAT", "DOUBLE", "TIMESTAMP_MS"],
    ];
    for (const [yType, vType, tsType] of cases) {
      // markers that are the text of a value (-1 of an integer column) or of a time: those rows are missing
      for (const missing of ['[NA, ""]', '[NA, "-1"]', '[NA, "1970-01-01T00:00:00.000Z"]']) {
        const dir = tempDir();
        // integers: the DOUBLE rounded, and NULL where it has no integer (NaN, inf, out of range);
        // FLOAT holds no 1e300; nanosecond times hold years 1678–2261 only
        const cast = (col: string, type: string) =>
          /INT/.test(type) ? `CASE WHEN isfinite(${col}) AND abs(${col}) < 1e9 THEN CAST(${col} AS ${type}) END` : /DECIMAL/.test(type) ? `CASE WHEN isfinite(${col}) AND abs(${col}) < 1e20 THEN CAST(${col} AS ${type}) END` : type === "FLOAT" ? `CASE WHEN abs(${col}) < 1e38 OR NOT isfinite(${col}) THEN CAST(${col} AS FLOAT) END` : `CAST(${col} AS ${type})`;
        const typed = `SELECT cust, ${cast("y", yType)} AS y, ${cast("val", vType)} AS val, ${tsType === "TIMESTAMP_NS" ? "CASE WHEN isfinite(seen) AND year(seen) > 1700 THEN CAST(seen AS TIMESTAMP_NS) END" : `CAST(seen AS ${tsType})`} AS seen FROM ${source}`;
        // the same columns as the text the reader has always read them as (asText in sql.ts)
        const text = `SELECT CAST(cust AS VARCHAR) AS cust, CAST(y AS VARCHAR) AS y, CAST(val AS VARCHAR) AS val, ${tsType === "DATE" ? "CAST(seen AS VARCHAR)" : "strftime(CAST(seen AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%gZ')"} AS seen FROM (${typed})`;
        await duck([
          `COPY (${typed}) TO ${literal(join(dir, "typed.parquet"))} (FORMAT parquet)`,
          `COPY (${text}) TO ${literal(join(dir, "text.parquet"))} (FORMAT parquet)`,
        ]);
        const yaml = (file: string) => `name: t\nsource: ${file}\ncolumns: { customer: cust, outcome: y, value: val, timestamp: seen }\noutcome: { type: amount }\ntimestamp: { format: iso }\nmissing: ${missing}\n`;
        writeFileSync(join(dir, "typed.yaml"), yaml("typed.parquet"));
        writeFileSync(join(dir, "text.yaml"), yaml("text.parquet"));
        const a = await readDataset(join(dir, "typed.yaml"));
        const b = await readDataset(join(dir, "text.yaml"));
        const label = `${yType}/${vType}/${tsType}, missing ${missing}`;
        expect(a.data, label).toEqual(b.data);
        expect(a.rejects, label).toEqual(b.rejects);
        expect([a.report.rowsRead, a.report.rowsAccepted, a.report.rowsRejected], label).toEqual([b.report.rowsRead, b.report.rowsAccepted, b.report.rowsRejected]);
        // the cases accept some rows and reject others (else the comparison proves little)
        expect(a.report.rowsAccepted, label).toBeGreaterThan(0);
        expect(a.report.rowsRejected, label).toBeGreaterThan(0);
      }
    }
    // the FLOAT value column: 0.1 as its text reads it, not the float's own double
    const dir = tempDir();
    await duck([`COPY (SELECT 1 AS cust, 2.0::DOUBLE AS y, 0.1::FLOAT AS val) TO ${literal(join(dir, "f.parquet"))} (FORMAT parquet)`]);
    writeFileSync(join(dir, "f.yaml"), "name: f\nsource: f.parquet\ncolumns: { customer: cust, outcome: y, value: val }\noutcome: { type: amount }\n");
    expect(Array.from((await readDataset(join(dir, "f.yaml"))).data.value!)).toEqual([0.1]);
  });

  it("reads zstd-compressed CSV and names a gzip file given as plain csv", async () => {
    const dir = tempDir();
    const csv = join(dir, "src.csv");
    writeFileSync(csv, `${BAD}\n`);
    await duck([`COPY (SELECT * FROM ${textScan(csv)}) TO ${literal(join(dir, "t.csv.zst"))} (FORMAT csv, COMPRESSION zstd)`]);
    writeFileSync(join(dir, "z.yaml"), `source: t.csv.zst\n${TRIPS}`);
    const z = await readDataset(join(dir, "z.yaml"));
    const plain = await readDataset(writeDataset(dir, "p.csv", `${BAD}\n`, TRIPS, "p.yaml"));
    expect(z.report.compression).toBe("zstd");
    expect(z.data).toEqual(plain.data);
    expect(z.rejects).toEqual(plain.rejects);
    expect(z.report.warnings[0]).toMatch(/^the line of each rejected row is its data row plus the header line/);
    const gz = writeDataset(dir, "g.csv", gzipSync(`${BAD}\n`), `format: csv\n${TRIPS}`, "g.yaml");
    await expect(readDataset(gz)).rejects.toThrowError(/g\.csv: line 1: not valid UTF-8 text \(the file is gzip-compressed: name it \*\.gz or set compression: gzip\)/);
  });
});

describe("identifiers handled the way a careful user expects", () => {
  it("trims ids and levels by default, rejects blank ids, and keeps spaces with trim: false", async () => {
    const csv = "UserID,ItemID,Rating,TripType\n c001,h1,4,SOLO \nc001 ,h1,3,SOLO\n   ,h1,2,SOLO\nc002,\t,2,SOLO\n";
    for (const engine of ["auto", "stream"] as const) {
      const r = await readDataset(writeDataset(tempDir(), "t.csv", csv, TRIPS), { engine });
      expect(r.data.customerIds, engine).toEqual(["c001"]);
      expect(r.data.contexts[0]!.levels, engine).toEqual(["SOLO"]);
      expect(r.rejects.map((x) => [x.dataRow, x.reason, x.value]), engine).toEqual([
        [3, "missing customer", "   "],
        [4, "missing item", "\t"],
      ]);
      const raw = await readDataset(writeDataset(tempDir(), "t.csv", csv, `${TRIPS.replace('missing: [NA, ""]', "missing: [NA]")}trim: false\n`), { engine });
      expect(raw.data.customerIds, engine).toEqual([" c001", "c001 "]);
      expect(raw.rejects.map((x) => x.reason), engine).toEqual(["missing customer", "missing item"]);
    }
  });

  it("rejects NUL bytes in a field and refuses invalid UTF-8 naming its line, in csv as in json", async () => {
    const nul = await readDataset(writeDataset(tempDir(), "t.csv", "UserID,ItemID,Rating,TripType\nc1,h1,4,SOLO\nc\u00002,h1,4,SOLO\n", TRIPS));
    expect(nul.rejects.map((x) => [x.dataRow, x.line, x.column, x.value, x.reason, x.detail])).toEqual([[2, 3, "UserID", "c\\02", "invalid record", "expected text without NUL bytes"]]);
    const bad = Buffer.concat([Buffer.from("UserID,ItemID,Rating,TripType\nc1,h1,4,SOLO\nc2,h"), Buffer.from([0xff]), Buffer.from(",4,SOLO\n")]);
    await expect(readDataset(writeDataset(tempDir(), "t.csv", bad, TRIPS))).rejects.toThrowError(/t\.csv: line 3: not valid UTF-8 text$/);
    const yaml = "name: j\nformat: json\ncolumns: { customer: u, item: i, outcome: y }\noutcome: { type: binary }\n";
    await expect(readDataset(writeDataset(tempDir(), "t.json", Buffer.concat([Buffer.from('{"u": "'), Buffer.from([0xc3]), Buffer.from('", "i": 1, "y": 1}\n')]), yaml))).rejects.toThrowError(/not valid UTF-8/);
  });

  it("names the line where an unterminated quote opens", async () => {
    const csv = 'UserID,ItemID,Rating,TripType\nc1,h1,4,SOLO\nc2,"h1,4,SOLO\nc3,h1,4,SOLO\n';
    await expect(readDataset(writeDataset(tempDir(), "t.csv", csv, TRIPS))).rejects.toThrowError(/t\.csv: line 3: malformed CSV: a quoted field opens on line 3 \(or just after\) and is never closed$/);
  });

  it("reads JSON numeric ids as written by default: beyond 2^53 losslessly, 1.0 apart from 1, 1 the same as \"1\"", async () => {
    const yaml = "name: j\nformat: json\ncolumns: { customer: u, item: i, outcome: y }\noutcome: { type: binary }\n";
    const json = '{"u": 9007199254740993, "i": 1, "y": 1}\n{"u": 9007199254740992, "i": 1, "y": 0}\n{"u": "1", "i": 1.0, "y": 1}\n{"u": 1, "i": 1.5, "y": 1}\n{"meta": {"u": 7}, "u": 2e0, "i": -0.50, "y": 0}\n';
    const r = await readDataset(writeDataset(tempDir(), "t.json", json, yaml));
    expect(r.rejects).toEqual([]);
    expect([...r.data.customerIds].sort()).toEqual(["1", "2e0", "9007199254740992", "9007199254740993"]);
    expect([...r.data.itemIds].sort()).toEqual(["-0.50", "1", "1.0", "1.5"]);
  });

  it("with numericIds: by-value, rejects JSON numeric ids beyond 2^53 and non-integers, and 1.0, 1 and \"1\" are one id", async () => {
    const yaml = "name: j\nformat: json\nnumericIds: by-value\ncolumns: { customer: u, item: i, outcome: y }\noutcome: { type: binary }\n";
    const json = '{"u": 9007199254740993, "i": 1, "y": 1}\n{"u": 9007199254740992, "i": 1, "y": 0}\n{"u": "1", "i": 1.0, "y": 1}\n{"u": 1, "i": 1.5, "y": 1}\n';
    const r = await readDataset(writeDataset(tempDir(), "t.json", json, yaml));
    expect(r.rejects.map((x) => [x.dataRow, x.column, x.reason])).toEqual([
      [1, "u", "invalid record"],
      [2, "u", "invalid record"],
      [4, "i", "invalid record"],
    ]);
    expect(r.data.customerIds).toEqual(["1"]);
    expect(r.data.itemIds).toEqual(["1"]);
  });

  it("refuses numericIds outside format json", async () => {
    const yaml = "name: j\nformat: csv\nnumericIds: by-value\ncolumns: { customer: u, outcome: y }\noutcome: { type: binary }\n";
    await expect(readDataset(writeDataset(tempDir(), "t.csv", "u,y\na,1\n", yaml))).rejects.toThrowError(/numericIds.*applies only to format json/);
  });

  it("rejects amounts, values and outcomes too large to add up (1e308) with their row", async () => {
    const yaml = "name: a\nformat: csv\ncolumns: { customer: c, outcome: n, value: v }\noutcome: { type: amount }\n";
    const csv = "c,n,v\nc1,1,2.5\nc2,1,1e308\nc3,1e308,1\n";
    for (const engine of ["auto", "stream"] as const) {
      const r = await readDataset(writeDataset(tempDir(), "t.csv", csv, yaml), { engine });
      expect(r.rejects.map((x) => [x.dataRow, x.column, x.reason]), engine).toEqual([
        [2, "v", "invalid value"],
        [3, "n", "outcome out of range"],
      ]);
    }
  });
});

describe("other formats", () => {
  it("reads an xlsx sheet from a header row, with the worksheet row as line", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("notes").addRow(["nothing here"]);
    const ws = wb.addWorksheet("Data");
    ws.addRow(["exported 2024-01-01"]);
    ws.addRow(["UserID", "ItemID", "Rating", "When"]);
    ws.addRow(["c1", 10, 4, new Date(Date.UTC(2024, 0, 2, 3, 4, 5))]);
    ws.addRow(["c2", 11, 7, new Date(Date.UTC(2024, 0, 3))]);
    ws.addRow(["c3", 11, 2]);
    const dir = tempDir();
    await wb.xlsx.writeFile(join(dir, "book.xlsx"));
    writeFileSync(
      join(dir, "x.yaml"),
      "name: x\nsource: book.xlsx\nsheet: Data\nheaderRow: 2\ncolumns: { customer: UserID, item: ItemID, outcome: Rating, timestamp: When }\noutcome: { type: rating, min: 1, max: 5 }\ntimestamp: { format: iso }\n",
    );
    const r = await readDataset(join(dir, "x.yaml"));
    expect(r.data.customerIds).toEqual(["c1"]);
    expect(Array.from(r.data.timestamp!)).toEqual([Date.UTC(2024, 0, 2, 3, 4, 5)]);
    expect(r.rejects.map((x) => [x.dataRow, x.line, x.reason])).toEqual([
      [2, 4, "outcome out of range"],
      [3, 5, "missing timestamp"],
    ]);
    writeFileSync(join(dir, "y.yaml"), readFileSync(join(dir, "x.yaml"), "utf8").replace("sheet: Data", "sheet: Sheet9"));
    await expect(readDataset(join(dir, "y.yaml"))).rejects.toThrowError(/no worksheet "Sheet9"; the workbook has "notes", "Data"/);
  });

  it("reads timestamps in a declared pattern strictly", async () => {
    const yaml = "name: p\nformat: csv\ncolumns: { customer: c, outcome: y, timestamp: t }\noutcome: { type: binary }\ntimestamp: { format: \"dd/MM/yyyy HH:mm:ss\" }\n";
    const csv = "c,y,t\nc1,1,31/12/2023 23:59:58\nc2,0,30/02/2024 10:00:00\nc3,0,2024-01-01\n";
    const r = await readDataset(writeDataset(tempDir(), "t.csv", csv, yaml));
    expect(Array.from(r.data.timestamp!)).toEqual([Date.UTC(2023, 11, 31, 23, 59, 58)]);
    expect(r.rejects.map((x) => [x.dataRow, x.reason, x.detail])).toEqual([
      [2, "invalid timestamp", "expected a timestamp in format dd/MM/yyyy HH:mm:ss"],
      [3, "invalid timestamp", "expected a timestamp in format dd/MM/yyyy HH:mm:ss"],
    ]);
  });

  it("warns when a context level looks like an undeclared missing-value marker", async () => {
    const csv = "UserID,ItemID,Rating,TripType\nc1,h1,4,SOLO\nc2,h1,4,NULL\nc3,h1,4,N/A\n";
    const r = await readDataset(writeDataset(tempDir(), "t.csv", csv, TRIPS));
    expect(r.report.warnings).toEqual([
      'context companion: level "N/A" (1 rows), "NULL" (1 rows) looks like a missing-value marker but is kept as a level; if it means "not recorded", set missing: ["NA", "", "N/A", "NULL"]',
    ]);
  });
});


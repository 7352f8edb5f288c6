#!/usr/bin/env node
// What a user has elsewhere, on the same Parquet population as `irmlab bench --pipeline --from-parquet`,
// so that docs/scale.md can put IRM Lab's stages beside them in one measurement window:
//   DuckDB (@duckdb/node-api): read the Parquet file; per-customer aggregates (the SQL part of
//     ingest, profile fits and the bootstrap's sufficient statistics); write it as CSV for pandas
//   pandas (Debian's /usr/bin/python3, python3-pandas; no pyarrow, so from that CSV): read_csv,
//     then the same per-customer aggregates
//   scikit-learn SGDClassifier, one epoch, one-hot customer + item + contexts, the same row count
//     (src/node/bench/sklearn_sgd.py, as `irmlab bench` runs it)
// Usage: node scripts/bench-peers.mjs data/generated/bench-parquet-c30000-s1/interactions.parquet
// Prints one JSON document: CPU and wall seconds of each step (CPU counts every thread).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const parquet = process.argv[2];
if (!parquet) {
  process.stderr.write("usage: node scripts/bench-peers.mjs <interactions.parquet>\n");
  process.exit(2);
}
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const out = { parquet, loadAverageStart: loadavg() };
const dir = mkdtempSync(join(tmpdir(), "irmlab-peers-"));
try {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const step = async (name, sql) => {
    const c = cpu(), t = performance.now();
    const reader = await connection.runAndReadAll(sql);
    out[name] = { cpuSeconds: +(cpu() - c).toFixed(3), seconds: +((performance.now() - t) / 1000).toFixed(3) };
    return reader;
  };
  const rows = Number((await step("duckdbCount", `SELECT count(*) FROM read_parquet(${quote(parquet)})`)).getColumns()[0][0]);
  out.rows = rows;
  await step("duckdbReadAll", `CREATE TABLE t AS SELECT * FROM read_parquet(${quote(parquet)})`);
  await step("duckdbGroupByCustomer", "SELECT customer, count(*) AS n, sum(outcome) AS s, avg(value) AS v FROM t GROUP BY customer");
  const csv = join(dir, "interactions.csv");
  await step("duckdbWriteCsv", `COPY t TO ${quote(csv)} (HEADER)`);
  connection.closeSync();
  instance.closeSync();
  const pandas = [
    "import json, time, pandas as pd",
    "c = time.process_time(); t = time.perf_counter()",
    `df = pd.read_csv(${JSON.stringify(csv)}, dtype={"customer": str, "item": str})`,
    "r = {'pandasReadCsv': {'cpuSeconds': time.process_time() - c, 'seconds': time.perf_counter() - t}}",
    "c = time.process_time(); t = time.perf_counter()",
    "g = df.groupby('customer').agg(n=('outcome', 'size'), s=('outcome', 'sum'), v=('value', 'mean'))",
    "r['pandasGroupByCustomer'] = {'cpuSeconds': time.process_time() - c, 'seconds': time.perf_counter() - t}",
    "r['pandas'] = pd.__version__",
    "print(json.dumps(r))",
  ].join("\n");
  Object.assign(out, JSON.parse(execFileSync("/usr/bin/python3", ["-c", pandas], { encoding: "utf8", maxBuffer: 1 << 20 })));
  // one epoch of SGDClassifier on the same number of rows (customers and items as the population's)
  const sgd = execFileSync("/usr/bin/python3", ["src/node/bench/sklearn_sgd.py", String(rows), String(Math.round(rows / 34)), "100", "3", "4", "1"], { encoding: "utf8" });
  out.sklearnSgdEpoch = JSON.parse(sgd.trim().split("\n").pop());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
out.loadAverageEnd = loadavg();
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);

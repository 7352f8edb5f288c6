/**
 * Data loader for data/sweeps.json: every sweep under the sweeps root ($IRMLAB_SWEEPS or
 * data/sweeps), as heat-map cells and critical-difference ranks (aggregates only), sorted by id.
 * A missing root gives `{ sweeps: [] }` (a fresh clone has none); an unreadable sweep.json fails the build.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { siteSweep } from "../lib/site-summary/experiments/site-sweep.js";
import { parseSweepRecord } from "../lib/records/sweep-record.js";

try {
  const root = process.env.IRMLAB_SWEEPS ?? "data/sweeps";
  const dirs = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, "sweep.json"))).sort() : [];
  const sweeps = dirs.map((d) => {
    const path = join(root, d, "sweep.json");
    try {
      return siteSweep(parseSweepRecord(JSON.parse(readFileSync(path, "utf8")), path));
    } catch (error) {
      throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  });
  process.stderr.write(`sweeps.json: ${sweeps.length} sweeps from ${root}\n`);
  process.stdout.write(JSON.stringify({ schemaVersion: 1, sweeps }));
} catch (error) {
  process.stderr.write(`sweeps.json: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}

/**
 * Run reuse: an experiment is fitted once, and every later build (and every data loader of the same
 * build) reuses the complete run whose config, data and code hashes match. `irmlab experiment` goes
 * through the same ensureRun (fitting afresh unless --reuse), so a run made from the command line is
 * the one the next `npm run build` shows.
 *
 *   config file ─┬─ config hash (the validated config, as JSON)
 *                ├─ data hash   (the source file's bytes and the descriptor's, or the synthetic options)
 *                └─ code hash   (src/lib and src/node but the site's own code, and the lockfile)
 *                   └─► key ─► <runs>/.reuse/<key>.json names the run ─► complete? reuse : run, then record
 *
 * The index lives in a dot-folder of the runs root, which the run store ignores. A lock folder per key
 * makes concurrent loaders of one build wait for the first one's fit instead of fitting twice.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { ExperimentConfig } from "../../lib/config/experiment-config.js";
import { readExperimentConfig } from "./read-experiment-config.js";
import { readRun, type StoredRun } from "./run-store.js";
import { writeFileAtomic } from "../write-file-atomic.js";

/** The checkout this module belongs to (src/node/run/ → the project root). */
const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The three hashes that decide whether a stored run can be shown for a config. */
export interface ReuseKey {
  readonly configHash: string;
  readonly dataHash: string;
  readonly codeHash: string;
  /** sha256 of the three: the index file's name. */
  readonly key: string;
}

const sha256 = (...parts: (string | Buffer)[]): string => {
  const hash = createHash("sha256");
  for (const p of parts) hash.update(p).update("\0");
  return hash.digest("hex");
};

/** Files under `dir` (recursive), sorted, relative to `root`. */
function filesUnder(root: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(root, join(dir, e.name)) : [relative(root, join(dir, e.name))]))
    .sort();
}

/**
 * sha256 over the code that computes a run: every file under src/lib and src/node (names and bytes)
 * except the site's own summaries and loaders (src/lib/site-summary, src/node/site: they read runs, never
 * change them), and package-lock.json. A content hash rather than the git commit, so an uncommitted
 * change to the modelling code refits.
 * @param projectRoot folder holding src/ and package-lock.json; default this checkout's (not the
 *   working directory: the CLI and the site's loaders must agree wherever they are started)
 */
export function codeHash(projectRoot = PROJECT_ROOT): string {
  const root = resolve(projectRoot);
  const siteOnly = (f: string): boolean => f.startsWith(join("src", "lib", "site-summary")) || f.startsWith(join("src", "node", "site"));
  const files = [...filesUnder(root, join(root, "src/lib")), ...filesUnder(root, join(root, "src/node")), "package-lock.json"].filter((f) => !siteOnly(f));
  const hash = createHash("sha256");
  for (const f of files) {
    const path = join(root, f);
    if (!existsSync(path)) continue;
    hash.update(f).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

/** The config file parsed and validated (the experiment runner's own reader, quiet). */
export async function readConfig(configPath: string): Promise<{ config: ExperimentConfig; raw: unknown }> {
  return readExperimentConfig(configPath, { quiet: true });
}

/** Absolute path of the data file a descriptor names, and the descriptor's own path (null for synthetic data). */
export function dataFiles(config: ExperimentConfig, configPath: string): { descriptor: string; source: string } | null {
  if (config.dataset.kind !== "descriptor") return null;
  const descriptor = resolve(dirname(configPath), config.dataset.descriptor);
  const raw = parseYaml(readFileSync(descriptor, "utf8")) as { source?: unknown };
  if (typeof raw.source !== "string") throw new Error(`${descriptor}: key "source" must be a file path, received ${JSON.stringify(raw.source)}`);
  return { descriptor, source: resolve(dirname(descriptor), raw.source) };
}

/**
 * The reuse key of a config: its hashes of config, data and code.
 * @throws Error naming the file when the descriptor or its source cannot be read
 */
export function reuseKey(config: ExperimentConfig, configPath: string, code: string): ReuseKey {
  const configHash = sha256(JSON.stringify(config));
  const files = dataFiles(config, configPath);
  const dataHash = files ? sha256(readFileSync(files.descriptor), readFileSync(files.source)) : sha256("synthetic", JSON.stringify(config.dataset));
  return { configHash, dataHash, codeHash: code, key: sha256(configHash, dataHash, code) };
}

/** The complete run the index names for `key`, or null (no entry, or the run was removed or is incomplete). */
export async function findReusableRun(runsRoot: string, key: ReuseKey): Promise<StoredRun | null> {
  const entry = join(resolve(runsRoot), ".reuse", `${key.key}.json`);
  if (!existsSync(entry)) return null;
  const { runId } = JSON.parse(await readFile(entry, "utf8")) as { runId: string };
  const dir = join(resolve(runsRoot), runId);
  if (!existsSync(join(dir, "run.json"))) return null;
  try {
    return await readRun(dir);
  } catch {
    return null;
  }
}

/** Records that `runId` is the run for `key`. */
export async function recordReuse(runsRoot: string, key: ReuseKey, runId: string): Promise<void> {
  const dir = join(resolve(runsRoot), ".reuse");
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, `${key.key}.json`), `${JSON.stringify({ runId, configHash: key.configHash, dataHash: key.dataHash, codeHash: key.codeHash })}\n`);
}

/** Holds a lock folder while `work` runs; waits while another live process holds it. */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      const pidFile = join(lockDir, "pid");
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : NaN;
      const stale = Number.isInteger(pid) ? !isAlive(pid) : Date.now() - statSync(lockDir).mtimeMs > 60_000;
      if (stale) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await writeFileAtomic(join(lockDir, "pid"), String(process.pid));
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link ensureRun}. */
export interface EnsureRunOptions {
  /** Code hash; default {@link codeHash} of the working directory. */
  readonly code?: string;
  /** Called with a line when a run is reused or fitted. */
  readonly log?: (line: string) => void;
  /** Whether a recorded run may be reused. Default true (the site); `irmlab experiment` fits afresh unless --reuse. */
  readonly reuse?: boolean;
  /** Overrides the config's seed (part of the config hash). */
  readonly seed?: number;
  /** No progress output while fitting. Default true. */
  readonly quiet?: boolean;
}

/**
 * The complete run of `configPath` in `runsRoot`: reused when config, data and code hashes match a
 * recorded run (unless `reuse` is false), else run once (under a lock, so concurrent callers wait and
 * reuse) and recorded, so that the next caller with the same hashes reuses it.
 * @returns the stored run and whether it was reused
 */
export async function ensureRun(configPath: string, runsRoot: string, options: EnsureRunOptions = {}): Promise<StoredRun & { reused: boolean }> {
  const quiet = options.quiet ?? true;
  const { config, raw } = await readExperimentConfig(configPath, { quiet, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const key = reuseKey(config, configPath, options.code ?? codeHash());
  const log = options.log ?? (() => undefined);
  const fit = async (): Promise<StoredRun & { reused: boolean }> => {
    // loaded only when fitting: a build that reuses every run never loads the modelling code
    const { runParsedExperiment } = await import("./run-experiment.js");
    const result = await runParsedExperiment(config, configPath, raw, { out: runsRoot, quiet });
    await recordReuse(runsRoot, key, result.run.runId);
    return { ...(await readRun(result.dir)), reused: false };
  };
  // asked to fit afresh: no lock (two such commands are two runs; the later one is recorded)
  if (options.reuse === false) return fit();
  const found = await findReusableRun(runsRoot, key);
  if (found) {
    log(`${configPath}: reusing run ${found.run.runId} (config, data and code hashes match)`);
    return { ...found, reused: true };
  }
  return withLock(join(resolve(runsRoot), ".reuse", `${key.key}.lock`), async () => {
    const again = await findReusableRun(runsRoot, key);
    if (again) {
      log(`${configPath}: reusing run ${again.run.runId}, fitted by another loader of this build`);
      return { ...again, reused: true };
    }
    log(`${configPath}: no complete run with these config, data and code hashes: running it`);
    return fit();
  });
}

import { spawn } from "node:child_process";
import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";

export interface BuildSiteOptions {
  /** Runs root the data loaders read (IRMLAB_RUNS), relative to the project root or absolute. */
  readonly runsRoot: string;
  /** Sweeps root (IRMLAB_SWEEPS). Default: a folder that does not exist, as on a fresh clone. */
  readonly sweepsRoot?: string;
  /** Output folder (IRMLAB_SITE_OUT), inside the project so Framework may clear it. Default "test-output/site". */
  readonly outDir?: string;
}

export interface BuiltSite {
  /** Absolute path of the built site. */
  readonly outDir: string;
  /** Wall-clock seconds of the build. */
  readonly seconds: number;
  /** The build's stdout and stderr. */
  readonly log: string;
}

/**
 * Builds the site with `observable build` from a clean loader cache (Framework reruns a loader only
 * when its cached output is missing, so a stale cache would publish an old run). Framework's own
 * bundles in the cache (_observablehq, _npm, _node) are kept: they depend on the lockfile only.
 * @param options see {@link BuildSiteOptions}
 * @throws Error with the build log when the build exits non-zero
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  const outDir = options.outDir ?? "test-output/site";
  await clearLoaderCache(resolve("src/.observablehq/cache"));
  const started = performance.now();
  const bin = resolve("node_modules/@observablehq/framework/dist/bin/observable.js");
  const child = spawn(process.execPath, [bin, "build"], {
    // The what-if loader's fallback run goes to one shared test folder (never into a fixture), reused by later builds.
    env: { IRMLAB_WHATIF_OUT: resolve("test-output/whatif-runs"), ...process.env, IRMLAB_RUNS: options.runsRoot, IRMLAB_SWEEPS: options.sweepsRoot ?? "test-output/no-sweeps", IRMLAB_SITE_OUT: outDir, OBSERVABLE_TELEMETRY_DISABLE: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (b: Buffer) => (log += b.toString()));
  child.stderr.on("data", (b: Buffer) => (log += b.toString()));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  if (code !== 0) throw new Error(`observable build exited with ${code}:\n${log.slice(-4000)}`);
  return { outDir: resolve(outDir), seconds: (performance.now() - started) / 1000, log };
}

/** Removes every data-loader output from Framework's cache; keeps its "_"-prefixed bundle folders. */
async function clearLoaderCache(cache: string): Promise<void> {
  const entries = await readdir(cache).catch(() => [] as string[]);
  await Promise.all(entries.filter((name) => !name.startsWith("_")).map((name) => rm(join(cache, name), { recursive: true, force: true })));
}

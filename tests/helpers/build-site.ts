import { spawn } from "node:child_process";
import { delimiter, join, resolve } from "node:path";
import { fixBuiltSite } from "../../src/node/site/accessible-html.js";
import { prepareFrameworkCache } from "../../src/node/site/framework-cache.js";

/** The project whose Framework and packages build the site (the tests run from its root). */
const PROJECT = resolve(".");

export interface BuildSiteOptions {
  /** Runs root the data loaders read (IRMLAB_RUNS), relative to the folder built or absolute. */
  readonly runsRoot: string;
  /** Sweeps root (IRMLAB_SWEEPS). Default: a folder that does not exist, as on a fresh clone. */
  readonly sweepsRoot?: string;
  /** Output folder (IRMLAB_SITE_OUT), inside the folder built so Framework may clear it. Default "test-output/site". */
  readonly outDir?: string;
  /** Study file (IRMLAB_STUDY). Default the small test study tests/fixtures/site/study.yaml (both synthetic worlds), never the committed one. */
  readonly study?: string;
  /** Build with the network namespace removed (`unshare -n`, needs root). */
  readonly offline?: boolean;
  /**
   * The folder to build: a project (src/, observablehq.config.ts) whose relative paths above resolve
   * against it, e.g. a copy with its own loader cache. Default the project itself.
   */
  readonly cwd?: string;
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
 * Builds the site with `observable build` as scripts/build-site.mjs does: from a clean loader cache
 * with Framework's npm versions pinned (src/node/site/framework-cache.ts), then the page shell's
 * accessibility fixes (src/node/site/accessible-html.ts).
 * @param options see {@link BuildSiteOptions}
 * @throws Error with the build log when the build exits non-zero
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  const cwd = resolve(options.cwd ?? PROJECT);
  const outDir = options.outDir ?? "test-output/site";
  prepareFrameworkCache(cwd);
  const started = performance.now();
  const bin = join(PROJECT, "node_modules/@observablehq/framework/dist/bin/observable.js");
  const [command, args] = options.offline ? ["unshare", ["-n", process.execPath, bin, "build"]] : [process.execPath, [bin, "build"]];
  const PATH = `${join(PROJECT, "node_modules/.bin")}${delimiter}${process.env.PATH ?? ""}`;
  const child = spawn(command, args, {
    cwd,
    // The what-if loader's fallback run goes to one shared test folder (never into a fixture), reused by later builds.
    env: {
      IRMLAB_WHATIF_OUT: join(PROJECT, "test-output/whatif-runs"),
      ...process.env,
      PATH,
      // relative paths resolve against the folder built (the child's working directory)
      IRMLAB_RUNS: options.runsRoot,
      IRMLAB_STUDY: options.study ?? "tests/fixtures/site/study.yaml",
      IRMLAB_SWEEPS: options.sweepsRoot ?? "test-output/no-sweeps",
      IRMLAB_SITE_OUT: outDir,
      OBSERVABLE_TELEMETRY_DISABLE: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (b: Buffer) => (log += b.toString()));
  child.stderr.on("data", (b: Buffer) => (log += b.toString()));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  if (code !== 0) throw new Error(`observable build exited with ${code}:\n${log.slice(-4000)}`);
  fixBuiltSite(resolve(cwd, outDir));
  return { outDir: resolve(cwd, outDir), seconds: (performance.now() - started) / 1000, log };
}

/**
 * What every per-dataset data loader (src/data/datasets/[dataset]/*) starts from: its route
 * parameter, the dataset section it names, and that section's complete run (reused from the run
 * store when config, data and code hashes match, else run once: see reuse-run.ts).
 */
import { readRun, type StoredRun } from "../run/run-store.js";
import { ensureRun } from "../run/reuse-run.js";
import { runsRoot, siteDatasets, type SiteDataset } from "./site-datasets.js";
import { datasetIdentity, type DatasetIdentity } from "../../lib/site-summary/dataset-identity.js";
import { buildSiteSummary } from "../../lib/site-summary/site-summary.js";
import type { SiteSummary } from "../../lib/site-summary/site-summary-types.js";

/** The minimum customers of a published cell: $IRMLAB_MIN_CELL, default 10. */
export const minCellCustomers = (): number => Number(process.env.IRMLAB_MIN_CELL ?? 10);

/**
 * The value of `--<name> <value>` (or `--<name>=<value>`) in a loader's arguments: Framework passes
 * route parameters that way.
 * @throws Error when the parameter is absent
 */
export function routeParam(name: string, argv: readonly string[] = process.argv): string {
  for (const [i, arg] of argv.entries()) {
    if (arg === `--${name}` && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  throw new Error(`expected the route parameter --${name} <value> in the loader's arguments, received ${JSON.stringify(argv.slice(2))}`);
}

/** A dataset section and its complete run. */
export interface SiteRun extends StoredRun {
  readonly dataset: SiteDataset;
}

/**
 * The run shown in the dataset section `slug`.
 * @throws Error naming the slug and the sections there are, when none has that slug
 */
export async function siteRun(slug: string, log: (line: string) => void = () => undefined): Promise<SiteRun> {
  const { datasets } = await siteDatasets();
  const dataset = datasets.find((d) => d.slug === slug);
  if (!dataset) throw new Error(`no dataset section "${slug}"; the site has ${datasets.map((d) => d.slug).join(", ") || "none"}`);
  const stored = dataset.configPath ? await ensureRun(dataset.configPath, runsRoot(), { log }) : await readRun(dataset.runDir!);
  return { ...stored, dataset };
}

/**
 * Runs a data loader body: writes its result to stdout (JSON unless bytes), logs to stderr with the
 * loader's name, and exits non-zero on failure so that the build fails.
 */
export async function runLoader(name: string, body: (log: (line: string) => void) => Promise<unknown>): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`${name}: ${line}\n`);
  try {
    const out = await body(log);
    process.stdout.write(out instanceof Uint8Array ? out : JSON.stringify(out));
  } catch (error) {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}

/**
 * The publishable site summary of the dataset section `slug` (small cells suppressed, their level
 * names pooled) and the dataset's identity: what the summary, explorer and comparison loaders publish.
 * @param slug the section's route segment
 * @param log the loader's log
 */
export async function siteSummary(slug: string, log: (line: string) => void = () => undefined): Promise<{ summary: SiteSummary; identity: DatasetIdentity }> {
  const { run, metrics, dataset } = await siteRun(slug, log);
  const summary = buildSiteSummary(run, metrics, { minCellCustomers: minCellCustomers() });
  return { summary, identity: datasetIdentity(run, slug, dataset.configPath ? "study" : "user") };
}

/**
 * Which datasets the site publishes, one section each (src/datasets/[dataset]/):
 *   - every experiment of the study (data/experiments/study.yaml, or $IRMLAB_STUDY) whose data exists
 *     (a real dataset whose source file is absent is skipped, with the reason shown on the front page);
 *   - every other complete run in the run store (the user's own `irmlab experiment my.yaml`), the newest
 *     per config name; sweep cells and the study's own runs are not listed twice.
 * The route segment (slug) of each is its config name, made URL-safe.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { listRuns } from "../run/run-store.js";
import { parseRunRecord, type RunRecord } from "../../lib/records/run-record.js";
import { dataFiles, readConfig } from "../run/reuse-run.js";

/** One dataset section of the site. */
export interface SiteDataset {
  /** URL segment: /datasets/<slug>/. */
  readonly slug: string;
  /** The study config that produces its run (relative to the project root), or null for a user's own run. */
  readonly configPath: string | null;
  /** A user's own run folder (absolute; never published), or null for a study experiment. */
  readonly runDir: string | null;
  /** Sidebar label: "Synthetic, context strength 1", the dataset's name, or "<dataset> (your run <config>)". */
  readonly label: string;
  /** Whether its run measures relationship value (the config has `value:`), so the section has a value page. */
  readonly hasValue: boolean;
}

/** The sidebar label of a config's dataset. */
function labelOf(config: { name: string; dataset: { kind: string; options?: Readonly<Record<string, unknown>>; descriptor?: string } }, descriptorName: string | null): string {
  if (config.dataset.kind === "synthetic") return `Synthetic, context strength ${String(config.dataset.options?.contextStrength ?? 1)}`;
  return descriptorName ?? config.name;
}

/** A study experiment the site could not show, and why. */
export interface SkippedDataset {
  readonly name: string;
  readonly reason: string;
}

/** The study file: $IRMLAB_STUDY or data/experiments/study.yaml. */
export const studyPath = (): string => process.env.IRMLAB_STUDY ?? "data/experiments/study.yaml";
/** The runs root: $IRMLAB_RUNS or data/runs. */
export const runsRoot = (): string => process.env.IRMLAB_RUNS ?? "data/runs";

/** A URL-safe route segment from a config name. */
export function slugOf(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug === "" ? "dataset" : slug;
}

/**
 * The study's experiment config paths (relative to the project root), in the study's order.
 * @throws Error naming the file and key when the study is not a mapping with a list `experiments`
 */
export function readStudy(path: string): string[] {
  const raw = parseYaml(readFileSync(path, "utf8")) as { experiments?: unknown } | null;
  if (!raw || !Array.isArray(raw.experiments) || raw.experiments.some((e) => typeof e !== "string")) {
    throw new Error(`${path}: key "experiments" must be a list of experiment config paths (relative to the study file), received ${JSON.stringify(raw?.experiments)}`);
  }
  return (raw.experiments as string[]).map((e) => relative(process.cwd(), resolve(dirname(path), e)));
}

/** Whether a run's value.json exists and is of the kind the value page reads (irmlab-value/2). */
function hasCurrentValue(file: string): boolean {
  if (!existsSync(file)) return false;
  const raw = JSON.parse(readFileSync(file, "utf8")) as { kind?: string; value?: { kind?: string } };
  return (raw.kind ?? raw.value?.kind) === "irmlab-value/2";
}

/**
 * Every dataset section, study experiments first, then the user's own runs (newest per config name).
 * @param study the study file
 * @param root the runs root
 */
export async function siteDatasets(study = studyPath(), root = runsRoot()): Promise<{ datasets: SiteDataset[]; skipped: SkippedDataset[] }> {
  const datasets: SiteDataset[] = [];
  const skipped: SkippedDataset[] = [];
  const studyConfigs = new Set<string>();
  for (const configPath of readStudy(study)) {
    const { config } = await readConfig(configPath);
    studyConfigs.add(resolve(configPath));
    const files = dataFiles(config, configPath);
    if (files && !existsSync(files.source)) {
      skipped.push({ name: config.name, reason: `its data file is not on this machine (${relative(process.cwd(), files.source)})` });
      continue;
    }
    const descriptorName = files ? ((parseYaml(readFileSync(files.descriptor, "utf8")) as { name?: string }).name ?? null) : null;
    datasets.push({ slug: slugOf(config.name), configPath, runDir: null, label: labelOf(config, descriptorName), hasValue: config.value !== null && config.value !== undefined });
  }
  const taken = new Set(datasets.map((d) => d.slug));
  for (const listing of await listRuns(root)) {
    const file = join(listing.dir, "run.json");
    const run = parseRunRecord(JSON.parse(readFileSync(file, "utf8")), file);
    if (run.sweep) continue;
    // the study's own runs (fitted by a build or by `irmlab experiment <study config>`) have their section
    if (run.configPath && studyConfigs.has(resolve(run.configPath))) continue;
    const name = typeof run.config.name === "string" ? run.config.name : run.runId;
    let slug = slugOf(name);
    if (taken.has(slug)) {
      if (datasets.some((d) => d.slug === slug && d.runDir !== null)) continue; // an older run of the same config
      slug = `${slug}-run`;
      if (taken.has(slug)) continue;
    }
    taken.add(slug);
    const label = run.dataset.synthetic ? `Synthetic (your run ${name})` : `${run.dataset.name} (your run ${name})`;
    datasets.push({ slug, configPath: null, runDir: listing.dir, label, hasValue: hasCurrentValue(join(listing.dir, "value.json")) });
  }
  return { datasets, skipped };
}

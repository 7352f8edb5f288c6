/**
 * The config of an experiment from its file: a YAML experiment config, or a dataset descriptor (run
 * with the default protocol). One reader for `irmlab experiment`, sweeps and the site's run reuse, so
 * that all three key a run on the same validated config.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseExperimentConfig, type ExperimentConfig } from "../../lib/config/experiment-config.js";
import { parseDescriptor } from "../descriptor/parse-descriptor.js";

/**
 * The validated config of `configPath` (seed overridden when asked) and the document it came from.
 * @param options.seed overrides the config's seed
 * @param options.quiet no note on stderr when the file is a descriptor
 * @throws Error naming the file (unreadable, not YAML, not a valid config or descriptor)
 */
export async function readExperimentConfig(configPath: string, options: { readonly seed?: number; readonly quiet?: boolean } = {}): Promise<{ config: ExperimentConfig; raw: unknown }> {
  let raw = await readYaml(configPath);
  const doc = raw;
  if (isDescriptor(doc)) {
    // validate it as a descriptor here, so a typo ("colums:") is reported as a descriptor error, not as a bad config
    try {
      parseDescriptor(doc, configPath);
    } catch (error) {
      throw new Error(`${configPath} looks like a dataset descriptor (it has ${DESCRIPTOR_KEYS.filter((k) => k in doc).join(", ")}) but is not a valid one: ${(error as Error).message}`, { cause: error });
    }
    raw = descriptorProtocol(doc, configPath);
    if (!options.quiet) process.stderr.write(`${configPath} is a dataset descriptor: running the default protocol on it (${JSON.stringify(raw)})\n`);
  }
  const parsed = parseExperimentConfig(raw, configPath);
  return { config: options.seed === undefined ? parsed : { ...parsed, seed: options.seed }, raw };
}

/** Keys that only a dataset descriptor has (a config names its data under `dataset`). */
const DESCRIPTOR_KEYS = ["source", "columns", "format", "outcome", "context"] as const;

function isDescriptor(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || "models" in raw || "dataset" in raw) return false;
  return DESCRIPTOR_KEYS.some((k) => k in raw);
}

/**
 * The YAML document at `path`.
 * @throws Error naming the file when it cannot be read or is not valid YAML
 */
export async function readYaml(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true }) as unknown;
  } catch (error) {
    throw new Error(`${path}: not valid YAML: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
}

/** The default protocol on one dataset: profile models and two learned models, context-profile vs customer-profile (`irmlab experiment --help` prints it). */
export const DESCRIPTOR_PROTOCOL = Object.freeze({
  seed: 42,
  split: Object.freeze({ kind: "auto", testFraction: 0.2 }),
  models: Object.freeze(["popularity", "customer-profile", "context-profile", "mf", "camf"]),
  compare: Object.freeze({ irm: "context-profile", crm: "customer-profile" }),
  bootstrap: Object.freeze({ resamples: 1000, level: 0.95 }),
});

function descriptorProtocol(descriptor: Record<string, unknown>, path: string): Record<string, unknown> {
  const name = typeof descriptor.name === "string" && /^[A-Za-z0-9._-]+$/.test(descriptor.name) ? descriptor.name : "dataset";
  return { name, ...DESCRIPTOR_PROTOCOL, dataset: { descriptor: basename(path) } };
}

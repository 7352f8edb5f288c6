import { InvalidArgumentError, type Command } from "commander";
import { DEFAULT_SYNTHETIC_OPTIONS, JOURNEY_MODES, type JourneyMode, type SyntheticOptions } from "../../src/lib/synthetic/synthetic-options.js";

const D = DEFAULT_SYNTHETIC_OPTIONS;

/** Options the command takes directly; every other generator option goes through --set. */
const DIRECT = ["customers", "items", "contextStrength", "latentDim", "prospectShare", "weeks", "calibrationWeeks", "start", "acceptanceRate", "journeys"];

const number = (flag: string) => (raw: string): number => {
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v)) throw new InvalidArgumentError(`${flag} must be a number, got "${raw}"`);
  return v;
};

const setting = (raw: string, previous: Record<string, number> = {}): Record<string, number> => {
  const m = /^([A-Za-z]+)=(.+)$/.exec(raw);
  if (!m) throw new InvalidArgumentError(`--set expects key=value (e.g. dormancyRate=0.05), got "${raw}"`);
  const [, key, value] = m as unknown as [string, string, string];
  if (!Object.hasOwn(D, key) || key === "seed" || key === "start" || key === "journeys") {
    throw new InvalidArgumentError(`--set: unknown generator option "${key}"; options are ${Object.keys(D).filter((k) => k !== "seed" && k !== "start" && k !== "journeys").join(", ")}`);
  }
  const v = Number(value);
  if (!Number.isFinite(v)) throw new InvalidArgumentError(`--set ${key} must be a number, got "${value}"`);
  return { ...previous, [key]: v };
};

const journeyMode = (raw: string): JourneyMode => {
  if (!(JOURNEY_MODES as readonly string[]).includes(raw)) throw new InvalidArgumentError(`--journeys must be one of ${JOURNEY_MODES.join(", ")}, got "${raw}"`);
  return raw as JourneyMode;
};

interface GenerateFlags {
  customers: number;
  seed: number;
  contextStrength: number;
  items: number;
  latentDim: number;
  prospectShare: number;
  weeks: number;
  calibrationWeeks: number;
  start: string;
  acceptanceRate: number;
  journeys: JourneyMode;
  set?: Record<string, number>;
  out?: string;
  name?: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** `irmlab generate`: write a seeded synthetic population with known ground truth to a dataset folder. */
export function register(program: Command): void {
  const advanced = Object.entries(D)
    .filter(([k]) => !DIRECT.includes(k) && k !== "seed")
    .map(([k, v]) => `  ${k.padEnd(20)} default ${typeof v === "number" ? Number(v.toPrecision(6)) : v}`)
    .join("\n");
  program
    .command("generate")
    .description("generate the synthetic population (known ground truth) as a dataset folder: interactions.csv, customers.csv, journey.csv, dataset.yaml, parameters.json")
    .option("--customers <n>", "number of customers", number("--customers"), D.customers)
    .option("--seed <s>", "seed of every random draw (same seed, same data)", number("--seed"), 1)
    .option("--context-strength <x>", "how much context matters: 0 = not at all (CRM is right), 1 = as much as the stable profile", number("--context-strength"), D.contextStrength)
    .option("--items <m>", "number of items (offers)", number("--items"), D.items)
    .option("--latent-dim <d>", "dimension of the latent taste vectors", number("--latent-dim"), D.latentDim)
    .option("--prospect-share <x>", "share of customers who never buy", number("--prospect-share"), D.prospectShare)
    .option("--weeks <w>", "length of the observation period in weeks", number("--weeks"), D.weeks)
    .option("--calibration-weeks <w>", "end of the calibration period in weeks (customers enter before it)", number("--calibration-weeks"), D.calibrationWeeks)
    .option("--start <date>", "ISO 8601 UTC start of the observation period", D.start)
    .option("--acceptance-rate <x>", "mean probability that an active customer accepts an offer", number("--acceptance-rate"), D.acceptanceRate)
    .option("--journeys <mode>", `lifecycles: ${JOURNEY_MODES.join(" or ")} ("funnel": nobody comes back, every journey follows the linear funnel with exits)`, journeyMode, D.journeys)
    .option("--set <key=value>", "any other generator option (repeatable; see below)", setting)
    .option("--out <folder>", "output folder (default data/generated/synthetic-s<seed>-c<customers>-k<strength>)")
    .option("--name <name>", "dataset name in dataset.yaml (default: the folder's name)")
    .option("--force", "replace the output folder if it exists (default: refuse)")
    .option("--quiet", "no progress bars on stderr")
    .option("--json", "print one JSON document (folder and population summary) and nothing else on stdout")
    .addHelpText(
      "after",
      `
Other generator options (--set key=value):
${advanced}

The folder is written to a temporary sibling and renamed when complete. dataset.yaml describes
interactions.csv for the normal ingest path (columns.truth names the ground-truth column).

Example:
  irmlab generate --customers 2000 --seed 1 --context-strength 0.5 --set dormancyRate=0.05`,
    )
    .action(async (flags: GenerateFlags) => {
      const { createRng } = await import("../../src/lib/random/rng.js");
      const { generatePopulation } = await import("../../src/lib/synthetic/generate-population.js");
      const { writePopulationFolder, defaultDatasetName, assertDatasetName } = await import("../../src/node/synthetic/write-population.js");
      const { startProgress } = await import("../../src/node/progress.js");
      const { basename } = await import("node:path");
      const options: SyntheticOptions = {
        ...flags.set,
        seed: flags.seed,
        customers: flags.customers,
        items: flags.items,
        contextStrength: flags.contextStrength,
        latentDim: flags.latentDim,
        prospectShare: flags.prospectShare,
        weeks: flags.weeks,
        calibrationWeeks: flags.calibrationWeeks,
        start: flags.start,
        acceptanceRate: flags.acceptanceRate,
        journeys: flags.journeys,
      };
      const out = flags.out ?? `data/generated/${defaultDatasetName(flags.seed, flags.customers, flags.contextStrength, flags.journeys)}`;
      const name = flags.name ?? basename(out);
      assertDatasetName(name);
      const started = performance.now();
      const quiet = Boolean(flags.quiet);
      const genProgress = startProgress("generate population", { quiet });
      const population = generatePopulation(options, createRng(flags.seed), (f) => genProgress.update(f));
      genProgress.done();
      const writeProgress = startProgress(`write ${out}`, { quiet });
      await writePopulationFolder(population, out, { name, force: Boolean(flags.force), onProgress: (f) => writeProgress.update(f) });
      writeProgress.done();
      const s = population.parameters.summary;
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ out, name, seed: flags.seed, contextStrength: options.contextStrength, summary: s, seconds }, null, 2)}\n`);
        return;
      }
      const { formatCount, formatDuration, formatPercent } = await import("../../src/lib/format/index.js");
      process.stdout.write(
        `${out}\n${formatCount(s.rows)} rows, ${formatCount(s.customers)} customers (${formatCount(s.prospects)} prospects, ${formatCount(s.buyers)} buyers), ${formatCount(s.items)} items, ` +
          `${formatCount(s.purchases)} purchases (${formatPercent(s.acceptanceShare)} of offers), contextStrength ${options.contextStrength}, seed ${flags.seed}, ${formatDuration(seconds)}\n`,
      );
    });
}

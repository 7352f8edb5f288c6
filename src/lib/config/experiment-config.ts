import { GLOBAL_MEAN } from "../models/baseline/global-mean.js";
import { modelNames } from "../models/registry.js";
import { DEFAULT_CANDIDATES, DEFAULT_GRID, type SelectConfig } from "../selection/select-models.js";
import { isMetricName, METRICS, type MetricName } from "../evaluation/metric-names.js";
import { DEFAULT_MIN_CUSTOMERS } from "../evaluation/cell-inference.js";
import { DEFAULT_SMALL_CELL } from "../evaluation/small-cell.js";
import { MAX_EXACT_SIGN_FLIP } from "../stats/sign-flip.js";
import { DEFAULT_EQUIVALENCE, type EquivalenceRule } from "../evaluation/evaluate.js";
import { DEFAULT_RANKING_CANDIDATES, RANKING_CANDIDATES, type RankingCandidates } from "../evaluation/ranking.js";
import { parseSplitConfig, type SplitConfig } from "./split-config.js";
import { DEFAULT_SYNTHETIC_OPTIONS, JOURNEY_MODES } from "../synthetic/synthetic-options.js";
import { at, checkArray, checkBoolean, checkIsoDate, checkNumber, checkObject, checkOneOf, checkString, fail, type Where } from "./checks.js";

/** A validated experiment config (data/experiments/*.yaml). */
export interface ExperimentConfig {
  /** Short name, used in run ids. */
  readonly name: string;
  /** Seed of the split, the fits and the bootstrap. */
  readonly seed: number;
  readonly dataset: DatasetRef;
  /** How rows become train/test folds; every model is scored on the same folds. */
  readonly split: SplitConfig;
  /** The models fitted, in config order; `global-mean` (the baseline) is appended when the config omits it. */
  readonly models: readonly { readonly name: string; readonly params: Readonly<Record<string, unknown>> }[];
  /** The headline comparison: an IRM model and a CRM model from `models`. With `select`, "auto" until selection resolves it. */
  readonly compare: { readonly irm: string; readonly crm: string };
  /**
   * `models: auto` (or a `select:` block): the run chooses the best CRM and the best IRM model on its
   * training rows (src/lib/selection/select-models.ts) and fits those and the baseline; null: the
   * config's own models and compare. Default null.
   */
  readonly select?: SelectConfig | null;
  /** Metrics to compare; default: all metrics of the outcome type. */
  readonly metrics: readonly MetricName[] | null;
  /** Customer bootstrap; level also sets the significance of claims (alpha = 1 − level). method: percentile | bca. */
  readonly bootstrap: { readonly resamples: number; readonly level: number; readonly method?: "percentile" | "bca" };
  /**
   * Full-catalogue ranking per (customer, context) at each K; null = no ranking. Default null.
   * candidates: "all" (every item, repeats included) or "exclude-train-positives" (the customer's
   * training positives leave both the candidates and the relevant set); default "all".
   */
  readonly ranking?: { readonly ks: readonly number[]; readonly threshold: number | null; readonly candidates?: RankingCandidates } | null;
  /**
   * Cells with fewer than minCustomers customers get metrics but no CI, p-value or claim; cells with
   * fewer than signFlipBelow get a customer sign-flip permutation (all 2^customers flips up to
   * exactSignFlipUpTo customers) and its inverted interval instead of the bootstrap.
   * Default { minCustomers: 20, signFlipBelow: 50, exactSignFlipUpTo: 20 }.
   */
  readonly inference?: { readonly minCustomers: number; readonly signFlipBelow?: number; readonly exactSignFlipUpTo?: number };
  /**
   * Practical-equivalence margin of every comparison: `margin` × |CRM model's overall metric|
   * (scale "relative") or `margin` metric units ("absolute"). Default { margin: 0.01, scale: "relative" }.
   */
  readonly equivalence?: EquivalenceRule;
  /** Break every metric down by history-length and RFM segment. Default true. */
  readonly segments?: boolean;
  /**
   * Relationship value (value.json in the run folder): CLV models, fire list, value by context,
   * breadth, relationship types, journeys and a targeting simulation of the run's models, at a
   * calibration date. null = not computed. Default null.
   */
  readonly value?: ValueConfig | null;
}

/** Either a descriptor file (path relative to the config file) or synthetic generator options. */
export type DatasetRef =
  | { readonly kind: "descriptor"; readonly descriptor: string }
  | { readonly kind: "synthetic"; readonly options: Readonly<Record<string, number | string>> };

const TOP_KEYS = ["name", "seed", "dataset", "split", "models", "select", "compare", "metrics", "bootstrap", "ranking", "inference", "equivalence", "segments", "value", "sweep"] as const;

/** The `value` section of a config. */
export interface ValueConfig {
  /** ISO date ending the calibration period; synthetic default: the generator's calibration end; required for files. */
  readonly calibrationEnd: string | null;
  /** ISO date ending the holdout; default the last timestamp. */
  readonly holdoutEnd: string | null;
  /** Share of customers a CLV cut-off fires. Default 0.2. */
  readonly firePercentile: number;
  /** Bootstrap resamples of the value measures. Default 1000. */
  readonly resamples: number;
}
const SYNTHETIC_KEYS = Object.keys(DEFAULT_SYNTHETIC_OPTIONS);

/**
 * Largest synthetic population a config may ask for. About 33 rows per customer: 20 million
 * customers is about 660 million rows, beyond what one machine's typed arrays (and memory) hold;
 * larger values used to end in "Invalid typed array length".
 */
export const MAX_SYNTHETIC_CUSTOMERS = 20_000_000;
/** Largest synthetic catalogue. */
export const MAX_SYNTHETIC_ITEMS = 1_000_000;
const SYNTHETIC_BOUNDS: Record<string, { min?: number; max?: number; integer?: boolean }> = {
  customers: { integer: true, min: 1, max: MAX_SYNTHETIC_CUSTOMERS },
  items: { integer: true, min: 2, max: MAX_SYNTHETIC_ITEMS },
  seed: { integer: true, min: 0 },
};

/**
 * Validates a parsed YAML config.
 * @param raw the parsed YAML
 * @param file the config's path, for messages
 * @throws ConfigError naming the key path, the value and the valid choices
 */
export function parseExperimentConfig(raw: unknown, file: string): ExperimentConfig {
  const root: Where = { file, path: "" };
  const obj = checkObject(raw, root, TOP_KEYS);
  const name = obj.name === undefined ? "experiment" : checkString(obj.name, at(root, "name"));
  if (!/^[A-Za-z0-9._-]+$/.test(name)) fail(at(root, "name"), `use letters, digits, ".", "_" and "-" only, got ${JSON.stringify(name)}`);
  const seed = obj.seed === undefined ? 0 : checkNumber(obj.seed, at(root, "seed"), { integer: true, min: 0 });
  if (obj.sweep !== undefined) fail(at(root, "sweep"), "a config with a sweep runs with `irmlab sweep <config>`; remove sweep to run a single experiment");
  const dataset = parseDataset(obj.dataset, at(root, "dataset"));
  const split = parseSplitConfig(obj.split, at(root, "split"));

  const select = obj.models === "auto" || obj.select !== undefined ? parseSelect(obj, root) : null;
  if (select) {
    // the models and the headline pair are chosen at run time, on training rows
    const base = { name, seed, dataset, split, models: [{ name: GLOBAL_MEAN, params: {} }], compare: { irm: "auto", crm: "auto" }, select };
    return { ...base, ...parseRest(obj, root) };
  }
  const models = checkArray(obj.models, at(root, "models")).map((m, i) => parseModel(m, at(at(root, "models"), i)));
  if (models.length === 0) fail(at(root, "models"), "list at least one model");
  const names = models.map((m) => m.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) fail(at(root, "models"), `model "${dup}" is listed twice`);
  // every run is compared with the context-free baseline, listed or not
  if (!names.includes(GLOBAL_MEAN)) models.push({ name: GLOBAL_MEAN, params: {} });

  const cmpWhere = at(root, "compare");
  const cmp = checkObject(obj.compare, cmpWhere, ["irm", "crm"]);
  const irm = checkOneOf(cmp.irm, at(cmpWhere, "irm"), names);
  const crm = checkOneOf(cmp.crm, at(cmpWhere, "crm"), names);

  return { name, seed, dataset, split, models, compare: { irm, crm }, select: null, ...parseRest(obj, root) };
}

/** The `select` block (or `models: auto`, which takes the defaults). */
function parseSelect(obj: Record<string, unknown>, root: Where): SelectConfig {
  if (obj.models !== undefined && obj.models !== "auto") fail(at(root, "models"), `with a select block, write models: auto (or leave models out); got ${JSON.stringify(obj.models)}`);
  if (obj.compare !== undefined) fail(at(root, "compare"), "with models: auto the headline pair is the selected best CRM and best IRM model; remove compare");
  const where = at(root, "select");
  const s = obj.select === undefined || obj.select === null ? {} : checkObject(obj.select, where, ["validation", "folds", "candidates", "grid"]);
  const valid = modelNames().filter((n) => n !== GLOBAL_MEAN && n !== "oracle");
  const candidates = s.candidates === undefined ? [...DEFAULT_CANDIDATES] : checkArray(s.candidates, at(where, "candidates")).map((m, i) => checkOneOf(m, at(at(where, "candidates"), i), valid));
  let grid: Record<string, unknown[]> = { ...DEFAULT_GRID } as Record<string, unknown[]>;
  if (s.grid !== undefined) {
    const g = checkObject(s.grid, at(where, "grid"), Object.keys(DEFAULT_GRID));
    grid = Object.fromEntries(Object.entries(g).map(([k, v]) => {
      const list = checkArray(v, at(at(where, "grid"), k));
      if (list.length === 0) fail(at(at(where, "grid"), k), "list at least one value");
      return [k, list];
    }));
  }
  return {
    validation: s.validation === undefined ? "split" : checkOneOf(s.validation, at(where, "validation"), ["split", "kfold", "customer"] as const),
    folds: s.folds === undefined ? 3 : checkNumber(s.folds, at(where, "folds"), { integer: true, min: 2, max: 10 }),
    candidates,
    grid,
  };
}

/** Every key after models and compare. */
function parseRest(obj: Record<string, unknown>, root: Where): Omit<ExperimentConfig, "name" | "seed" | "dataset" | "split" | "models" | "compare" | "select"> {
  let metrics: MetricName[] | null = null;
  if (obj.metrics !== undefined) {
    metrics = checkArray(obj.metrics, at(root, "metrics")).map((m, i) => {
      if (!isMetricName(m)) fail(at(at(root, "metrics"), i), `unknown metric ${JSON.stringify(m)}; metrics are ${Object.keys(METRICS).join(", ")}`);
      return m;
    });
  }

  const bsWhere = at(root, "bootstrap");
  const bs = obj.bootstrap === undefined ? {} : checkObject(obj.bootstrap, bsWhere, ["resamples", "level", "method"]);
  const resamples = bs.resamples === undefined ? 1000 : checkNumber(bs.resamples, at(bsWhere, "resamples"), { integer: true, min: 50, max: 100000 });
  const level = bs.level === undefined ? 0.95 : checkNumber(bs.level, at(bsWhere, "level"), { min: 0.5, max: 0.999 });
  const method = bs.method === undefined ? "percentile" : checkOneOf(bs.method, at(bsWhere, "method"), ["percentile", "bca"] as const);

  const ranking = parseRanking(obj.ranking, at(root, "ranking"));
  const infWhere = at(root, "inference");
  const inf = obj.inference === undefined ? {} : checkObject(obj.inference, infWhere, ["minCustomers", "signFlipBelow", "exactSignFlipUpTo"]);
  const minCustomers = inf.minCustomers === undefined ? DEFAULT_MIN_CUSTOMERS : checkNumber(inf.minCustomers, at(infWhere, "minCustomers"), { integer: true, min: 2 });
  const signFlipBelow = inf.signFlipBelow === undefined ? DEFAULT_SMALL_CELL.signFlipBelow : checkNumber(inf.signFlipBelow, at(infWhere, "signFlipBelow"), { integer: true, min: 0 });
  const exactSignFlipUpTo = inf.exactSignFlipUpTo === undefined ? DEFAULT_SMALL_CELL.exactUpTo : checkNumber(inf.exactSignFlipUpTo, at(infWhere, "exactSignFlipUpTo"), { integer: true, min: 0, max: MAX_EXACT_SIGN_FLIP });
  const eqWhere = at(root, "equivalence");
  const eq = obj.equivalence === undefined ? {} : checkObject(obj.equivalence, eqWhere, ["margin", "scale"]);
  const equivalence: EquivalenceRule = {
    margin: eq.margin === undefined ? DEFAULT_EQUIVALENCE.margin : checkNumber(eq.margin, at(eqWhere, "margin"), { min: 0 }),
    scale: eq.scale === undefined ? DEFAULT_EQUIVALENCE.scale : checkOneOf(eq.scale, at(eqWhere, "scale"), ["relative", "absolute"] as const),
  };
  const segments = obj.segments === undefined ? true : checkBoolean(obj.segments, at(root, "segments"));
  const value = parseValue(obj.value, at(root, "value"));
  return { metrics, bootstrap: { resamples, level, method }, ranking, inference: { minCustomers, signFlipBelow, exactSignFlipUpTo }, equivalence, segments, value };
}

function parseValue(raw: unknown, where: Where): ValueConfig | null {
  if (raw === undefined || raw === false) return null;
  const obj = raw === true ? {} : checkObject(raw, where, ["calibrationEnd", "holdoutEnd", "firePercentile", "resamples"]);
  const date = (key: string): string | null => {
    if (obj[key] === undefined) return null;
    return checkIsoDate(obj[key], at(where, key));
  };
  return {
    calibrationEnd: date("calibrationEnd"),
    holdoutEnd: date("holdoutEnd"),
    firePercentile: obj.firePercentile === undefined ? 0.2 : checkNumber(obj.firePercentile, at(where, "firePercentile"), { min: 0.01, max: 0.99 }),
    resamples: obj.resamples === undefined ? 1000 : checkNumber(obj.resamples, at(where, "resamples"), { integer: true, min: 50, max: 100000 }),
  };
}

function parseRanking(value: unknown, where: Where): { ks: number[]; threshold: number | null; candidates: RankingCandidates } | null {
  if (value === undefined || value === false) return null;
  const obj = value === true ? {} : checkObject(value, where, ["ks", "threshold", "candidates"]);
  const ks = obj.ks === undefined ? [5, 10, 20] : checkArray(obj.ks, at(where, "ks")).map((k, i) => checkNumber(k, at(at(where, "ks"), i), { integer: true, min: 1 }));
  if (ks.length === 0) fail(at(where, "ks"), "list at least one cut-off K");
  const threshold = obj.threshold === undefined ? null : checkNumber(obj.threshold, at(where, "threshold"));
  const candidates = obj.candidates === undefined ? DEFAULT_RANKING_CANDIDATES : checkOneOf(obj.candidates, at(where, "candidates"), RANKING_CANDIDATES);
  return { ks, threshold, candidates };
}

function parseDataset(value: unknown, where: Where): DatasetRef {
  const obj = checkObject(value, where, ["descriptor", "synthetic"]);
  if ((obj.descriptor === undefined) === (obj.synthetic === undefined)) {
    fail(where, "give exactly one of descriptor (a dataset descriptor file) or synthetic (generator options)");
  }
  if (obj.descriptor !== undefined) return { kind: "descriptor", descriptor: checkString(obj.descriptor, at(where, "descriptor")) };
  const synWhere = at(where, "synthetic");
  const syn = checkObject(obj.synthetic ?? {}, synWhere, SYNTHETIC_KEYS);
  const options: Record<string, number | string> = {};
  // types, sizes and seeds here (with the file); generatePopulation checks the other ranges
  for (const [k, v] of Object.entries(syn)) {
    const w = at(synWhere, k);
    options[k] = k === "start" ? checkIsoDate(v, w) : k === "journeys" ? checkOneOf(v, w, JOURNEY_MODES) : checkNumber(v, w, SYNTHETIC_BOUNDS[k] ?? {});
  }
  return { kind: "synthetic", options };
}

function parseModel(value: unknown, where: Where): { name: string; params: Record<string, unknown> } {
  const valid = modelNames();
  if (typeof value === "string") return { name: checkOneOf(value, where, valid), params: {} };
  const obj = checkObject(value, where, ["name", "params"]);
  const name = checkOneOf(obj.name, at(where, "name"), valid);
  const params = obj.params === undefined ? {} : checkObject(obj.params, at(where, "params"), Object.keys(obj.params as object));
  return { name, params };
}

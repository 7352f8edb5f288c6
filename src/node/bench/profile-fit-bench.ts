/**
 * Micro-benchmark of the context-profile fit alone (docs/scale.md, "The profile-model fit at scale"):
 * the pipeline bench's synthetic population (in memory, contextStrength 1, seed 1) and its default
 * split (auto, 20 % test), then fitAdditiveEffects with the context-profile groupings on the training
 * rows. Reports passes, CPU and wall seconds, the threads used and the variance components, so that a
 * change to the fit can be measured before/after without the rest of the pipeline.
 */
import { loadavg } from "node:os";
import { parseExperimentConfig } from "../../lib/config/experiment-config.js";
import { fitAdditiveEffects } from "../../lib/models/profile/additive-effects.js";
import { contextProfileGroupings } from "../../lib/models/profile/groupings.js";
import { takeRows } from "../../lib/schema/interactions.js";
import { protocolFolds } from "../../lib/split/protocol-folds.js";
import { loadExperimentData } from "../run/load-data.js";
import { installTrainThreads } from "../workers/install-train-threads.js";

/** Options of {@link runProfileFitBench}. */
export interface ProfileFitBenchOptions {
  readonly customers: number;
  /** Threads of the block updates; default 1 (no helper threads). */
  readonly threads?: number;
  /** Convergence tolerance of the fit; default the model's (1e-3). */
  readonly tolerance?: number;
}

/** What the micro-benchmark measured. */
export interface ProfileFitBenchReport {
  readonly rows: number;
  readonly passes: number;
  readonly converged: boolean;
  readonly threads: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly components: Readonly<Record<string, number>>;
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
}

/** Generates the population, splits it and times one context-profile fit. */
export async function runProfileFitBench(options: ProfileFitBenchOptions): Promise<ProfileFitBenchReport> {
  const threads = options.threads ?? 1;
  if (threads > 1) installTrainThreads(threads);
  const config = parseExperimentConfig({
    name: "profile-fit-bench",
    seed: 1,
    dataset: { synthetic: { customers: options.customers, contextStrength: 1, seed: 1 } },
    split: { kind: "auto", testFraction: 0.2 },
    models: ["customer-profile", "context-profile"],
    compare: { irm: "context-profile", crm: "customer-profile" },
  }, "<profile-fit bench>");
  const { data } = await loadExperimentData(config.dataset, "<profile-fit bench>");
  const train = takeRows(data, protocolFolds(data, config.split, config.seed).folds[0]!.train);
  const start = loadavg();
  const cpu0 = process.cpuUsage(), wall0 = performance.now();
  const fit = fitAdditiveEffects(train, contextProfileGroupings(train), { threads, ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}) });
  const cpu = process.cpuUsage(cpu0), wall = performance.now() - wall0;
  return {
    rows: train.size,
    passes: fit.passes,
    converged: fit.converged,
    threads: fit.threads,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: wall / 1000,
    components: Object.fromEntries(fit.components.map((c) => [c.grouping, c.sd])),
    loadAverage: { start, end: loadavg() },
  };
}

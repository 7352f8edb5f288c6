/**
 * What a dataset section says about its data in every headline: synthetic (with its context
 * strength: a demonstration on known truth) or real (with its source and citation).
 */
import type { RunRecord } from "../records/run-record.js";
import { publicPath } from "./site-summary.js";

/** The identity of a dataset section's data. */
export interface DatasetIdentity {
  /** Route segment of the section. */
  readonly slug: string;
  /** Display name, e.g. "tripadvisor" or "Synthetic world, context strength 1". */
  readonly title: string;
  readonly kind: "synthetic" | "real";
  /** Synthetic data: how strongly context shifts preferences (0: not at all); null for real data. */
  readonly contextStrength: number | null;
  /** One phrase for headlines: "synthetic data, context strength 1 (known truth)" or "real data: <citation>". */
  readonly phrase: string;
  /** Real data: the descriptor the data were read through (relative path); null for synthetic data. */
  readonly source: string | null;
  readonly citation: string | null;
  /** The experiment config's name. */
  readonly config: string;
  /** Whether the section comes from the committed study or from a run of the user's own. */
  readonly origin: "study" | "user";
}

/**
 * The identity of a run's dataset.
 * @param run the run record
 * @param slug the section's route segment
 * @param origin study experiment or the user's own run
 */
export function datasetIdentity(run: RunRecord, slug: string, origin: "study" | "user"): DatasetIdentity {
  const config = typeof run.config.name === "string" ? run.config.name : run.runId;
  const synthetic = run.dataset.synthetic as { options?: { contextStrength?: unknown } } | null;
  if (synthetic) {
    const strength = typeof synthetic.options?.contextStrength === "number" ? synthetic.options.contextStrength : null;
    const s = strength === null ? "unknown" : String(strength);
    return {
      slug, config, origin, kind: "synthetic", contextStrength: strength, source: null, citation: null,
      title: `Synthetic world, context strength ${s}`,
      phrase: `synthetic data, context strength ${s} (a demonstration on known truth${strength === 0 ? ": context is irrelevant here" : ""})`,
    };
  }
  return {
    slug, config, origin, kind: "real", contextStrength: null, source: publicPath(run.dataset.source), citation: run.dataset.citation,
    title: run.dataset.name,
    phrase: `real data${run.dataset.citation ? `: ${run.dataset.citation}` : ` read through ${publicPath(run.dataset.source)}`}`,
  };
}

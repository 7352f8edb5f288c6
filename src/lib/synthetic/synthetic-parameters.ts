import type { Interactions } from "../schema/interactions.js";
import type { Calibration } from "./calibrate.js";
import { CONTEXT_DIMENSIONS } from "./context-space.js";
import type { SyntheticCustomers } from "./customer-table.js";
import { CONTACT_CHANNELS } from "./customer-traits.js";
import { JOURNEY_EVENTS } from "./journey.js";
import type { ResolvedSyntheticOptions } from "./synthetic-options.js";
import { LOGIT_SCALES, type SyntheticWorld } from "./world.js";

/** JSON-safe record of how a population was generated and what came out (parameters.json). */
export interface SyntheticParameters {
  readonly generator: string;
  readonly options: ResolvedSyntheticOptions;
  /** Calibrated base logit b0. */
  readonly baseLogit: number;
  /** Share of the variance of the true logit over typical offers due to context (0 when contextStrength is 0). */
  readonly contextVarianceShare: number;
  /** Standard deviations of the terms of the true logit. */
  readonly logitScales: typeof LOGIT_SCALES;
  readonly contextDimensions: readonly { name: string; levels: readonly string[]; baseWeights: readonly number[]; effectWeight: number; spendLogShift: readonly number[] }[];
  readonly channels: readonly string[];
  readonly journeyEvents: Readonly<Record<string, string>>;
  readonly summary: {
    readonly rows: number;
    readonly customers: number;
    readonly items: number;
    readonly prospects: number;
    readonly buyers: number;
    readonly purchases: number;
    /** Share of rows with outcome 1. */
    readonly acceptanceShare: number;
    /** Mean of the per-row true probability. */
    readonly meanTruth: number;
    readonly churned: number;
    readonly revenue: number;
  };
}

/** Version tag of the generator; bump when the same options and seed would give different data. */
export const SYNTHETIC_GENERATOR_VERSION = "irmlab-synthetic/1";

/** The parameters record of a generated population. */
export function describeParameters(world: SyntheticWorld, calibration: Calibration, data: Interactions, customers: SyntheticCustomers): SyntheticParameters {
  let accepted = 0;
  let truthSum = 0;
  let revenue = 0;
  for (let i = 0; i < data.size; i++) {
    accepted += data.outcome[i]!;
    truthSum += data.truth![i]!;
    revenue += data.value![i]!;
  }
  let prospects = 0;
  let buyers = 0;
  let churned = 0;
  for (let c = 0; c < customers.size; c++) {
    prospects += customers.isProspect[c]!;
    if (customers.purchases[c]! > 0) buyers++;
    if (Number.isFinite(customers.dropoutTime[c]!)) churned++;
  }
  return {
    generator: SYNTHETIC_GENERATOR_VERSION,
    options: world.options,
    baseLogit: world.baseLogit,
    contextVarianceShare: calibration.contextVarianceShare,
    logitScales: LOGIT_SCALES,
    contextDimensions: CONTEXT_DIMENSIONS.map((d) => ({ ...d })),
    channels: [...CONTACT_CHANNELS],
    journeyEvents: { ...JOURNEY_EVENTS },
    summary: {
      rows: data.size,
      customers: customers.size,
      items: data.itemIds.length,
      prospects,
      buyers,
      purchases: accepted,
      acceptanceShare: data.size > 0 ? accepted / data.size : 0,
      meanTruth: data.size > 0 ? truthSum / data.size : 0,
      churned,
      revenue: Math.round(revenue * 100) / 100,
    },
  };
}

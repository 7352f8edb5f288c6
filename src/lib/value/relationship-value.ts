/**
 * relationshipValue: every IRM value measure of one dataset at one calibration date, as one
 * JSON-safe ValueRecord (value.json of a run). Pure: randomness from `seed`, time from the window.
 *
 *   fitClvModels (CRM value: BG/NBD, Pareto/NBD, Gamma-Gamma, CLV)
 *   contextCells ─► valueByContext, breadth (per dimension)   ─┐
 *   relationshipTypes (rules as data)                          ├─► ValueRecord
 *   fireList (CLV cut-off)   journeys (+ truth check)          │
 *   targetingSimulation (scorers; truth or holdout replay)    ─┘
 * Without context dimensions, every context measure says NO_CONTEXT instead of inventing one.
 */
import type { Interactions } from "../schema/interactions.js";
import type { Journey } from "../synthetic/journey.js";
import { fitClvModels, type ClvFit } from "./clv-fit.js";
import { breadth, type Breadth } from "./breadth.js";
import { contextCells, NO_CONTEXT } from "./context-cells.js";
import { fireList, type FireList } from "./fire-list.js";
import { JOURNEY_STAGES, journeyMatrix, observedStages, type JourneyMatrix } from "./journeys.js";
import { assertValueInput, valueUnit, type ValueUnit, type ValueWindow } from "./purchase-log.js";
import { relationshipTypes, type RelationshipTypes } from "./relationship-type.js";
import { targetingSimulation, type ModelScorer, type Targeting, type TargetingTruth } from "./targeting.js";
import { journeyAgreement, trueStages, type JourneyAgreement } from "./true-journeys.js";
import { valueByContext, type ValueByContext } from "./value-by-context.js";

/** Options of {@link relationshipValue}; every field has a default. */
export interface RelationshipValueOptions {
  /** Share of customers the CLV cut-off fires. Default 0.2. */
  readonly firePercentile?: number;
  /** Months without purchase after which a buyer is lapsed. Default 3. */
  readonly lapseMonths?: number;
  /** CLV horizon in months. Default 12. */
  readonly clvMonths?: number;
  /** Bootstrap resamples. Default 1000. */
  readonly resamples?: number;
  /** Share of units the campaign contacts. Default 0.5. */
  readonly targetShare?: number;
  /** Contacts per targeted customer in the campaign month. Default 4. */
  readonly contactsPerMonth?: number;
}

/** Input of {@link relationshipValue}. */
export interface RelationshipValueInput {
  readonly data: Interactions;
  readonly window: ValueWindow;
  readonly seed: number;
  readonly options?: RelationshipValueOptions;
  /** Models for the targeting simulation (fitted on calibration rows); none: targeting is skipped. */
  readonly scorers?: readonly ModelScorer[];
  /** Synthetic ground truth (acceptance, contact preferences, true journeys); null for real data. */
  readonly truth?: (TargetingTruth & { readonly journey: Journey }) | null;
}

/** value.json: the IRM value measures of one dataset. */
export interface ValueRecord {
  readonly kind: "irmlab-value/1";
  readonly calibrationEnd: string;
  readonly holdoutEnd: string;
  readonly unit: ValueUnit;
  readonly contexts: readonly string[] | typeof NO_CONTEXT;
  readonly crm: { readonly customers: number; readonly bgNbd: Record<string, number>; readonly gammaGamma: Record<string, number> | null; readonly clvMonths: number; readonly meanClv: number };
  readonly valueByContext: readonly ValueByContext[] | typeof NO_CONTEXT;
  readonly breadth: readonly Breadth[] | typeof NO_CONTEXT;
  readonly relationshipTypes: RelationshipTypes;
  readonly fireList: FireList;
  readonly journeys: JourneyMatrix & { readonly stages: readonly string[]; readonly lapseMonths: number; readonly period: string; readonly truth: (JourneyMatrix & JourneyAgreement) | null };
  readonly targeting: Targeting | "no models given";
}

/**
 * Computes every IRM value measure (module diagram).
 * @throws Error without timestamps or calibration rows, or on invalid options (message names the option)
 */
export function relationshipValue(input: RelationshipValueInput): ValueRecord {
  const { data, window, seed } = input;
  const o = input.options ?? {};
  assertValueInput(data, window, "relationshipValue");
  const lapseMonths = o.lapseMonths ?? 3;
  if (!(Number.isInteger(lapseMonths) && lapseMonths >= 1)) throw new RangeError(`relationshipValue: lapseMonths must be a positive integer, got "${lapseMonths}"`);
  const boot = { seed, ...(o.resamples === undefined ? {} : { resamples: o.resamples }) };
  const fit: ClvFit = fitClvModels(data, window, o.clvMonths === undefined ? {} : { months: o.clvMonths });
  const cells = contextCells(data, window);
  const hasContext = cells.length > 0;
  const observed = observedStages(data, window, lapseMonths);
  const journeys = journeyMatrix(observed, boot);
  const truthJourneys = input.truth ? trueStages(input.truth.journey, observed, window.holdoutEnd) : null;
  let meanClv = 0;
  for (const v of fit.clv) meanClv += v / fit.clv.length;
  return {
    kind: "irmlab-value/1",
    calibrationEnd: new Date(window.calibrationEnd).toISOString(),
    holdoutEnd: new Date(window.holdoutEnd).toISOString(),
    unit: valueUnit(data),
    contexts: hasContext ? data.contexts.map((c) => c.name) : NO_CONTEXT,
    crm: {
      customers: fit.summary.customer.length, bgNbd: { ...fit.bgNbd.params }, gammaGamma: fit.gammaGamma ? { ...fit.gammaGamma.params } : null,
      clvMonths: fit.months, meanClv,
    },
    valueByContext: hasContext ? cells.map((c, k) => valueByContext(c, { ...boot, seed: seed + 10 + k })) : NO_CONTEXT,
    breadth: hasContext ? cells.map((c, k) => breadth(c, { ...boot, seed: seed + 20 + k })) : NO_CONTEXT,
    relationshipTypes: relationshipTypes(data, fit, cells),
    fireList: fireList(fit, cells, { ...boot, seed: seed + 30, ...(o.firePercentile === undefined ? {} : { percentile: o.firePercentile }) }),
    journeys: {
      ...journeys, stages: JOURNEY_STAGES, lapseMonths, period: "calendar month (UTC)",
      truth: truthJourneys ? { ...journeyMatrix(truthJourneys, boot), ...journeyAgreement(observed, truthJourneys) } : null,
    },
    targeting: input.scorers && input.scorers.length > 0
      ? targetingSimulation(data, window, input.scorers, input.truth ?? null, {
          seed: seed + 40, ...(o.resamples === undefined ? {} : { resamples: o.resamples }),
          ...(o.targetShare === undefined ? {} : { targetShare: o.targetShare }),
          ...(o.contactsPerMonth === undefined ? {} : { contactsPerMonth: o.contactsPerMonth }),
        })
      : "no models given",
  };
}

/**
 * relationshipValue: every IRM value measure of one dataset at one calibration date, as one
 * JSON-safe ValueRecord (value.json of a run). Pure: randomness from `seed`, time from the window.
 *
 *   startClvFit (CRM value: BG/NBD, Pareto/NBD, Gamma-Gamma, CLV; the fits may run on a helper
 *                thread meanwhile, and are collected after the journeys and the targeting)
 *   funnelTest (journeys: funnel with exits vs unconstrained, held-out months) ─┐
 *   targetingSimulation (scorers, and their refits on the permuted worlds)      │
 *   contextCells ──┐ permutations of context labels within customer, one       ├─► ValueRecord + measures
 *                  │ world's table at a time ─► each measure's null statistics  │
 *     valueByContext, breadth (per dimension), relationshipTypes, firePolicy ───┘
 * Every measure is estimate / null baseline / excess / paired customer-bootstrap CI of the excess
 * (null-estimate.ts); `measures` lists them flat. Without context dimensions, every context measure
 * says NO_CONTEXT instead of inventing one.
 */
import type { Interactions } from "../schema/interactions.js";
import type { Journey } from "../synthetic/journey.js";
import { startClvFit, type ClvFit, type ClvFitter } from "./clv-fit.js";
import { breadth, breadthCounts, BreadthNull, type Breadth, type BreadthShares } from "./breadth.js";
import { calibrationTally, contextCells, NO_CONTEXT, type CalibrationTally, type ContextCells } from "./context-cells.js";
import { FireNull, firePolicy, type FirePolicy } from "./fire-policy.js";
import { funnelTest, type FunnelTest } from "./funnel-test.js";
import { JOURNEY_STAGES, journeyMatrix, observedStages, type JourneyMatrix } from "./journeys.js";
import { holmExcesses, WorldMean, type NullEstimate } from "./null-estimate.js";
import { assertPermutations } from "./permute-contexts.js";
import { forEachPermutedCell } from "./permuted-context-cells.js";
import { assertValueInput, valueUnit, type ValueUnit, type ValueWindow } from "./purchase-log.js";
import { relationshipTypes, TypeNull, type RelationshipTypes } from "./relationship-type.js";
import { targetingSimulation, type ModelScorer, type NullScorer, type Targeting, type TargetingTruth } from "./targeting.js";
import { journeyAgreement, trueStages, type JourneyAgreement } from "./true-journeys.js";
import { misattribution, valueByContext, type ValueByContext } from "./value-by-context.js";
import type { MeasureRow, ValueRecord } from "../records/value-record.js";

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
  /** Permutations of context labels within customer averaged into each null baseline. Default 20. */
  readonly permutations?: number;
  /** Currency of monetary values (e.g. "EUR", from the descriptor); null: "currency units". Default null. */
  readonly currency?: string | null;
  /** The CRM model of the targeting comparisons. Default "customer-profile". */
  readonly reference?: string;
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
  /**
   * Per model name: the model refitted on the calibration rows of each permuted world
   * (permutation p = permuteContexts(data, groups, permutationRng(seed + NULL_SEED_OFFSET, p))). Default none.
   */
  readonly nullScorers?: ReadonlyMap<string, readonly NullScorer[]>;
  /**
   * Where the CLV fits run (e.g. a helper thread, clv-fit-thread.ts), while this thread computes the
   * measures that do not need them. Default null: here, first. The record is the same either way.
   */
  readonly clvFitter?: ClvFitter;
}

/** Offset of the permutation seed from the record's seed (so that refits rebuild the same worlds). */
export const NULL_SEED_OFFSET = 50;

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
  const permutations = o.permutations ?? 20;
  assertPermutations(permutations);
  // the CLV fits may run elsewhere meanwhile; the measures before `clvFit()` do not read them
  const clvFit = startClvFit(data, window, o.clvMonths === undefined ? {} : { months: o.clvMonths }, input.clvFitter ?? null);
  // the permuted worlds differ from the data only in their context codes: one tally of the rest serves all
  const tally = data.contexts.length > 0 ? calibrationTally(data, window) : undefined;
  const cells = contextCells(data, window, tally);
  const hasContext = cells.length > 0;
  const observed = observedStages(data, window, lapseMonths);
  const truthJourneys = input.truth ? trueStages(input.truth.journey, observed, window.holdoutEnd) : null;
  const unit = valueUnit(data);
  const currency = unit === "purchases" ? "purchases" : (o.currency ?? "currency units");
  const funnel = funnelTest(observed, window.calibrationEnd, { ...boot, seed: seed + 35 });
  const targeting = input.scorers && input.scorers.length > 0
    ? targetingSimulation(data, window, input.scorers, input.truth ?? null, {
        seed: seed + 40, ...(o.resamples === undefined ? {} : { resamples: o.resamples }),
        ...(o.targetShare === undefined ? {} : { targetShare: o.targetShare }),
        ...(o.contactsPerMonth === undefined ? {} : { contactsPerMonth: o.contactsPerMonth }),
        ...(o.reference === undefined ? {} : { reference: o.reference }),
        ...(input.nullScorers ? { nulls: input.nullScorers } : {}),
      })
    : "no models given";
  // collected here: on a helper thread, the CLV fits ran beside everything above; the types' and
  // the fire policy's nulls refit on each permuted world need them
  const fit: ClvFit = clvFit();
  let meanClv = 0;
  for (const v of fit.clv) meanClv += v / fit.clv.length;
  const nulls = hasContext ? contextNulls(data, window, cells, fit, o.firePercentile, permutations, seed + NULL_SEED_OFFSET, tally) : null;
  const valueBy = nulls ? cells.map((c, k) => valueByContext(c, nulls.misplaced[k]!, { ...boot, seed: seed + 10 + k })) : NO_CONTEXT;
  const breadths = nulls ? cells.map((c, k) => breadth(c, nulls.breadth[k]!, { ...boot, seed: seed + 20 + k })) : NO_CONTEXT;
  const types = relationshipTypes(data, fit, cells, nulls?.types ?? null, { ...boot, seed: seed + 25 });
  const fire = firePolicy(fit, cells, nulls?.fired ?? null, { ...boot, seed: seed + 30, ...(o.firePercentile === undefined ? {} : { percentile: o.firePercentile }) });
  return {
    kind: "irmlab-value/2",
    calibrationEnd: new Date(window.calibrationEnd).toISOString(),
    holdoutEnd: new Date(window.holdoutEnd).toISOString(),
    unit, currency,
    nullModel: {
      permutations: hasContext ? permutations : 0, seed: seed + NULL_SEED_OFFSET, level: 0.95,
      description: "context labels of each customer's calibration rows shuffled among that customer's calibration rows; baseline = mean of the measure over the permutations; CI = percentile interval of the excess over customer resamples that evaluate the measure and its baseline on the same customers",
    },
    contexts: hasContext ? data.contexts.map((c) => c.name) : NO_CONTEXT,
    crm: {
      customers: fit.summary.customer.length, bgNbd: { ...fit.bgNbd.params }, gammaGamma: fit.gammaGamma ? { ...fit.gammaGamma.params } : null,
      clvMonths: fit.months, meanClv,
    },
    valueByContext: valueBy,
    breadth: breadths,
    relationshipTypes: types,
    firePolicy: fire,
    journeys: {
      ...journeyMatrix(observed), stages: JOURNEY_STAGES, lapseMonths, period: "calendar month (UTC)", funnelTest: funnel,
      truth: truthJourneys ? { ...journeyMatrix(truthJourneys), ...journeyAgreement(observed, truthJourneys) } : null,
    },
    targeting,
    measures: measureRows(valueBy, breadths, types, fire, funnel, targeting, currency),
  };
}

/** What each context measure reads of the permuted worlds (module diagram), averaged over them. */
interface ContextNulls {
  /** Per dimension: misattribution(world).misplaced. */
  readonly misplaced: Float64Array[];
  /** Per dimension: the breadth shares. */
  readonly breadth: BreadthShares[];
  /** TypeNull.shares(). */
  readonly types: Float64Array[];
  /** FireNull.mean(). */
  readonly fired: Float64Array;
}

/**
 * Reads `permutations` permuted worlds one table (dimension) at a time: each measure adds what it
 * needs of the table, and the table is dropped, so the null costs a few numbers a customer, not
 * permutations × dimensions tables of customers × levels.
 */
function contextNulls(
  data: Interactions, window: ValueWindow, cells: readonly ContextCells[], fit: ClvFit, firePercentile: number | undefined,
  permutations: number, seed: number, tally: CalibrationTally | undefined,
): ContextNulls {
  const misplaced = cells.map(() => new WorldMean());
  const breadthNull = cells.map((c) => new BreadthNull(breadthCounts(c).lived));
  const typeNull = new TypeNull(data, fit), fireNull = new FireNull(fit, data.customerIds.length, firePercentile);
  forEachPermutedCell(data, window, permutations, seed, tally, (_p, d, world) => {
    misplaced[d]!.add(misattribution(world).misplaced);
    breadthNull[d]!.add(world);
    typeNull.add(world);
    fireNull.add(world);
    if (d === cells.length - 1) {
      typeNull.endWorld();
      fireNull.endWorld();
    }
  });
  return { misplaced: misplaced.map((m) => m.mean()), breadth: breadthNull.map((b) => b.mean()), types: typeNull.shares(), fired: fireNull.mean() };
}

const PERMUTED = "context permuted within customer";

/** The flat measure table (see {@link MeasureRow}). */
export function measureRows(
  valueBy: ValueRecord["valueByContext"], breadths: ValueRecord["breadth"], types: RelationshipTypes, fire: FirePolicy,
  funnel: FunnelTest, targeting: ValueRecord["targeting"], currency: string,
): MeasureRow[] {
  const rows: Omit<MeasureRow, "pHolm" | "adjusted" | "claim">[] = [];
  if (typeof valueBy !== "string") for (const v of valueBy) rows.push({ measure: `misattributed value share (${v.dimension})`, unit: "share", nullKind: PERMUTED, value: v.misattributedShare });
  if (typeof breadths !== "string") {
    for (const b of breadths) {
      rows.push({ measure: `breadth, buyers (${b.dimension})`, unit: "share", nullKind: PERMUTED, value: b.meanBreadthBuyers });
      rows.push({ measure: `multi-context customers served in one level (${b.dimension})`, unit: "share", nullKind: PERMUTED, value: b.multiContextServedInOne });
    }
  }
  for (const t of types.types) if (t.shareVsNull) rows.push({ measure: `relationship type share: ${t.type}`, unit: "share", nullKind: PERMUTED, value: t.shareVsNull });
  if (typeof fire.differenceVsNull !== "string") rows.push({ measure: "fire policy: value lost by CLV − by IRM-aware score", unit: "share of holdout value", nullKind: PERMUTED, value: fire.differenceVsNull });
  rows.push({ measure: "journeys: held-out log-loss, unconstrained vs funnel with exits", unit: "nats per transition", nullKind: "linear funnel with exit states", value: funnel.logLoss });
  if (typeof targeting !== "string") {
    for (const c of targeting.comparisons) {
      if (!c.vsNull) continue;
      rows.push({ measure: `targeting acceptance: ${c.model} − ${c.reference}`, unit: "acceptance rate", nullKind: `${c.model} refitted with ${PERMUTED}`, value: c.vsNull.acceptanceRate });
      if (c.vsNull.revenue) rows.push({ measure: `value at stake: ${c.model} − ${c.reference}`, unit: currency, nullKind: `${c.model} refitted with ${PERMUTED}`, value: c.vsNull.revenue });
    }
  }
  return withHolm(rows, 0.05);
}

/**
 * Holm within families: the context measures (permutation nulls) and each other null kind on its own;
 * each row gets its Holm-consistent interval, which excludes 0 exactly when the row claims an excess.
 */
export function withHolm(rows: readonly Omit<MeasureRow, "pHolm" | "adjusted" | "claim">[], alpha: number): MeasureRow[] {
  const family = (r: Omit<MeasureRow, "pHolm" | "adjusted" | "claim">) => (r.nullKind.includes(PERMUTED) ? PERMUTED : r.nullKind);
  const holm = new Map<number, { pHolm: number | null; adjusted: MeasureRow["adjusted"] }>();
  for (const f of new Set(rows.map(family))) {
    const members = rows.map((r, i) => [r, i] as const).filter(([r]) => family(r) === f);
    holmExcesses(members.map(([r]) => r.value), alpha).forEach((h, k) => holm.set(members[k]![1], h));
  }
  return rows.map((r, i) => {
    const { pHolm, adjusted } = holm.get(i) ?? { pHolm: null, adjusted: null };
    return { ...r, pHolm, adjusted: adjusted ?? null, claim: pHolm !== null && pHolm < alpha };
  });
}

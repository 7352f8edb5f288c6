/**
 * CLV reports and value records → what the Relationship value page publishes: aggregates only,
 * every cell that counts fewer than k customers replaced by null and marked `suppressed`.
 *
 *   ClvReport   ─► publishClv   (calibration-vs-holdout buckets with < k customers suppressed)
 *   ValueRecord ─► publishValue (context levels, breadth cells, relationship types, journey cells,
 *                                fire policy with < k customers fired suppressed)
 * Model outputs (tracking sums, heat-map surfaces, parameters) describe no single customer and pass as is.
 */
import type { ClvReport } from "../value/clv-report.js";
import type { ContextLevelValue, ValueByContext } from "../value/value-by-context.js";
import type { Breadth } from "../value/breadth.js";
import type { ValueRecord } from "../records/value-record.js";

/** A calibration-vs-holdout table of one model with its small buckets suppressed. */
export interface PublishedFrequencyTable {
  readonly frequency: number[];
  readonly customers: (number | null)[];
  readonly actualMean: (number | null)[];
  readonly predictedMean: (number | null)[];
  readonly suppressed: boolean[];
}

/** {@link ClvReport} as published. */
export type PublishedClv = Omit<ClvReport, "frequencyVsHoldout"> & { readonly frequencyVsHoldout: Record<string, PublishedFrequencyTable> };

/** A context level as published: value fields null when suppressed. */
export type PublishedLevel = { readonly level: string; readonly suppressed: boolean } & { readonly [K in Exclude<keyof ContextLevelValue, "level">]: ContextLevelValue[K] | null };

/** {@link ValueRecord} as published. */
export type PublishedValue = Omit<ValueRecord, "valueByContext" | "breadth" | "relationshipTypes" | "journeys" | "firePolicy"> & {
  readonly valueByContext: readonly (Omit<ValueByContext, "levels"> & { readonly levels: readonly PublishedLevel[] })[] | string;
  readonly breadth: readonly (Omit<Breadth, "counts"> & { readonly counts: (number | null)[][] })[] | string;
  readonly relationshipTypes: Omit<ValueRecord["relationshipTypes"], "types"> & {
    readonly types: readonly (Record<string, unknown> & { readonly type: string; readonly customers: number | null; readonly suppressed: boolean })[];
  };
  readonly journeys: PublishedJourneys;
  readonly firePolicy: ValueRecord["firePolicy"] & { readonly suppressed: boolean };
};

/** Journey matrices with cells of fewer than k transitions suppressed (null count and probability). */
export type PublishedJourneys = Omit<ValueRecord["journeys"], "counts" | "probabilities" | "truth"> & {
  readonly counts: (number | null)[][];
  readonly probabilities: ((number | null)[] | null)[];
  readonly truth: (Omit<NonNullable<ValueRecord["journeys"]["truth"]>, "counts" | "probabilities"> & { readonly counts: (number | null)[][]; readonly probabilities: ((number | null)[] | null)[] }) | null;
};

function assertK(k: number, where: string): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`${where}: minCellCustomers must be a positive integer, received "${k}"`);
}

/** Whether a count of customers is a small cell: more than zero and fewer than k (zero reveals nobody). */
export function isSmallCell(count: number, k: number): boolean {
  return count > 0 && count < k;
}

/**
 * The published CLV report.
 * @param report a CLV report (runClv / clvReport)
 * @param k buckets with fewer customers are suppressed (integer >= 1)
 * @throws RangeError when k is not a positive integer
 */
export function publishClv(report: ClvReport, k: number): PublishedClv {
  assertK(k, "publishClv");
  const frequencyVsHoldout: Record<string, PublishedFrequencyTable> = {};
  for (const [model, t] of Object.entries(report.frequencyVsHoldout)) {
    const small = t.customers.map((n) => isSmallCell(n, k));
    frequencyVsHoldout[model] = {
      frequency: [...t.frequency],
      customers: t.customers.map((n, i) => (small[i] ? null : n)),
      actualMean: t.actualMean.map((v, i) => (small[i] ? null : v)),
      predictedMean: t.predictedMean.map((v, i) => (small[i] ? null : v)),
      suppressed: small,
    };
  }
  return { ...report, frequencyVsHoldout };
}

function suppressMatrix(counts: readonly (readonly number[])[], probabilities: readonly (readonly number[] | null)[], k: number) {
  return {
    counts: counts.map((row) => row.map((n) => (isSmallCell(n, k) ? null : n))),
    probabilities: probabilities.map((row, i) => (row ? row.map((p, j) => (isSmallCell(counts[i]?.[j] ?? 0, k) ? null : p)) : null)),
  };
}

/**
 * The published value record. Journey cells count transitions (customer-months); a cell with fewer
 * than k transitions has fewer than k customers, so the same threshold applies.
 * @param record value.json of a run or runValue(...).value
 * @param k cells with fewer customers are suppressed (integer >= 1)
 * @throws RangeError when k is not a positive integer; Error when the record is not "irmlab-value/2"
 */
export function publishValue(record: ValueRecord, k: number): PublishedValue {
  assertK(k, "publishValue");
  if (record.kind !== "irmlab-value/2") throw new Error(`publishValue: expected kind "irmlab-value/2", received "${String(record.kind)}"`);
  const valueByContext = typeof record.valueByContext === "string"
    ? record.valueByContext
    : record.valueByContext.map((v) => ({
        ...v,
        levels: v.levels.map((l): PublishedLevel => {
          const s = isSmallCell(l.customers, k);
          return s
            ? { level: l.level, suppressed: true, customers: null, rows: null, purchases: null, value: null, valueShare: null, occasionShare: null, propensity: null, valuePerPurchase: null }
            : { ...l, suppressed: false };
        }),
      }));
  const breadth = typeof record.breadth === "string"
    ? record.breadth
    : record.breadth.map((b) => ({ ...b, counts: b.counts.map((row) => row.map((n) => (isSmallCell(n, k) ? null : n))) }));
  const rt = record.relationshipTypes;
  const types = rt.types.map((t) => {
    const s = isSmallCell(t.customers, k);
    if (!s) return { ...t, suppressed: false };
    const out: Record<string, unknown> & { type: string; customers: number | null; suppressed: boolean } = { type: t.type, customers: null, suppressed: true };
    for (const key of Object.keys(t)) if (!(key in out)) out[key] = null;
    return out;
  });
  const { counts, probabilities, truth, ...journeyRest } = record.journeys;
  const journeys: PublishedJourneys = {
    ...journeyRest,
    ...suppressMatrix(counts, probabilities, k),
    truth: truth ? { ...truth, ...suppressMatrix(truth.counts, truth.probabilities, k) } : null,
  };
  return {
    ...record,
    valueByContext,
    breadth,
    relationshipTypes: { ...rt, types },
    journeys,
    firePolicy: { ...record.firePolicy, suppressed: isSmallCell(record.firePolicy.fired, k) },
  };
}

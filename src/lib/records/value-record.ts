import { checkRecord } from "./check-record.js";
import type { Breadth } from "../value/breadth.js";
import type { NO_CONTEXT } from "../value/context-cells.js";
import type { FirePolicy } from "../value/fire-policy.js";
import type { FunnelTest } from "../value/funnel-test.js";
import type { JourneyMatrix } from "../value/journeys.js";
import type { AdjustedInterval, NullEstimate } from "../value/null-estimate.js";
import type { ValueUnit } from "../value/purchase-log.js";
import type { RelationshipTypes } from "../value/relationship-type.js";
import type { Targeting } from "../value/targeting.js";
import type { JourneyAgreement } from "../value/true-journeys.js";
import type { ValueByContext } from "../value/value-by-context.js";

/*
 * value.json of a run: the IRM value measures of one dataset (computed by relationshipValue in
 * src/lib/value/relationship-value.ts), read by the CLI and the site.
 */

/** One line of the flat measure table of a value record. */
export interface MeasureRow {
  /** e.g. "misattributed value share (companion)". */
  readonly measure: string;
  /** "share", "log-loss (nats)", "currency units", "EUR", ... */
  readonly unit: string;
  /** What the null is: "context permuted within customer" or "linear funnel with exits". */
  readonly nullKind: string;
  readonly value: NullEstimate;
  /** Holm-adjusted p within its family (context measures; the journey measure alone). */
  readonly pHolm: number | null;
  /**
   * Holm-consistent interval of the excess (level 1 − α·p/pHolm, as the comparison cells have):
   * excludes 0 exactly when `claim`. null when there is no p-value or p was set to 1 without
   * resampling (excess exactly 0, too few customers differing from their null); absent in records
   * written before it existed (same kind, irmlab-value/2: readers show "—").
   */
  readonly adjusted?: AdjustedInterval | null;
  /** Whether the record claims an excess: pHolm < 1 − level. */
  readonly claim: boolean;
}

/** value.json: the IRM value measures of one dataset. */
export interface ValueRecord {
  readonly kind: "irmlab-value/2";
  readonly calibrationEnd: string;
  readonly holdoutEnd: string;
  readonly unit: ValueUnit;
  /** Label of money amounts: the descriptor's currency, else "currency units"; "purchases" without money. */
  readonly currency: string;
  /** How the nulls were made. */
  readonly nullModel: { readonly permutations: number; readonly seed: number; readonly description: string; readonly level: number };
  readonly contexts: readonly string[] | typeof NO_CONTEXT;
  readonly crm: { readonly customers: number; readonly bgNbd: Record<string, number>; readonly gammaGamma: Record<string, number> | null; readonly clvMonths: number; readonly meanClv: number };
  readonly valueByContext: readonly ValueByContext[] | typeof NO_CONTEXT;
  readonly breadth: readonly Breadth[] | typeof NO_CONTEXT;
  readonly relationshipTypes: RelationshipTypes;
  readonly firePolicy: FirePolicy;
  readonly journeys: JourneyMatrix & {
    readonly stages: readonly string[]; readonly lapseMonths: number; readonly period: string;
    readonly funnelTest: FunnelTest;
    readonly truth: (JourneyMatrix & JourneyAgreement) | null;
  };
  readonly targeting: Targeting | "no models given";
  /** Every measure above as estimate / null / excess / CI, flat (CLI, site, calibration sweeps). */
  readonly measures: readonly MeasureRow[];
}

/**
 * value.json checked: a value record, bare or (as `irmlab value --json` writes it) under `value`.
 * A record of an older kind is returned as `{ olderKind }` (its measures lack the null comparison:
 * readers show it as not computed rather than fail).
 * @throws ConfigError naming the file, key and value
 */
export function parseValueRecord(value: unknown, file: string): ValueRecord | { readonly olderKind: string } {
  const inner = typeof value === "object" && value !== null && "value" in value && !("kind" in value) ? (value as { value: unknown }).value : value;
  const kind = checkRecord(inner, file, { kind: "string" }).kind;
  if (kind !== "irmlab-value/2") return { olderKind: String(kind) };
  return checkRecord(inner, file, { calibrationEnd: "string", holdoutEnd: "string", currency: "string", measures: "list" }) as unknown as ValueRecord;
}

/**
 * Relationship types of customers at the calibration end: signals from the RFM summary and the
 * context tallies, typed by the first matching rule of {@link RELATIONSHIP_RULES}. Each type's share is
 * set against its null (the context signals, breadth and concentration, recomputed on worlds with
 * context labels permuted within customer): types defined without context have excess exactly 0.
 */
import { DAY_MS } from "../clv/purchase-days.js";
import type { Interactions } from "../schema/interactions.js";
import type { ClvFit } from "./clv-fit.js";
import type { ContextCells } from "./context-cells.js";
import { excessOverNull, type NullEstimate } from "./null-estimate.js";
import { conditionHolds, PARTNERSHIP_BREADTH, RELATIONSHIP_RULES, RELATIONSHIP_SIGNALS, type RelationshipRule, type RelationshipSignal } from "./relationship-rules.js";

/** Signals per data customer (NaN where not available; customers without calibration rows have tenure NaN). */
export type RelationshipSignals = Record<RelationshipSignal, Float64Array>;

/** One type of the population. */
export interface RelationshipTypeSummary {
  readonly type: string;
  readonly customers: number;
  readonly share: number;
  /** Mean predicted CLV at the calibration end (buyers only); null for prospects or none. */
  readonly meanClv: number | null;
  /** Mean value in the holdout period. */
  readonly meanHoldoutValue: number | null;
  /** Share with any purchase in the holdout. */
  readonly boughtInHoldout: number | null;
  /** Share of typed customers against its permutation null (paired 95% CI of the excess); null without context or when no permutation changes the type of anyone (a type defined without context). */
  readonly shareVsNull: NullEstimate | null;
}

/** The typology of a dataset. */
export interface RelationshipTypes {
  readonly rules: readonly RelationshipRule[];
  readonly signals: Readonly<Record<string, string>>;
  /** Customers with a calibration row (the ones typed). */
  readonly customers: number;
  readonly types: readonly RelationshipTypeSummary[];
  readonly notes: readonly string[];
}

/**
 * Signals of every data customer.
 * @param fit fitted CLV models (RFM summary of the buyers)
 * @param cells context tallies (empty without context)
 */
export function relationshipSignals(data: Interactions, fit: ClvFit, cells: readonly ContextCells[]): RelationshipSignals {
  const s = recordSignals(data, fit);
  if (cells.length === 0) return s;
  const context = new ContextSignals(data.customerIds.length);
  for (const cell of cells) context.add(cell);
  return { ...s, ...context.signals() };
}

/** The signals that do not read context (breadth and concentration NaN): the same in every permuted world. */
function recordSignals(data: Interactions, fit: ClvFit): RelationshipSignals {
  const n = data.customerIds.length, week = fit.summary.periodMs, cal = fit.window.calibrationEnd;
  const make = (): Float64Array => new Float64Array(n).fill(NaN);
  const s: RelationshipSignals = { purchases: make(), repeatPurchases: make(), tenureWeeks: make(), weeksSinceLastPurchase: make(), spanWeeks: make(), breadth: make(), concentration: make() };
  const firstRow = new Float64Array(n).fill(Infinity);
  const t = data.timestamp!;
  for (let i = 0; i < data.size; i++) if (t[i]! <= cal && t[i]! < firstRow[data.customer[i]!]!) firstRow[data.customer[i]!] = t[i]!;
  for (let c = 0; c < n; c++) {
    if (firstRow[c] === Infinity) continue;
    s.tenureWeeks[c] = (cal - Math.floor(firstRow[c]! / DAY_MS) * DAY_MS) / week;
    s.purchases[c] = 0;
  }
  const sm = fit.summary;
  for (let i = 0; i < sm.customer.length; i++) {
    const c = sm.customer[i]!;
    s.purchases[c] = sm.frequency[i]! + 1;
    s.repeatPurchases[c] = sm.frequency[i]!;
    s.weeksSinceLastPurchase[c] = sm.T[i]! - sm.recency[i]!;
    s.spanWeeks[c] = sm.recency[i]!;
    s.tenureWeeks[c] = Math.max(s.tenureWeeks[c]!, sm.T[i]!);
  }
  return s;
}

/**
 * The context signals, breadth and concentration, added dimension by dimension (in the data's order):
 * breadth = levels served in / levels lived in over all dimensions; concentration = the largest share of
 * a customer's value in one level, over the dimensions where they live in 2+ levels and have value.
 */
class ContextSignals {
  private readonly lived: Int32Array;
  private readonly served: Int32Array;
  private readonly concentration: Float64Array;

  constructor(customers: number) {
    this.lived = new Int32Array(customers);
    this.served = new Int32Array(customers);
    this.concentration = new Float64Array(customers).fill(NaN);
  }

  add(cell: ContextCells): void {
    const L = cell.levels.length;
    for (let c = 0; c < this.lived.length; c++) {
      let l = 0, v = 0, top = 0;
      for (let k = 0; k < L; k++) {
        const at = c * L + k;
        if (cell.rows[at]! > 0) l++;
        if (cell.purchases[at]! > 0) this.served[c]!++;
        v += cell.value[at]!;
        top = Math.max(top, cell.value[at]!);
      }
      this.lived[c]! += l;
      const conc = this.concentration[c]!;
      if (l >= 2 && v > 0) this.concentration[c] = Number.isNaN(conc) ? top / v : Math.max(conc, top / v);
    }
  }

  /** The signals of the dimensions added (breadth NaN for customers living in no known level). */
  signals(): Pick<RelationshipSignals, "breadth" | "concentration"> {
    const breadth = new Float64Array(this.lived.length).fill(NaN);
    for (let c = 0; c < this.lived.length; c++) if (this.lived[c]! > 0) breadth[c] = this.served[c]! / this.lived[c]!;
    return { breadth, concentration: this.concentration };
  }
}

/**
 * Type index (into rules) of customer c, or -1 when the customer has no calibration row.
 */
export function typeOf(rules: readonly RelationshipRule[], signals: RelationshipSignals, c: number): number {
  if (Number.isNaN(signals.tenureWeeks[c]!)) return -1;
  return rules.findIndex((r) => r.conditions.every((cond) => conditionHolds(cond, signals[cond.signal][c]!)));
}

/** The rules in force: the defaults, with the breadth condition on partnerships when context exists. */
export function rulesFor(hasContext: boolean): RelationshipRule[] {
  return RELATIONSHIP_RULES.map((r) => (hasContext && r.type === "committed partnership" ? { ...r, conditions: [...r.conditions, PARTNERSHIP_BREADTH] } : r));
}

/** Type index of every data customer (-1: no calibration row). */
function typeIndex(signals: RelationshipSignals, rules: readonly RelationshipRule[]): Int32Array {
  return Int32Array.from({ length: signals.tenureWeeks.length }, (_, c) => typeOf(rules, signals, c));
}

/**
 * The types' null, added world by world: each permuted world's cells, dimension by dimension, then
 * `endWorld()`, which types every customer on that world's context signals (the other signals are
 * the data's). `shares()`: per type, the share of worlds in which each customer has it.
 */
export class TypeNull {
  private readonly record: RelationshipSignals;
  private readonly rules: readonly RelationshipRule[];
  private readonly counts: Float64Array[];
  private world: ContextSignals;
  private worlds = 0;

  constructor(private readonly data: Interactions, fit: ClvFit) {
    this.record = recordSignals(data, fit);
    this.rules = rulesFor(true);
    this.counts = this.rules.map(() => new Float64Array(data.customerIds.length));
    this.world = new ContextSignals(data.customerIds.length);
  }

  /** Adds one dimension's cells of the current world (dimensions in the data's order). */
  add(cell: ContextCells): void {
    this.world.add(cell);
  }

  /** Types every customer on the current world and starts the next one. */
  endWorld(): void {
    const type = typeIndex({ ...this.record, ...this.world.signals() }, this.rules);
    for (let c = 0; c < type.length; c++) if (type[c]! >= 0) this.counts[type[c]!]![c]! += 1;
    this.world = new ContextSignals(this.data.customerIds.length);
    this.worlds++;
  }

  /**
   * Per type (the rules of data with context), the share of the worlds in which each customer has it.
   * @throws RangeError when no world was ended
   */
  shares(): Float64Array[] {
    if (this.worlds === 0) throw new RangeError("TypeNull: at least one permuted world is needed for a null baseline");
    return this.counts.map((k) => k.map((v) => v / this.worlds));
  }
}

/**
 * Types every customer with a calibration row and summarizes each type.
 * @param nullShares TypeNull.shares() of the permuted worlds (null without context: no null)
 */
export function relationshipTypes(data: Interactions, fit: ClvFit, cells: readonly ContextCells[], nullShares: readonly Float64Array[] | null, boot: { seed: number; resamples?: number }): RelationshipTypes {
  const rules = rulesFor(cells.length > 0);
  const n = data.customerIds.length;
  const type = typeIndex(relationshipSignals(data, fit, cells), rules);
  const index = new Int32Array(n).fill(-1);
  fit.summary.customer.forEach((c, i) => (index[c] = i));
  const acc = rules.map(() => ({ customers: 0, buyers: 0, clv: 0, holdout: 0, bought: 0 }));
  let typed = 0;
  for (let c = 0; c < n; c++) {
    const k = type[c]!;
    if (k < 0) continue;
    typed++;
    const a = acc[k]!;
    a.customers++;
    const i = index[c]!;
    if (i >= 0) {
      a.buyers++;
      a.clv += fit.clv[i]!;
      a.holdout += fit.holdoutValue[i]!;
      if (fit.summary.holdoutTransactions[i]! > 0) a.bought++;
    }
  }
  const vsNull = cells.length > 0 && nullShares !== null ? sharesVsNull(type, nullShares, boot) : null;
  const notes = cells.length === 0
    ? [`${"compartmentalized friendship"} and the breadth condition of committed partnership need context: ${"no context recorded"}`]
    : [];
  notes.push("holdout values of prospects are not tracked by the CLV summary (they had no calibration purchase)");
  return {
    rules, signals: RELATIONSHIP_SIGNALS, customers: typed, notes,
    types: rules.map((r, k) => {
      const a = acc[k]!;
      return {
        type: r.type, customers: a.customers, share: typed > 0 ? a.customers / typed : 0,
        meanClv: a.buyers > 0 ? a.clv / a.buyers : null,
        meanHoldoutValue: a.buyers > 0 ? a.holdout / a.buyers : null,
        boughtInHoldout: a.buyers > 0 ? a.bought / a.buyers : null,
        shareVsNull: vsNull ? vsNull[k]! : null,
      };
    }),
  };
}

/**
 * Each type's share of typed customers against its mean over the permuted worlds.
 * @param expected per type, each customer's share of worlds in which they have it (TypeNull.shares())
 */
function sharesVsNull(type: Int32Array, expected: readonly Float64Array[], boot: { seed: number; resamples?: number }): (NullEstimate | null)[] {
  const n = type.length, K = expected.length;
  const typed = Float64Array.from(type, (k) => (k >= 0 ? 1 : 0));
  // customers whose observed share of type k (1 when they are of type k, else 0) differs from its null
  const differing = expected.map((e, k) => e.reduce((a, v, c) => a + (v !== (type[c] === k ? 1 : 0) ? 1 : 0), 0));
  // per resample, Σ w·observed and Σ w·expected per type over typed customers: a customer adds w to
  // its own type's observed sum and w·expected to the types it has in some permuted world
  // (nonzeroPerCustomer). Every other term is w·0 = +0, which leaves a sum (of non-negative terms,
  // never −0) as it is, so the sums are those of adding all 2K terms per customer, bit for bit.
  const { start, kind, value } = nonzeroPerCustomer(expected, n);
  return excessOverNull(n, (w) => {
    let all = 0;
    const sums = new Float64Array(2 * K);
    for (let c = 0; c < n; c++) {
      const wc = w[c]!;
      if (wc === 0 || typed[c] === 0) continue;
      all += wc;
      sums[2 * type[c]!]! += wc;
      for (let j = start[c]!; j < start[c + 1]!; j++) sums[2 * kind[j]! + 1]! += wc * value[j]!;
    }
    return all > 0 ? sums.map((v) => v / all) : sums.fill(NaN);
  }, { ...boot, differing }).map((e, k) => (differing[k] === 0 ? null : e));
}

/** The nonzero entries of K columns of n customers, customer by customer (CSR): customer c's are kind/value[start[c] .. start[c + 1]), in column order. */
function nonzeroPerCustomer(columns: readonly Float64Array[], n: number): { start: Int32Array; kind: Int32Array; value: Float64Array } {
  const start = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) {
    let count = 0;
    for (const col of columns) if (col[c] !== 0) count++;
    start[c + 1] = start[c]! + count;
  }
  const kind = new Int32Array(start[n]!), value = new Float64Array(start[n]!);
  for (let c = 0, j = 0; c < n; c++) {
    columns.forEach((col, k) => {
      if (col[c] === 0) return;
      kind[j] = k;
      value[j++] = col[c]!;
    });
  }
  return { start, kind, value };
}

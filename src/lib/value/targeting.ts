/**
 * Targeting simulation: each model picks the offer for each customer in their current context,
 * the firm contacts the units its model scores highest, and both sides are scored.
 *
 *   units: synthetic (truth given) → one per customer with a calibration row, in the context of their last one;
 *          real data → each distinct (customer, context) of the holdout rows (offline replay);
 *          a purchase log (every row a purchase) → as synthetic: one per customer with a calibration row,
 *          because units drawn from its holdout rows would all be buyers (every offer accepted)
 *   per model: score every catalogue item for every unit (chunked) → chosen item = argmax
 *     → target the top `targetShare` of units by the chosen item's score
 *   firm:     acceptances (truth: P(accept); replay: the observed holdout outcome, only where the
 *             chosen item has one) and revenue (truth: P × the customer's calibration value per purchase)
 *   customer: relevance (truth: P(chosen) / max_i P(i); replay: the outcome on a 0..1 scale), and
 *             contacts beyond the customer's stated monthly maximum (cost and opt-out risk)
 *   paired:   every model against the reference (CRM) model on the same customers: differences in
 *             acceptance rate and revenue with one customer bootstrap (decisions fixed); for a model
 *             refitted on worlds with context labels permuted within customer, the same differences
 *             against that null (what the model gains from context being real)
 */
import { countingOrder } from "../columns/counting-order.js";
import { everyItemRows, type Interactions } from "../schema/interactions.js";
import type { BestItems } from "../models/model.js";
import { bootstrapCustomers, weightedMean, type Estimate } from "./customer-bootstrap.js";
import { excessOverNull, meanOver, ratioOfSums, type NullEstimate } from "./null-estimate.js";
import { isPurchase, rowValue, type ValueWindow } from "./purchase-log.js";

/** A fitted model as the simulation sees it. */
export interface ModelScorer {
  readonly name: string;
  /** Scores for every row (higher = better offer), length rows.size. */
  readonly score: (rows: Interactions) => Float64Array;
  /** Optional: `score` of everyItemRows(rows), the same numbers, made without those rows (FittedModel.predictEveryItem). */
  readonly scoreEveryItem?: (rows: Interactions) => Float64Array;
  /** Optional, with scoreEveryItem: each row's best item and its score, the argmax of scoreEveryItem bit for bit (FittedModel.bestItems). */
  readonly bestItems?: (rows: Interactions) => BestItems;
}

/** A model refitted on a permuted world, with that world's data. */
export interface NullScorer {
  readonly scorer: ModelScorer;
  /** The world, made when it is needed (its context columns are as large as the data's). */
  readonly world: () => Interactions;
}

/** Ground truth of a synthetic population. */
export interface TargetingTruth {
  /** P(accept) of customer code c, item code, context codes (one per dimension, data order). */
  readonly probability: (customer: number, item: number, contextCodes: Int32Array) => number;
  /** Most contacts per month each customer welcomes (0 = do not contact), by customer code. */
  readonly maxContactsPerMonth: ArrayLike<number>;
}

/** Options of {@link targetingSimulation}. */
export interface TargetingOptions {
  /** Share of units contacted. Default 0.5. */
  readonly targetShare?: number;
  /** Contacts each targeted customer receives in the campaign month. Default 4. */
  readonly contactsPerMonth?: number;
  readonly seed: number;
  readonly resamples?: number;
  /** The CRM model every other model is compared with. Default "customer-profile" when given, else the first model. */
  readonly reference?: string;
  /**
   * Per model name: the same model refitted on each permuted world (its null), with that world: the
   * null campaign takes its units (current contexts) from the permuted world, so that when context is
   * irrelevant the null campaign has the same distribution as the real one. Default none.
   */
  readonly nulls?: ReadonlyMap<string, readonly NullScorer[]>;
}

/** One model against the reference on the same customers (paired customer bootstrap, decisions fixed). */
export interface TargetingComparison {
  readonly model: string;
  readonly reference: string;
  /** Acceptance rate of the model's campaign minus the reference's, 95% CI. */
  readonly acceptanceRate: Estimate;
  /** Expected revenue of the model's campaign minus the reference's (currency units), 95% CI; null without money. */
  readonly revenue: Estimate | null;
  /** The differences against the model refitted on permuted contexts; null when no null was fitted. */
  readonly vsNull: { readonly permutations: number; readonly acceptanceRate: NullEstimate; readonly revenue: NullEstimate | null } | null;
}

/** Both sides of one model's campaign. */
export interface TargetingResult {
  readonly model: string;
  readonly targeted: number;
  /** Targeted units whose outcome is known (all with truth; replay: chosen item has a holdout outcome). */
  readonly evaluated: number;
  readonly firm: { readonly acceptances: number; readonly acceptanceRate: Estimate; readonly revenue: number | null };
  readonly customer: {
    readonly relevance: Estimate;
    /** Σ max(0, contacts − stated maximum) over targeted customers; null without stated preferences. */
    readonly excessContacts: number | null;
    /** Share of targeted customers contacted beyond their maximum (opt-out risk). */
    readonly optOutRiskShare: number | null;
    /** Targeted customers who asked not to be contacted at all. */
    readonly doNotContactTargeted: number | null;
  };
}

/** The simulation's output. */
export interface Targeting {
  readonly mode: "ground truth" | "holdout replay";
  readonly units: number;
  readonly candidates: number;
  readonly targetShare: number;
  readonly contactsPerMonth: number;
  readonly models: readonly TargetingResult[];
  /** Every other model against the reference model. */
  readonly comparisons: readonly TargetingComparison[];
  readonly notes: readonly string[];
}

/** Per-customer sums of one campaign: what the paired bootstrap resamples. */
interface CustomerSums { accepted: Float64Array; evaluated: Float64Array; revenue: Float64Array }

interface Units { customer: Int32Array; context: Int32Array[] }

/**
 * Runs the campaign for every model.
 * @param truth synthetic ground truth, or null for holdout replay
 * @throws RangeError on invalid options
 */
export function targetingSimulation(data: Interactions, window: ValueWindow, models: readonly ModelScorer[], truth: TargetingTruth | null, options: TargetingOptions): Targeting {
  const share = options.targetShare ?? 0.5, contacts = options.contactsPerMonth ?? 4;
  if (!(share > 0 && share <= 1)) throw new RangeError(`targetingSimulation: targetShare must be in (0, 1], got "${share}"`);
  if (!(Number.isInteger(contacts) && contacts >= 1)) throw new RangeError(`targetingSimulation: contactsPerMonth must be a positive integer, got "${contacts}"`);
  // a purchase log records no declined offer: replaying only its holdout rows would accept every
  // offer of every model (selection on the outcome), so its units are the calibration customers and
  // an offer with no holdout purchase counts as declined
  const purchaseLog = !truth && everyRowPurchase(data);
  // holdout rows are the same in every permuted world (only calibration labels move), so one index serves all
  const holdout = truth ? null : holdoutIndex(data, window);
  const unitsOf = (d: Interactions) => (truth || purchaseLog ? currentContexts(d, window) : holdoutUnits(d, holdout!));
  const units = unitsOf(data);
  const U = units.customer.length, I = data.itemIds.length, D = data.contexts.length;
  const codes = new Int32Array(D);
  const codesOf = (us: Units, u: number): Int32Array => {
    for (let d = 0; d < D; d++) codes[d] = us.context[d]![u]!;
    return codes;
  };
  const unitCodes = (u: number): Int32Array => codesOf(units, u);
  let best: Float64Array | null = null;
  const spend = truth ? valuePerPurchase(data, window) : null;
  if (truth) {
    best = new Float64Array(U);
    for (let u = 0; u < U; u++) for (let i = 0; i < I; i++) best[u] = Math.max(best[u]!, truth.probability(units.customer[u]!, i, unitCodes(u)));
  }
  const n = data.customerIds.length, nTarget = Math.round(share * U);
  const hasRevenue = Boolean(truth) || data.value !== null;
  /** One model's campaign: per-customer sums, and per-target acceptance and relevance. */
  const campaign = (model: ModelScorer, us: Units = units) => {
    const { chosen, score } = chooseOffers(data, us, model, window.calibrationEnd);
    const order = Array.from({ length: us.customer.length }, (_, u) => u).sort((a, b) => score[b]! - score[a]! || a - b);
    const accept = new Float64Array(nTarget).fill(NaN), relevance = new Float64Array(nTarget).fill(NaN);
    const sums: CustomerSums = { accepted: new Float64Array(n), evaluated: new Float64Array(n), revenue: new Float64Array(n) };
    let excess = 0, risky = 0, dnc = 0;
    for (let r = 0; r < nTarget; r++) {
      const u = order[r]!, c = us.customer[u]!, item = chosen[u]!, at = codesOf(us, u);
      let revenue = 0;
      if (truth) {
        const p = truth.probability(c, item, at);
        accept[r] = p;
        relevance[r] = us === units && best![u]! > 0 ? p / best![u]! : NaN;
        revenue = p * spend![c]!;
        const max = truth.maxContactsPerMonth[c]!;
        excess += Math.max(0, contacts - max);
        if (contacts > max) risky++;
        if (max === 0) dnc++;
      } else {
        const o = replayOutcome(data, holdout!, c, at, item);
        if (!o && !purchaseLog) continue;
        accept[r] = o ? o.accepted / o.rows : 0;
        relevance[r] = o ? o.relevance / o.rows : 0;
        revenue = o ? o.value / o.rows : 0;
      }
      sums.accepted[c]! += accept[r]!;
      sums.evaluated[c]! += 1;
      sums.revenue[c]! += revenue;
    }
    return { model: model.name, accept, relevance, sums, excess, risky, dnc };
  };
  const runs = models.map((m) => campaign(m));
  const results = runs.map((run): TargetingResult => {
    const a = run.accept.filter((v) => !Number.isNaN(v)), rel = run.relevance.filter((v) => !Number.isNaN(v));
    const [rate] = bootstrapCustomers(a.length, (w) => [weightedMean(a, w)], options);
    const [relv] = bootstrapCustomers(rel.length, (w) => [weightedMean(rel, w)], { ...options, seed: options.seed + 1 });
    return {
      model: run.model, targeted: nTarget, evaluated: a.length,
      firm: { acceptances: a.reduce((s, v) => s + v, 0), acceptanceRate: rate!, revenue: hasRevenue ? run.sums.revenue.reduce((s, v) => s + v, 0) : null },
      customer: {
        relevance: relv!,
        excessContacts: truth ? run.excess : null, optOutRiskShare: truth ? (nTarget > 0 ? run.risky / nTarget : 0) : null, doNotContactTargeted: truth ? run.dnc : null,
      },
    };
  });
  const refName = options.reference ?? (models.some((m) => m.name === "customer-profile") ? "customer-profile" : models[0]?.name);
  const ref = runs.find((r) => r.model === refName);
  const comparisons = ref
    ? runs.filter((r) => r !== ref).map((run, k) => {
        // holdout units read only holdout rows, which every world leaves as recorded: the same units
        const nullRuns = (options.nulls?.get(run.model) ?? []).map((m) => campaign(m.scorer, truth || purchaseLog ? unitsOf(m.world()) : units).sums);
        return compareCampaigns(run.model, run.sums, ref.model, ref.sums, nullRuns, hasRevenue, { ...options, seed: options.seed + 10 + k });
      })
    : [];
  const notes: string[] = [];
  if (purchaseLog) notes.push("holdout replay of a purchase log: every customer with a calibration purchase is a unit, in the context of their latest one; an offer is accepted when the customer bought the offered item in that context during the holdout, declined otherwise; contact preferences are not recorded");
  else if (!truth) notes.push("holdout replay: only units whose chosen item has a holdout outcome for that customer in that context are scored; contact preferences are not recorded");
  if (I === 1) notes.push("the catalogue has one item: every model makes the same offer, so models differ only in whom they contact");
  if (D === 0) notes.push("no context recorded: the current context is empty and context models see what profile models see");
  if (!ref && models.length > 0) notes.push(`no reference model "${refName}": models are not compared`);
  return { mode: truth ? "ground truth" : "holdout replay", units: U, candidates: I, targetShare: share, contactsPerMonth: contacts, models: results, comparisons, notes };
}

/**
 * A model's campaign against the reference's on the same customers, and against the model's null campaigns.
 * Acceptance rate = Σ accepted / Σ evaluated over targeted units; revenue = Σ expected revenue.
 */
export function compareCampaigns(model: string, a: CustomerSums, reference: string, b: CustomerSums, nulls: readonly CustomerSums[], hasRevenue: boolean, boot: { seed: number; resamples?: number }): TargetingComparison {
  const n = a.accepted.length;
  const rate = (s: CustomerSums, w: Float64Array) => ratioOfSums(s.accepted, s.evaluated, w);
  const total = (x: Float64Array, w: Float64Array) => {
    let t = 0;
    for (let c = 0; c < n; c++) t += w[c]! * x[c]!;
    return t;
  };
  const [acc, rev] = bootstrapCustomers(n, (w) => [rate(a, w) - rate(b, w), hasRevenue ? total(a.revenue, w) - total(b.revenue, w) : NaN], boot);
  let vsNull: TargetingComparison["vsNull"] = null;
  if (nulls.length > 0) {
    const mean: CustomerSums = { accepted: meanOver(nulls.map((s) => s.accepted)), evaluated: meanOver(nulls.map((s) => s.evaluated)), revenue: meanOver(nulls.map((s) => s.revenue)) };
    const [accNull, revNull] = excessOverNull(n, (w) => [
      rate(a, w) - rate(b, w), rate(mean, w) - rate(b, w),
      hasRevenue ? total(a.revenue, w) - total(b.revenue, w) : NaN, hasRevenue ? total(mean.revenue, w) - total(b.revenue, w) : NaN,
    ], { ...boot, seed: boot.seed + 1 });
    vsNull = { permutations: nulls.length, acceptanceRate: accNull!, revenue: hasRevenue ? revNull! : null };
  }
  return { model, reference, acceptanceRate: acc!, revenue: hasRevenue ? rev! : null, vsNull };
}

/** One unit per customer with a calibration row, in the context of their latest calibration row. */
function currentContexts(data: Interactions, window: ValueWindow): Units {
  const n = data.customerIds.length, t = data.timestamp!;
  const last = new Int32Array(n).fill(-1);
  for (let i = 0; i < data.size; i++) {
    if (t[i]! > window.calibrationEnd) continue;
    const c = data.customer[i]!;
    if (last[c] === -1 || t[i]! >= t[last[c]!]!) last[c] = i;
  }
  const rows = Int32Array.from(Array.from(last).filter((r) => r >= 0));
  return { customer: rows.map((r) => data.customer[r]!), context: data.contexts.map((d) => rows.map((r) => d.codes[r]!)) };
}

/** Whether every row of the data is a purchase (a purchase log: no declined offer recorded). */
function everyRowPurchase(data: Interactions): boolean {
  for (let i = 0; i < data.size; i++) if (!isPurchase(data, i)) return false;
  return data.size > 0;
}

/**
 * The holdout rows ordered by (customer, context codes, item), row order kept among equal keys
 * (chained stable counting sorts: linear, typed arrays only, where a map keyed by strings held one
 * object per key and made every later allocation pay for marking them), and where each customer's
 * rows start.
 */
interface HoldoutIndex {
  readonly order: Int32Array;
  /** Customer c's holdout rows are order[start[c]] … order[start[c + 1] − 1]. */
  readonly start: Int32Array;
}

function holdoutIndex(data: Interactions, window: ValueWindow): HoldoutIndex {
  const t = data.timestamp!;
  let h = 0;
  for (let i = 0; i < data.size; i++) if (t[i]! > window.calibrationEnd && t[i]! <= window.holdoutEnd) h++;
  let order: Int32Array = new Int32Array(h);
  for (let i = 0, k = 0; i < data.size; i++) if (t[i]! > window.calibrationEnd && t[i]! <= window.holdoutEnd) order[k++] = i;
  order = countingOrder(data.item, data.itemIds.length, order).order;
  for (let d = data.contexts.length - 1; d >= 0; d--) order = countingOrder(data.contexts[d]!.codes, data.contexts[d]!.levels.length, order).order;
  return countingOrder(data.customer, data.customerIds.length, order);
}

/** Row r's context codes against `at`, then its item against `item`: negative, 0 or positive. */
function compareKey(data: Interactions, r: number, at: Int32Array, item: number): number {
  for (let d = 0; d < at.length; d++) {
    const diff = data.contexts[d]!.codes[r]! - at[d]!;
    if (diff !== 0) return diff;
  }
  return data.item[r]! - item;
}

/** Distinct (customer, context) pairs among the holdout rows, in the order of their first row. */
function holdoutUnits(data: Interactions, index: HoldoutIndex): Units {
  const { order, start } = index, D = data.contexts.length, n = data.customerIds.length;
  const first: number[] = [];
  const at = new Int32Array(D);
  for (let c = 0; c < n; c++) {
    // within a customer, a context's rows are contiguous (sorted by context, then item)
    for (let p = start[c]!; p < start[c + 1]!;) {
      const r0 = order[p]!;
      for (let d = 0; d < D; d++) at[d] = data.contexts[d]!.codes[r0]!;
      let min = r0;
      for (p++; p < start[c + 1]! && sameContext(data, order[p]!, at); p++) min = Math.min(min, order[p]!);
      first.push(min);
    }
  }
  const rows = Int32Array.from(first).sort();
  return { customer: rows.map((r) => data.customer[r]!), context: data.contexts.map((d) => rows.map((r) => d.codes[r]!)) };
}

function sameContext(data: Interactions, r: number, at: Int32Array): boolean {
  for (let d = 0; d < at.length; d++) if (data.contexts[d]!.codes[r] !== at[d]) return false;
  return true;
}

/**
 * Holdout outcome of customer c offered `item` in context `at`: rows, accepted, relevance on 0..1,
 * value, summed in row order; null when the customer has no holdout row there.
 */
function replayOutcome(data: Interactions, index: HoldoutIndex, c: number, at: Int32Array, item: number): { rows: number; accepted: number; relevance: number; value: number } | null {
  const { order, start } = index;
  let lo = start[c]!, hi = start[c + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKey(data, order[mid]!, at, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo === start[c + 1]! || compareKey(data, order[lo]!, at, item) !== 0) return null;
  const { min, max, type } = data.outcomeSpec;
  const o = { rows: 0, accepted: 0, relevance: 0, value: 0 };
  for (let p = lo; p < start[c + 1]! && compareKey(data, order[p]!, at, item) === 0; p++) {
    const i = order[p]!, y = data.outcome[i]!;
    // ratings: accepted when in the top quarter of the scale (4+ of 1..5); relevance is the scale position
    const rel = type === "rating" ? (y - min) / (max - min) : isPurchase(data, i) ? 1 : 0;
    o.rows++;
    o.accepted += type === "rating" ? (rel >= 0.75 ? 1 : 0) : rel;
    o.relevance += rel;
    o.value += data.value ? rowValue(data, i) : 0;
  }
  return o;
}

/** Calibration value per purchase of each customer (population mean when they never bought). */
function valuePerPurchase(data: Interactions, window: ValueWindow): Float64Array {
  const n = data.customerIds.length, v = new Float64Array(n), p = new Float64Array(n), t = data.timestamp!;
  let V = 0, P = 0;
  for (let i = 0; i < data.size; i++) {
    if (t[i]! > window.calibrationEnd || !isPurchase(data, i)) continue;
    v[data.customer[i]!]! += rowValue(data, i);
    p[data.customer[i]!]! += 1;
    V += rowValue(data, i);
    P++;
  }
  return v.map((x, c) => (p[c]! > 0 ? x / p[c]! : P > 0 ? V / P : 0));
}

/** Argmax item per unit under a model (its bestItems where it has them), scoring units × items in chunks of about a million (unit, item) pairs. */
function chooseOffers(data: Interactions, units: Units, model: ModelScorer, time: number): { chosen: Int32Array; score: Float64Array } {
  const U = units.customer.length, I = data.itemIds.length;
  const chosen = new Int32Array(U), score = new Float64Array(U).fill(-Infinity);
  const chunk = Math.max(1, Math.floor((1 << 20) / I));
  for (let lo = 0; lo < U; lo += chunk) {
    const hi = Math.min(U, lo + chunk), size = hi - lo;
    // the chunk's units as rows at the campaign's time; unit u's candidates are its row with each item
    const rows: Interactions = {
      size, customerIds: data.customerIds, itemIds: data.itemIds, outcomeSpec: data.outcomeSpec, value: null, truth: null,
      customer: units.customer.subarray(lo, hi), item: new Int32Array(size),
      timestamp: new Float64Array(size).fill(time),
      outcome: new Float64Array(size).fill(data.outcomeSpec.min),
      contexts: data.contexts.map((d, k) => ({ name: d.name, levels: d.levels, codes: units.context[k]!.subarray(lo, hi) })),
    };
    if (model.bestItems) {
      const best = model.bestItems(rows);
      chosen.set(best.item, lo);
      score.set(best.score, lo);
      continue;
    }
    const s = model.scoreEveryItem ? model.scoreEveryItem(rows) : model.score(everyItemRows(rows));
    for (let u = lo, r = 0; u < hi; u++) {
      for (let i = 0; i < I; i++, r++) {
        if (s[r]! > score[u]!) {
          score[u] = s[r]!;
          chosen[u] = i;
        }
      }
    }
  }
  return { chosen, score };
}

/**
 * Targeting simulation: each model picks the offer for each customer in their current context,
 * the firm contacts the units its model scores highest, and both sides are scored.
 *
 *   units: synthetic (truth given) → one per customer with a calibration row, in the context of their last one;
 *          real data → each distinct (customer, context) of the holdout rows (offline replay)
 *   per model: score every catalogue item for every unit (chunked) → chosen item = argmax
 *     → target the top `targetShare` of units by the chosen item's score
 *   firm:     acceptances (truth: P(accept); replay: the observed holdout outcome, only where the
 *             chosen item has one) and revenue (truth: P × the customer's calibration value per purchase)
 *   customer: relevance (truth: P(chosen) / max_i P(i); replay: the outcome on a 0..1 scale), and
 *             contacts beyond the customer's stated monthly maximum (cost and opt-out risk)
 */
import type { Interactions } from "../schema/interactions.js";
import { bootstrapCustomers, weightedMean, type Estimate } from "./customer-bootstrap.js";
import { isPurchase, rowValue, type ValueWindow } from "./purchase-log.js";

/** A fitted model as the simulation sees it. */
export interface ModelScorer {
  readonly name: string;
  /** Scores for every row (higher = better offer), length rows.size. */
  readonly score: (rows: Interactions) => Float64Array;
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
  readonly notes: readonly string[];
}

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
  const units = truth ? currentContexts(data, window) : holdoutUnits(data, window);
  const replay = truth ? null : replayOutcomes(data, window);
  const U = units.customer.length, I = data.itemIds.length, D = data.contexts.length;
  const codes = new Int32Array(D);
  const unitCodes = (u: number): Int32Array => {
    for (let d = 0; d < D; d++) codes[d] = units.context[d]![u]!;
    return codes;
  };
  let best: Float64Array | null = null;
  const spend = truth ? valuePerPurchase(data, window) : null;
  if (truth) {
    best = new Float64Array(U);
    for (let u = 0; u < U; u++) for (let i = 0; i < I; i++) best[u] = Math.max(best[u]!, truth.probability(units.customer[u]!, i, unitCodes(u)));
  }
  const results = models.map((model) => {
    const { chosen, score } = chooseOffers(data, units, model, window.calibrationEnd);
    const order = Array.from({ length: U }, (_, u) => u).sort((a, b) => score[b]! - score[a]! || a - b);
    const nTarget = Math.round(share * U);
    const accept = new Float64Array(nTarget).fill(NaN), relevance = new Float64Array(nTarget).fill(NaN);
    let revenue = 0, excess = 0, risky = 0, dnc = 0, evaluated = 0, hasRevenue = Boolean(truth) || data.value !== null;
    for (let r = 0; r < nTarget; r++) {
      const u = order[r]!, c = units.customer[u]!, item = chosen[u]!;
      if (truth) {
        const p = truth.probability(c, item, unitCodes(u));
        accept[r] = p;
        relevance[r] = best![u]! > 0 ? p / best![u]! : NaN;
        revenue += p * spend![c]!;
        const max = truth.maxContactsPerMonth[c]!;
        excess += Math.max(0, contacts - max);
        if (contacts > max) risky++;
        if (max === 0) dnc++;
        evaluated++;
      } else {
        const o = replay!.get(key(c, unitCodes(u), item, D));
        if (!o) continue;
        evaluated++;
        accept[r] = o.accepted / o.rows;
        relevance[r] = o.relevance / o.rows;
        revenue += o.value / o.rows;
      }
    }
    const a = accept.filter((v) => !Number.isNaN(v)), rel = relevance.filter((v) => !Number.isNaN(v));
    const [rate] = bootstrapCustomers(a.length, (w) => [weightedMean(a, w)], options);
    const [relv] = bootstrapCustomers(rel.length, (w) => [weightedMean(rel, w)], { ...options, seed: options.seed + 1 });
    return {
      model: model.name, targeted: nTarget, evaluated,
      firm: { acceptances: a.reduce((s, v) => s + v, 0), acceptanceRate: rate!, revenue: hasRevenue ? revenue : null },
      customer: {
        relevance: relv!,
        excessContacts: truth ? excess : null, optOutRiskShare: truth ? (nTarget > 0 ? risky / nTarget : 0) : null, doNotContactTargeted: truth ? dnc : null,
      },
    };
  });
  const notes: string[] = [];
  if (!truth) notes.push("holdout replay: only units whose chosen item has a holdout outcome for that customer in that context are scored; contact preferences are not recorded");
  if (I === 1) notes.push("the catalogue has one item: every model makes the same offer, so models differ only in whom they contact");
  if (D === 0) notes.push("no context recorded: the current context is empty and context models see what profile models see");
  return { mode: truth ? "ground truth" : "holdout replay", units: U, candidates: I, targetShare: share, contactsPerMonth: contacts, models: results, notes };
}

function key(c: number, codes: Int32Array, item: number, D: number): string {
  let s = `${c}|${item}`;
  for (let d = 0; d < D; d++) s += `|${codes[d]}`;
  return s;
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

/** Distinct (customer, context) pairs among the holdout rows. */
function holdoutUnits(data: Interactions, window: ValueWindow): Units {
  const seen = new Set<string>(), rows: number[] = [], t = data.timestamp!, D = data.contexts.length;
  const codes = new Int32Array(D);
  for (let i = 0; i < data.size; i++) {
    if (t[i]! <= window.calibrationEnd || t[i]! > window.holdoutEnd) continue;
    for (let d = 0; d < D; d++) codes[d] = data.contexts[d]!.codes[i]!;
    const k = key(data.customer[i]!, codes, -1, D);
    if (!seen.has(k)) {
      seen.add(k);
      rows.push(i);
    }
  }
  return { customer: Int32Array.from(rows, (r) => data.customer[r]!), context: data.contexts.map((d) => Int32Array.from(rows, (r) => d.codes[r]!)) };
}

/** Holdout outcomes per (customer, item, context): rows, accepted, relevance on 0..1, value. */
function replayOutcomes(data: Interactions, window: ValueWindow): Map<string, { rows: number; accepted: number; relevance: number; value: number }> {
  const out = new Map<string, { rows: number; accepted: number; relevance: number; value: number }>();
  const t = data.timestamp!, D = data.contexts.length, codes = new Int32Array(D);
  const { min, max, type } = data.outcomeSpec;
  for (let i = 0; i < data.size; i++) {
    if (t[i]! <= window.calibrationEnd || t[i]! > window.holdoutEnd) continue;
    for (let d = 0; d < D; d++) codes[d] = data.contexts[d]!.codes[i]!;
    const k = key(data.customer[i]!, codes, data.item[i]!, D);
    const o = out.get(k) ?? { rows: 0, accepted: 0, relevance: 0, value: 0 };
    const y = data.outcome[i]!;
    // ratings: accepted when in the top quarter of the scale (4+ of 1..5); relevance is the scale position
    const rel = type === "rating" ? (y - min) / (max - min) : isPurchase(data, i) ? 1 : 0;
    o.rows++;
    o.accepted += type === "rating" ? (rel >= 0.75 ? 1 : 0) : rel;
    o.relevance += rel;
    o.value += data.value ? rowValue(data, i) : 0;
    out.set(k, o);
  }
  return out;
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

/** Argmax item per unit under a model, scoring units × items in chunks of about a million rows. */
function chooseOffers(data: Interactions, units: Units, model: ModelScorer, time: number): { chosen: Int32Array; score: Float64Array } {
  const U = units.customer.length, I = data.itemIds.length;
  const chosen = new Int32Array(U), score = new Float64Array(U).fill(-Infinity);
  const chunk = Math.max(1, Math.floor((1 << 20) / I));
  for (let lo = 0; lo < U; lo += chunk) {
    const hi = Math.min(U, lo + chunk), size = (hi - lo) * I;
    const unitOf = (r: number): number => lo + Math.floor(r / I);
    const rows: Interactions = {
      size, customerIds: data.customerIds, itemIds: data.itemIds, outcomeSpec: data.outcomeSpec, value: null, truth: null,
      customer: Int32Array.from({ length: size }, (_, r) => units.customer[unitOf(r)]!),
      item: Int32Array.from({ length: size }, (_, r) => r % I),
      timestamp: new Float64Array(size).fill(time),
      outcome: new Float64Array(size).fill(data.outcomeSpec.min),
      contexts: data.contexts.map((d, k) => ({ name: d.name, levels: d.levels, codes: Int32Array.from({ length: size }, (_, r) => units.context[k]![unitOf(r)]!) })),
    };
    const s = model.score(rows);
    for (let r = 0; r < size; r++) {
      const u = unitOf(r);
      if (s[r]! > score[u]!) {
        score[u] = s[r]!;
        chosen[u] = r % I;
      }
    }
  }
  return { chosen, score };
}

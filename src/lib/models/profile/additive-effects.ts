import type { Interactions } from "../../schema/interactions.js";
import type { OutcomeSpec } from "../../schema/outcome.js";

/**
 * Shrunken additive effects: the engine behind the profile models.
 *
 *   η(row) = μ + Σ_g β_g[key_g(row)]        prediction = link⁻¹(η)
 *
 * Each grouping g (item, customer, customer×companion, ...) contributes one effect per key. Effects
 * are fitted by cyclic penalized Newton steps (exact backfitting for Gaussian outcomes, one Newton
 * step per pass for the logit link) with a Gaussian prior β ~ N(0, τ_g²) whose variance is estimated
 * from the data on every pass (method of moments, as in DerSimonian–Laird): a grouping whose keys
 * do not really differ gets τ_g² ≈ 0 and its effects shrink to 0, so a customer×context effect falls
 * back to the customer's effect, which falls back to the population. Sparse keys shrink hardest.
 *
 * Cost: O(rows) per grouping per pass, memory O(rows + keys). Keys not seen in training predict 0.
 */
export interface Grouping {
  /** Name shown in model descriptions, e.g. "customer×companion". */
  readonly name: string;
  /** Number of distinct keys. */
  readonly size: number;
  /** Key of each row of `data`, in [0, size). */
  keys(data: Interactions): Int32Array;
}

export interface AdditiveOptions {
  /** Backfitting passes over all groupings. Default 8. */
  readonly passes?: number;
  /** Smallest prior variance τ² (logit or outcome units²); keeps the penalty finite. Default 1e-6. */
  readonly minVariance?: number;
}

export interface AdditiveFit {
  readonly link: "logit" | "identity";
  readonly intercept: number;
  readonly groupings: readonly Grouping[];
  readonly effects: readonly Float64Array[];
  /** Estimated prior standard deviation τ per grouping. */
  readonly priorSd: readonly number[];
  /** Residual standard deviation (identity link) or 1 (logit). */
  readonly residualSd: number;
}

const EPS = 1e-12;

export function linkFor(spec: OutcomeSpec): AdditiveFit["link"] {
  return spec.type === "binary" ? "logit" : "identity";
}

/** Fits intercept and effects of `groupings` on `train`. */
export function fitAdditiveEffects(train: Interactions, groupings: readonly Grouping[], options: AdditiveOptions = {}): AdditiveFit {
  const passes = options.passes ?? 8;
  const minVariance = options.minVariance ?? 1e-6;
  const link = linkFor(train.outcomeSpec);
  const n = train.size;
  const y = train.outcome;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= Math.max(1, n);
  const intercept = link === "logit" ? logit(Math.min(1 - 1e-6, Math.max(1e-6, mean))) : mean;
  const keys = groupings.map((g) => g.keys(train));
  const effects = groupings.map((g) => new Float64Array(g.size));
  const priorSd = groupings.map(() => 0);
  const eta = new Float64Array(n).fill(intercept);
  let residualVar = link === "logit" ? 1 : variance(y, mean);

  for (let pass = 0; pass < passes; pass++) {
    for (let g = 0; g < groupings.length; g++) {
      const k = keys[g]!;
      const beta = effects[g]!;
      const size = beta.length;
      const score = new Float64Array(size);
      const info = new Float64Array(size);
      for (let i = 0; i < n; i++) {
        const key = k[i]!;
        if (link === "logit") {
          const p = sigmoid(eta[i]!);
          score[key]! += y[i]! - p;
          info[key]! += Math.max(p * (1 - p), EPS);
        } else {
          score[key]! += (y[i]! - eta[i]!) / residualVar;
          info[key]! += 1 / residualVar;
        }
      }
      // Method of moments: an unpenalized one-step estimate u = β + s/I has variance ≈ τ² + 1/I.
      let sumSq = 0, sumInvInfo = 0, used = 0;
      for (let j = 0; j < size; j++) {
        if (info[j]! <= 0) continue;
        const u = beta[j]! + score[j]! / info[j]!;
        sumSq += u * u;
        sumInvInfo += 1 / info[j]!;
        used++;
      }
      const tau2 = used > 1 ? Math.max(minVariance, (sumSq - sumInvInfo) / used) : minVariance;
      const lambda = 1 / tau2;
      const delta = new Float64Array(size);
      for (let j = 0; j < size; j++) {
        if (info[j]! <= 0) continue;
        // penalized Newton step on  loglik − λβ²/2
        delta[j] = (score[j]! - lambda * beta[j]!) / (info[j]! + lambda);
        beta[j]! += delta[j]!;
      }
      for (let i = 0; i < n; i++) eta[i]! += delta[k[i]!]!;
      priorSd[g] = Math.sqrt(tau2);
    }
    if (link === "identity") {
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (y[i]! - eta[i]!) ** 2;
      residualVar = Math.max(EPS, ss / Math.max(1, n));
    }
  }
  return { link, intercept, groupings, effects, priorSd, residualSd: Math.sqrt(residualVar) };
}

/** Linear predictor for every row of `rows` (keys beyond a fitted table contribute 0). */
export function predictAdditive(fit: AdditiveFit, rows: Interactions): Float64Array {
  const eta = new Float64Array(rows.size).fill(fit.intercept);
  fit.groupings.forEach((g, gi) => {
    const k = g.keys(rows);
    const beta = fit.effects[gi]!;
    for (let i = 0; i < rows.size; i++) eta[i]! += beta[k[i]!] ?? 0;
  });
  if (fit.link === "logit") for (let i = 0; i < eta.length; i++) eta[i] = sigmoid(eta[i]!);
  return eta;
}

function variance(y: Float64Array, mean: number): number {
  let ss = 0;
  for (let i = 0; i < y.length; i++) ss += (y[i]! - mean) ** 2;
  return Math.max(EPS, ss / Math.max(1, y.length));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

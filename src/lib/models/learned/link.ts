import type { OutcomeType } from "../../schema/outcome.js";

/**
 * How a model's raw score s relates to the outcome, per outcome type:
 *   binary  P(y = 1) = sigmoid(s),         loss = log-loss (softplus(s) − y·s)
 *   rating  E[y] = s + center,             loss = ½(s − (y − center))²  (trained on centered ratings)
 *   amount  E[y] ≈ expm1(s + center),      loss = ½(s − (log1p(y) − center))²
 *   count   E[y] = exp(s + center),         loss = exp(s) − t·s with t = y / ȳ   (Poisson, log link)
 * `center` is the training mean of the (transformed) target, so a zero score predicts the mean;
 * for counts center = log ȳ, and the Poisson loss μ − y·log μ with μ = ȳ·exp(s), divided by ȳ,
 * is exp(s) − (y/ȳ)·s + const: the same minimiser, with gradients of order 1 whatever the counts' scale.
 */
export interface Link {
  readonly type: OutcomeType;
  /** Mean of the transformed target (0 for binary). */
  readonly center: number;
}

/** How a learned model's kernels score a row against its target (see the module comment). */
export type LossKind = "logistic" | "squared" | "poisson";

/** The loss of an outcome type. */
export function lossKind(type: OutcomeType): LossKind {
  return type === "binary" ? "logistic" : type === "count" ? "poisson" : "squared";
}

/** Smallest training mean a count link centres on (all-zero training counts would give log 0). */
const MIN_COUNT_MEAN = 1e-6;

/** The link for a training set: its type and the mean of its transformed target. */
export function makeLink(type: OutcomeType, outcome: Float64Array): Link {
  if (type === "binary") return { type, center: 0 };
  if (type === "count") return { type, center: Math.log(Math.max(MIN_COUNT_MEAN, mean(outcome))) };
  let sum = 0;
  for (let i = 0; i < outcome.length; i++) sum += transform(type, outcome[i]!);
  return { type, center: outcome.length > 0 ? sum / outcome.length : 0 };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length > 0 ? sum / values.length : 0;
}

function transform(type: OutcomeType, y: number): number {
  return type === "amount" ? Math.log1p(y) : y;
}

/** Per-row training target: y for binary, the centered (transformed) outcome otherwise. */
export function targets(link: Link, outcome: Float64Array): Float32Array {
  const out = new Float32Array(outcome.length);
  if (link.type === "binary") out.set(outcome);
  else if (link.type === "count") {
    const scale = Math.exp(-link.center);
    for (let i = 0; i < outcome.length; i++) out[i] = outcome[i]! * scale;
  } else for (let i = 0; i < outcome.length; i++) out[i] = transform(link.type, outcome[i]!) - link.center;
  return out;
}

/**
 * Loss of one row and its derivative with respect to the score, written into `grad[0]`.
 * @param s raw score; @param t target from {@link targets}
 */
export function lossAndGrad(loss: LossKind, s: number, t: number, grad: Float64Array): number {
  if (loss === "poisson") {
    // exp overflows past 709; a score of 30 already predicts e^30 ≈ 10^13 times the mean count
    const mu = Math.exp(Math.min(s, 30));
    grad[0] = mu - t;
    return mu - t * s;
  }
  if (loss === "logistic") {
    // stable log-loss: softplus(s) − t·s
    const e = Math.exp(-Math.abs(s));
    grad[0] = (s >= 0 ? 1 / (1 + e) : e / (1 + e)) - t;
    return Math.max(s, 0) + Math.log1p(e) - t * s;
  }
  const r = s - t;
  grad[0] = r;
  return 0.5 * r * r;
}

/** The prediction on the outcome's scale for a raw score. */
export function inverseLink(link: Link, s: number): number {
  switch (link.type) {
    case "binary":
      return 1 / (1 + Math.exp(-s));
    case "rating":
      return s + link.center;
    case "amount":
      return Math.expm1(s + link.center);
    case "count":
      return Math.exp(Math.min(s + link.center, 700));
  }
}

import type { Interactions } from "../../schema/interactions.js";
import type { OutcomeSpec } from "../../schema/outcome.js";

/**
 * Shrunken additive effects: the engine behind the profile models.
 *
 *   η(row) = μ + Σ_g β_g[key_g(row)],   β_g ~ N(0, τ_g²),   prediction = link⁻¹(η)
 *
 * Each grouping g (item, customer, customer×companion, ...) contributes one random effect per key:
 * the crossed random-effects model lme4 writes `y ~ 1 + (1|item) + (1|customer) + (1|customer:ctx) ...`.
 *
 * One pass updates, in turn:
 *  - the effects, each grouping given all others (backfitting). Gaussian outcomes: the exact
 *    conditional mode; logit: penalized IRLS, weights p(1−p) and working residuals linearized once
 *    per pass (one exp per row per pass). A grouping nested in another (customer×context in
 *    customer) is updated jointly with it, one small exact Newton system per parent key
 *    (1 + Σ_dims levels unknowns), because parent and child explain the same rows: one at a time
 *    they converge slowly and their posterior variances are badly underestimated;
 *  - the variances, at the EM fixed point τ_g² = mean_k(β_k² + v_k), v_k the posterior variance of
 *    β_k given the other groupings (exact within a parent's block, 1/(W_k/φ + 1/τ_g²) otherwise;
 *    W_k: summed weights of key k, φ: residual variance σ² or 1 for the logit). It is solved by
 *    MacKay's update τ² ← Σβ_k² / Σγ_k, γ_k = 1 − v_k/τ² (same fixed point, far fewer passes; keys
 *    without training rows drop out), and σ² ← RSS / (n − 1 − Σγ) (REML-type: the degrees of freedom
 *    spent on the intercept and the effects are not counted as noise).
 * This is a Laplace (binary) / REML-type (Gaussian) EM. The method of moments it replaces sat at its
 * floor on binary data (issue 9); tests/lib/models/profile/variance-recovery.test.ts checks it
 * against lme4's lmer/glmer on simulated data with known components.
 *
 * A grouping whose keys do not really differ gets τ_g² at the floor and its effects shrink to 0, so a
 * customer×context effect falls back to the customer's effect, which falls back to the population.
 * Iterates until no SD (τ, σ) and no effect moves more than `tolerance` (link units) in a pass, or
 * `passes` runs out.
 *
 * Cost: O(rows × (1 + nested groupings)²) per pass plus O(block³) per parent key, memory O(rows + keys).
 * Keys not seen in training predict 0.
 */
export interface Grouping {
  /** Name shown in model descriptions, e.g. "customer×companion". */
  readonly name: string;
  /** Number of distinct keys. */
  readonly size: number;
  /** Key of each row of `data`, in [0, size). */
  keys(data: Interactions): Int32Array;
  /** Name of the grouping every key of this one lies within (customer×companion: "customer"), if any. */
  readonly nestedIn?: string;
  /**
   * Unpenalized fixed effects (no prior, no variance component): for groupings with a handful of keys
   * (context levels), whose variance no method can estimate from 2-5 draws. Default false.
   */
  readonly fixed?: boolean;
}

export interface AdditiveOptions {
  /** Most passes over all groupings. Default 100. */
  readonly passes?: number;
  /** Convergence: largest change of an SD (τ or σ) and of an effect in a pass, link units. Default 1e-3. */
  readonly tolerance?: number;
  /** Smallest prior variance τ² (link units²), the floor; keeps the penalty finite. Default 1e-6. */
  readonly minVariance?: number;
}

/** One estimated variance component, as reported in describe() and metrics.json. */
export interface VarianceComponent {
  /** The grouping's name ("customer×companion") or "residual" (Gaussian outcomes). */
  readonly grouping: string;
  /** Estimated standard deviation (link units: log-odds for binary outcomes, outcome units otherwise). */
  readonly sd: number;
  /** True when the estimate sits at (within 1.5× of) the floor `sqrt(minVariance)`: the data showed no spread here. */
  readonly atFloor: boolean;
  /** Keys with training rows (the residual: training rows). */
  readonly levels: number;
}

export interface AdditiveFit {
  readonly link: "logit" | "identity";
  readonly intercept: number;
  readonly groupings: readonly Grouping[];
  readonly effects: readonly Float64Array[];
  /** Estimated prior standard deviation τ per grouping (Infinity for fixed groupings). */
  readonly priorSd: readonly number[];
  /** Residual standard deviation (identity link) or 1 (logit). */
  readonly residualSd: number;
  /** Every estimated component: one per random grouping, then the residual for the identity link. */
  readonly components: readonly VarianceComponent[];
  /** Passes run, and whether the tolerance was reached within them. */
  readonly passes: number;
  readonly converged: boolean;
}

const EPS = 1e-12;

export function linkFor(spec: OutcomeSpec): AdditiveFit["link"] {
  return spec.type === "binary" ? "logit" : "identity";
}

/** A parent grouping with the groupings nested in it, and the parent's rows grouped by key (CSR). */
interface Block {
  readonly parent: number;
  readonly children: readonly number[];
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

/** Working state shared by the update steps of one fit. */
interface State {
  readonly n: number;
  readonly keys: readonly Int32Array[];
  readonly fixed: readonly boolean[];
  readonly effects: readonly Float64Array[];
  readonly tau2: Float64Array;
  /** Effective number of parameters Σγ per grouping, from its last update. */
  readonly dof: Float64Array;
  readonly resid: Float64Array;
  readonly eta: Float64Array | null;
  readonly weight: Float32Array | null;
  phi: number;
  maxDelta: number;
  maxSdChange: number;
  readonly minVariance: number;
}

/** Fits intercept, effects and variance components of `groupings` on `train`. */
export function fitAdditiveEffects(train: Interactions, groupings: readonly Grouping[], options: AdditiveOptions = {}): AdditiveFit {
  const maxPasses = options.passes ?? 100;
  const tolerance = options.tolerance ?? 1e-3;
  const minVariance = options.minVariance ?? 1e-6;
  const link = linkFor(train.outcomeSpec);
  const logitLink = link === "logit";
  const n = train.size;
  const y = train.outcome;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= Math.max(1, n);
  let intercept = logitLink ? logit(Math.min(1 - 1e-6, Math.max(1e-6, mean))) : mean;
  const keys = groupings.map((g) => g.keys(train));
  const levels = keys.map((k, g) => countKeys(k, groupings[g]!.size));
  const blocks = blocksOf(groupings, keys);
  const inBlock = new Set(blocks.flatMap((b) => [b.parent, ...b.children]));
  // resid: working residual in link units (Gaussian: y − η); eta and weights only for the logit link
  const phi0 = logitLink ? 1 : Math.max(EPS, variance(y, mean));
  const st: State = {
    n,
    keys,
    fixed: groupings.map((g) => g.fixed === true),
    effects: groupings.map((g) => new Float64Array(g.size)),
    // τ² starts at a tenth of the outcome's variance (a quarter on the log-odds scale)
    tau2: Float64Array.from(groupings, () => (logitLink ? 0.25 : Math.max(minVariance, phi0 / 10))),
    dof: new Float64Array(groupings.length),
    resid: new Float64Array(n),
    eta: logitLink ? new Float64Array(n).fill(intercept) : null,
    weight: logitLink ? new Float32Array(n) : null,
    phi: phi0,
    maxDelta: 0,
    maxSdChange: 0,
    minVariance,
  };
  const { resid, eta, weight } = st;
  for (let i = 0; i < n; i++) resid[i] = y[i]! - intercept;
  let passes = 0, converged = false;

  while (passes < maxPasses && !converged) {
    passes++;
    st.maxDelta = 0;
    st.maxSdChange = 0;
    if (eta && weight) {
      for (let i = 0; i < n; i++) {
        const p = sigmoid(eta[i]!);
        const w = Math.max(p * (1 - p), EPS);
        weight[i] = w;
        resid[i] = (y[i]! - p) / w;
      }
    }
    intercept += updateIntercept(st);
    for (let g = 0; g < groupings.length; g++) {
      if (!inBlock.has(g)) updateGrouping(st, g);
    }
    for (const b of blocks) updateBlock(st, b);
    if (!logitLink) {
      let rss = 0;
      for (let i = 0; i < n; i++) rss += resid[i]! * resid[i]!;
      let spent = 1;
      for (let g = 0; g < st.dof.length; g++) spent += st.dof[g]!;
      const next = Math.max(EPS, rss / Math.max(1, n - spent));
      st.maxSdChange = Math.max(st.maxSdChange, Math.abs(Math.sqrt(next) - Math.sqrt(st.phi)));
      st.phi = next;
    }
    converged = st.maxSdChange < tolerance && st.maxDelta < tolerance;
  }
  const floorSd = Math.sqrt(minVariance);
  const priorSd = Array.from(st.tau2, (t, i) => (groupings[i]!.fixed ? Infinity : Math.sqrt(t)));
  const components: VarianceComponent[] = groupings.flatMap((g, i) =>
    g.fixed
      ? []
      : [{
          grouping: g.name,
          sd: priorSd[i]!,
          // a component on its way down stops within about `tolerance` of the floor
          atFloor: priorSd[i]! <= floorSd * 1.5,
          levels: levels[i]!,
        }],
  );
  const residualSd = logitLink ? 1 : Math.sqrt(st.phi);
  if (!logitLink) components.push({ grouping: "residual", sd: residualSd, atFloor: false, levels: n });
  return { link, intercept, groupings, effects: st.effects, priorSd, residualSd, components, passes, converged };
}

/** Unpenalized Newton step of the intercept; returns the step. */
function updateIntercept(st: State): number {
  const { n, resid, eta, weight } = st;
  let s = 0, wsum = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i]! : 1;
    s += w * resid[i]!;
    wsum += w;
  }
  const delta = wsum > 0 ? s / wsum : 0;
  for (let i = 0; i < n; i++) resid[i]! -= delta;
  if (eta) for (let i = 0; i < n; i++) eta[i]! += delta;
  st.maxDelta = Math.max(st.maxDelta, Math.abs(delta));
  return delta;
}

/** Conditional posterior mode of grouping g's effects given all others, then its τ² (diagonal posterior). */
function updateGrouping(st: State, g: number): void {
  const { n, resid, eta, weight } = st;
  const k = st.keys[g]!;
  const beta = st.effects[g]!;
  const size = beta.length;
  const score = new Float64Array(size);
  const info = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const key = k[i]!;
    const w = weight ? weight[i]! : 1;
    score[key]! += w * resid[i]!;
    info[key]! += w;
  }
  const fixed = st.fixed[g]!;
  // fixed effects get a vanishing ridge (1e-4 rows' worth) so that a level whose binary outcomes are all 1 stays finite
  const penalty = st.phi * (fixed ? 1e-4 : 1 / st.tau2[g]!);
  const delta = new Float64Array(size);
  let sumSq = 0, gamma = 0;
  for (let j = 0; j < size; j++) {
    const w = info[j]!;
    if (w <= 0) continue;
    const next = (score[j]! + w * beta[j]!) / (w + penalty);
    delta[j] = next - beta[j]!;
    beta[j] = next;
    st.maxDelta = Math.max(st.maxDelta, Math.abs(delta[j]!));
    sumSq += next * next;
    gamma += w / (w + penalty);
  }
  for (let i = 0; i < n; i++) resid[i]! -= delta[k[i]!]!;
  if (eta) for (let i = 0; i < n; i++) eta[i]! += delta[k[i]!]!;
  if (fixed) st.dof[g] = gamma;
  else setVariance(st, g, sumSq, gamma);
}

/** MacKay's fixed-point update τ² ← Σβ² / Σγ, floored. */
function setVariance(st: State, g: number, sumSq: number, gamma: number): void {
  const next = gamma > EPS ? Math.max(st.minVariance, sumSq / gamma) : st.minVariance;
  st.maxSdChange = Math.max(st.maxSdChange, Math.abs(Math.sqrt(next) - Math.sqrt(st.tau2[g]!)));
  st.tau2[g] = next;
  st.dof[g] = gamma;
}

/**
 * Joint update of a parent grouping and the groupings nested in it: for each parent key, the exact
 * Newton system over its own effect and its children's (precision H = Z'WZ/φ + diag(1/τ²), score
 * Z'W·resid/φ − β/τ²), solved by Cholesky; the diagonal of H⁻¹ gives the posterior variances.
 */
function updateBlock(st: State, b: Block): void {
  const { resid, eta, weight, keys, effects, tau2 } = st;
  const members = [b.parent, ...b.children];
  const m = members.length;
  const memberKeys = members.map((g) => keys[g]!);
  const memberBeta = members.map((g) => effects[g]!);
  // local index of each child key inside the current parent key's system (−1: not yet seen)
  const local = b.children.map((c) => new Int32Array(effects[c]!.length).fill(-1));
  let cap = 64;
  let h: Float64Array = new Float64Array(cap * cap), score: Float64Array = new Float64Array(cap);
  let owner: Int32Array = new Int32Array(cap), key: Int32Array = new Int32Array(cap);
  const sumSq = new Float64Array(m), gamma = new Float64Array(m);
  const invPhi = 1 / st.phi;
  const slot = new Int32Array(m);
  const parentKeys = b.start.length - 1;
  for (let u = 0; u < parentKeys; u++) {
    const from = b.start[u]!, to = b.start[u + 1]!;
    if (from === to) continue;
    // unknowns: 0 = the parent key, then each child key met in u's rows
    let size = 1;
    owner[0] = 0;
    key[0] = u;
    for (let r = from; r < to; r++) {
      const i = b.rows[r]!;
      for (let c = 0; c < b.children.length; c++) {
        const ck = memberKeys[c + 1]![i]!;
        if (local[c]![ck] === -1) {
          if (size === cap) {
            cap *= 2;
            h = new Float64Array(cap * cap);
            score = new Float64Array(cap);
            owner = growInt(owner, cap);
            key = growInt(key, cap);
          }
          local[c]![ck] = size;
          owner[size] = c + 1;
          key[size] = ck;
          size++;
        }
      }
    }
    h.fill(0, 0, size * size);
    score.fill(0, 0, size);
    for (let r = from; r < to; r++) {
      const i = b.rows[r]!;
      const w = (weight ? weight[i]! : 1) * invPhi;
      const wr = w * resid[i]!;
      slot[0] = 0;
      for (let c = 0; c < b.children.length; c++) slot[c + 1] = local[c]![memberKeys[c + 1]![i]!]!;
      for (let a = 0; a < m; a++) {
        const sa = slot[a]!;
        score[sa]! += wr;
        for (let c = 0; c < m; c++) h[sa * size + slot[c]!]! += w;
      }
    }
    for (let a = 0; a < size; a++) {
      const prec = 1 / tau2[members[owner[a]!]!]!;
      h[a * size + a]! += prec;
      score[a]! -= prec * memberBeta[owner[a]!]![key[a]!]!;
    }
    choleskyInPlace(h, size);
    const delta = choleskySolve(h, size, score);
    const v = choleskyInverseDiagonal(h, size);
    for (let a = 0; a < size; a++) {
      const o = owner[a]!;
      const beta = memberBeta[o]!;
      const next = beta[key[a]!]! + delta[a]!;
      beta[key[a]!] = next;
      st.maxDelta = Math.max(st.maxDelta, Math.abs(delta[a]!));
      sumSq[o]! += next * next;
      gamma[o]! += 1 - v[a]! / tau2[members[o]!]!;
    }
    for (let r = from; r < to; r++) {
      const i = b.rows[r]!;
      let d = delta[0]!;
      for (let c = 0; c < b.children.length; c++) d += delta[local[c]![memberKeys[c + 1]![i]!]!]!;
      resid[i]! -= d;
      if (eta) eta[i]! += d;
    }
    for (let a = 1; a < size; a++) local[owner[a]! - 1]![key[a]!] = -1;
  }
  members.forEach((g, o) => setVariance(st, g, sumSq[o]!, gamma[o]!));
}

/** Groupings nested in another grouping of the model, with the parent's rows grouped by its key. */
function blocksOf(groupings: readonly Grouping[], keys: readonly Int32Array[]): Block[] {
  const blocks: Block[] = [];
  groupings.forEach((g, parent) => {
    const children = groupings.flatMap((c, i) => (c.nestedIn === g.name ? [i] : []));
    if (children.length === 0) return;
    const k = keys[parent]!;
    const start = new Int32Array(g.size + 1);
    for (let i = 0; i < k.length; i++) start[k[i]! + 1]!++;
    for (let j = 0; j < g.size; j++) start[j + 1]! += start[j]!;
    const fill = start.slice(0, g.size);
    const rows = new Int32Array(k.length);
    for (let i = 0; i < k.length; i++) rows[fill[k[i]!]!++] = i;
    blocks.push({ parent, children, start, rows });
  });
  return blocks;
}

/** Lower Cholesky factor of the symmetric positive-definite size×size matrix a (row-major), in place. */
function choleskyInPlace(a: Float64Array, size: number): void {
  for (let j = 0; j < size; j++) {
    let d = a[j * size + j]!;
    for (let k = 0; k < j; k++) d -= a[j * size + k]! ** 2;
    const root = Math.sqrt(Math.max(d, EPS));
    a[j * size + j] = root;
    for (let i = j + 1; i < size; i++) {
      let s = a[i * size + j]!;
      for (let k = 0; k < j; k++) s -= a[i * size + k]! * a[j * size + k]!;
      a[i * size + j] = s / root;
    }
  }
}

/** Solves L Lᵀ x = b for the factor made by choleskyInPlace. */
function choleskySolve(l: Float64Array, size: number, b: Float64Array): Float64Array {
  const x = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * size + k]! * x[k]!;
    x[i] = s / l[i * size + i]!;
  }
  for (let i = size - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < size; k++) s -= l[k * size + i]! * x[k]!;
    x[i] = s / l[i * size + i]!;
  }
  return x;
}

/** Diagonal of (L Lᵀ)⁻¹: squared column norms of L⁻¹. */
function choleskyInverseDiagonal(l: Float64Array, size: number): Float64Array {
  const diag = new Float64Array(size);
  const col = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    // column j of L⁻¹ by forward substitution on e_j
    col.fill(0);
    col[j] = 1 / l[j * size + j]!;
    for (let i = j + 1; i < size; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * size + k]! * col[k]!;
      col[i] = s / l[i * size + i]!;
    }
    let sum = 0;
    for (let i = j; i < size; i++) sum += col[i]! ** 2;
    diag[j] = sum;
  }
  return diag;
}

function growInt(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  out.set(a);
  return out;
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

function countKeys(keys: Int32Array, size: number): number {
  const seen = new Uint8Array(size);
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    if (seen[keys[i]!] === 0) {
      seen[keys[i]!] = 1;
      count++;
    }
  }
  return count;
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

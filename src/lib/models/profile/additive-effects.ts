import type { Interactions } from "../../schema/interactions.js";
import type { OutcomeSpec } from "../../schema/outcome.js";
import { PARALLEL_MIN_ROWS, trainThreads } from "../learned/parallel-training.js";
import { blockRowOrder, blockSums, blocksOf, blockUnknowns, blockVarianceSums, updateBlockRange, type Block } from "./block-update.js";
import { onShared, sharedFloat64, sharedInt32, startParallelBlocks, type ParallelBlocks } from "./parallel-blocks.js";
import { linearizeRows, recomputeRows, shiftRows, sigmoid, type RowTarget } from "./row-sweeps.js";

export { sigmoid } from "./row-sweeps.js";

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
 * `passes` runs out. The passes are accelerated by SQUAREM (every third pass starts from an
 * extrapolation of the two before it; see fitAdditiveEffects): same fixed point, about a third of the
 * passes (1M binary rows: 85 → 24).
 *
 * Cost per pass: O(rows × groupings) plus, per nested block, O(cells × (1 + nested groupings)²) (a cell:
 * one parent key's rows with the same child keys) and O(block³) per parent key; memory O(rows + keys).
 * Keys not seen in training predict 0.
 */
export interface Grouping {
  /** Name shown in model descriptions, e.g. "customer×companion". */
  readonly name: string;
  /** Number of distinct keys. */
  readonly size: number;
  /**
   * Key of each row of `data`, in [0, size): a column of `data` itself, or a new array made by
   * `alloc` (default `new Int32Array`; a fit on several threads passes one on shared memory).
   */
  keys(data: Interactions, alloc?: (n: number) => Int32Array): Int32Array;
  /** Name of the grouping every key of this one lies within (customer×companion: "customer"), if any. */
  readonly nestedIn?: string;
  /**
   * Unpenalized fixed effects (no prior, no variance component): for groupings with a handful of keys
   * (context levels), whose variance no method can estimate from 2-5 draws. Default false.
   */
  readonly fixed?: boolean;
  /**
   * How the key depends on the row's item, so that a fitted model scores every item for a row at once
   * (predictAdditiveEveryItem): "none", or key = item · levels + inner(data)[row] (inner null: key =
   * item). Undeclared, the model scores each (row, item) pair as a row of its own.
   */
  readonly itemKey?: "none" | { readonly levels: number; readonly inner: ((data: Interactions) => Int32Array) | null };
}

export interface AdditiveOptions {
  /** Most passes over all groupings. Default 100. */
  readonly passes?: number;
  /** Convergence: largest change of an SD (τ or σ) and of an effect in a pass, link units. Default 1e-3. */
  readonly tolerance?: number;
  /** Smallest prior variance τ² (link units²), the floor; keeps the penalty finite. Default 1e-6. */
  readonly minVariance?: number;
  /** SQUAREM acceleration of the passes (false: plain passes, as a reference). Default true. */
  readonly accelerate?: boolean;
  /**
   * Threads of the block updates and row sweeps (parallel-blocks.ts), when the runtime installed
   * helper threads (Node: the same pool as the learned models). Default: every available core from
   * 100,000 rows (PARALLEL_MIN_ROWS), else 1. Every count gives the same fit bit for bit.
   */
  readonly threads?: number;
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
  /** Threads the block updates and row sweeps ran on. */
  readonly threads: number;
}

const EPS = 1e-12;

/** The row sweeps of a fit: on helper threads (ParallelBlocks) or here. */
type RowSweeps = Pick<ParallelBlocks, "linearize" | "shift" | "recompute">;

const NO_STEP = new Float64Array(0);

/** a[order[r]] for every r, on shared memory when `shared` (the fit's rows in block order). */
function gatherRows<A extends Int32Array | Float64Array>(a: A, order: Int32Array, shared: boolean): A {
  const Ctor = a.constructor as new (b: ArrayBufferLike, offset: number, length: number) => A;
  const out = new Ctor(shared ? new SharedArrayBuffer(Math.max(8, order.length * a.BYTES_PER_ELEMENT)) : new ArrayBuffer(order.length * a.BYTES_PER_ELEMENT), 0, order.length);
  for (let r = 0; r < order.length; r++) out[r] = a[order[r]!]!;
  return out;
}

export function linkFor(spec: OutcomeSpec): AdditiveFit["link"] {
  return spec.type === "binary" ? "logit" : "identity";
}

/** Working state shared by the update steps of one fit (its rows in the fit's order: see blockRowOrder). */
interface State extends RowTarget {
  readonly n: number;
  readonly keys: readonly Int32Array[];
  readonly fixed: readonly boolean[];
  readonly effects: readonly Float64Array[];
  readonly tau2: Float64Array;
  /** Effective number of parameters Σγ per grouping, from its last update. */
  readonly dof: Float64Array;
  /** Per block: each unknown's γ term of its last update (see blockVarianceSums). */
  readonly gamma: readonly Float64Array[];
  /**
   * Per row, side by side: the working residual (link units; Gaussian: y − η), then for the logit
   * link the linear predictor η and the IRLS weight p(1−p) (rounded to float32 as before). One row's
   * numbers share a cache line, so the nested-block updates, which visit rows in key order, miss the
   * cache once per row instead of once per column.
   */
  readonly vec: Float64Array;
  /** 3 for the logit link (resid, η, weight), 1 for the identity link (resid). */
  readonly stride: number;
  readonly logit: boolean;
  phi: number;
  maxDelta: number;
  maxSdChange: number;
  readonly minVariance: number;
}

/** A grouping without its key function: what the fit needs of it once each row's key is known. */
export type GroupingShape = Omit<Grouping, "keys">;

/** A fit without its groupings (fitEffectsOnKeys): all that a helper thread sends back. */
export type EffectsEstimate = Omit<AdditiveFit, "groupings">;

/** Fits intercept, effects and variance components of `groupings` on `train`. */
export function fitAdditiveEffects(train: Interactions, groupings: readonly Grouping[], options: AdditiveOptions = {}): AdditiveFit {
  // keys the fit shares with helper threads are made on shared memory, not copied there
  const alloc = fitThreads(train.size, options) > 1 ? sharedInt32 : undefined;
  return { ...fitEffectsOnKeys(groupings.map((g) => g.keys(train, alloc)), train.outcome, train.outcomeSpec, groupings, options), groupings };
}

/** The threads a fit of n rows runs on (AdditiveOptions.threads). */
function fitThreads(n: number, options: AdditiveOptions): number {
  const runtime = trainThreads();
  return runtime ? Math.max(1, Math.floor(options.threads ?? (n >= PARALLEL_MIN_ROWS ? runtime.available : 1))) : 1;
}

/**
 * The fit of fitAdditiveEffects from each grouping's key of every row and the outcomes (what a fit on
 * a helper thread gets: profile-fit-thread.ts).
 * @param rawKeys per grouping, the key of each row
 */
export function fitEffectsOnKeys(rawKeys: readonly Int32Array[], outcome: Float64Array, spec: OutcomeSpec, groupings: readonly GroupingShape[], options: AdditiveOptions = {}): EffectsEstimate {
  const maxPasses = options.passes ?? 100;
  const tolerance = options.tolerance ?? 1e-3;
  const minVariance = options.minVariance ?? 1e-6;
  const accelerate = options.accelerate ?? true;
  const link = linkFor(spec);
  const logitLink = link === "logit";
  const n = outcome.length;
  const threads = fitThreads(n, options);
  // what the helper threads read and write lives on shared memory when they share the work
  const alloc = threads > 1 ? sharedFloat64 : (size: number) => new Float64Array(size);
  // rows grouped by customer when they come otherwise (e.g. by time): see blockRowOrder
  const order = blockRowOrder(groupings, rawKeys);
  const keys = rawKeys.map((k) => (order ? gatherRows(k, order, threads > 1) : threads > 1 ? onShared(k) : k));
  const y = order ? gatherRows(outcome, order, threads > 1) : threads > 1 ? onShared(outcome) : outcome;
  const blocks = blocksOf(groupings, keys, undefined, threads > 1 ? sharedInt32 : undefined);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= Math.max(1, n);
  let intercept = logitLink ? logit(Math.min(1 - 1e-6, Math.max(1e-6, mean))) : mean;
  const levels = keys.map((k, g) => countKeys(k, groupings[g]!.size));
  const inBlock = new Set(blocks.flatMap((b) => [b.parent, ...b.children]));
  // resid: working residual in link units (Gaussian: y − η); eta and weights only for the logit link
  const phi0 = logitLink ? 1 : Math.max(EPS, variance(y, mean));
  const st: State = {
    n,
    y,
    keys,
    fixed: groupings.map((g) => g.fixed === true),
    effects: groupings.map((g) => alloc(g.size)),
    // τ² starts at a tenth of the outcome's variance (a quarter on the log-odds scale)
    tau2: alloc(groupings.length).fill(logitLink ? 0.25 : Math.max(minVariance, phi0 / 10)),
    dof: new Float64Array(groupings.length),
    gamma: blocks.map((b) => alloc(blockUnknowns(b))),
    vec: alloc(logitLink ? 3 * n : n),
    stride: logitLink ? 3 : 1,
    logit: logitLink,
    phi: phi0,
    maxDelta: 0,
    maxSdChange: 0,
    minVariance,
  };
  const { vec, stride: S } = st;
  for (let i = 0; i < n; i++) vec[i * S] = y[i]! - intercept;
  if (logitLink) for (let i = 0; i < n; i++) vec[i * S + 1] = intercept;
  let passes = 0, converged = false;
  // one EM pass (the map F of the fixed-point iteration); true when no SD and no effect moved more than tolerance
  const pass = (): boolean => {
    passes++;
    st.maxDelta = 0;
    st.maxSdChange = 0;
    let score = 0, info = 0;
    if (logitLink) {
      sweeps.linearize();
      // the sums in row order, on this thread (the same numbers whatever the threads)
      for (let i = 0; i < n; i++) {
        const w32 = vec[i * 3 + 2]!;
        score += w32 * vec[i * 3]!;
        info += w32;
      }
    } else {
      for (let i = 0; i < n; i++) score += vec[i]!;
      info = n;
    }
    intercept += updateIntercept(st, sweeps, score, info);
    for (let g = 0; g < groupings.length; g++) {
      if (!inBlock.has(g)) updateGrouping(st, sweeps, g);
    }
    blocks.forEach((b, i) => updateBlock(st, b, i, parallel));
    if (!logitLink) {
      let rss = 0;
      for (let i = 0; i < n; i++) rss += vec[i]! * vec[i]!;
      let spent = 1;
      for (let g = 0; g < st.dof.length; g++) spent += st.dof[g]!;
      const next = Math.max(EPS, rss / Math.max(1, n - spent));
      st.maxSdChange = Math.max(st.maxSdChange, Math.abs(Math.sqrt(next) - Math.sqrt(st.phi)));
      st.phi = next;
    }
    return st.maxSdChange < tolerance && st.maxDelta < tolerance;
  };
  // SQUAREM (Varadhan & Roland 2008, scheme S3) around the passes: the variance components converge
  // linearly and slowly (a customer×context SD creeps down by a few thousandths a pass for 80 passes),
  // so from x0, x1 = F(x0), x2 = F(x1) it jumps to x0 + 2α r + α² v (r = x1 − x0, v = x2 − 2x1 + x0,
  // α = ‖r‖/‖v‖, at most maxStep, which grows ×4 each time it is reached), then takes one plain pass
  // from there. The fixed point is the same; convergence is still judged on a plain pass, so the
  // stopping rule means what it meant. α = 1 is plain EM (x2). Variances are extrapolated on the log
  // scale so they stay positive. `passes` counts every pass (F evaluation).
  const dim = 2 + groupings.length + st.effects.reduce((s, e) => s + e.length, 0);
  const x0 = new Float64Array(dim), x1 = new Float64Array(dim), x2 = new Float64Array(dim);
  let maxStep = 1;
  const parallel = threads > 1 ? startParallelBlocks(trainThreads()!, threads, st, blocks, st.tau2, st.gamma) : null;
  const sweeps: RowSweeps = parallel ?? {
    linearize: () => linearizeRows(st, 0, n),
    shift: (g, step, delta) => shiftRows(st, g, step ?? NO_STEP, delta, 0, n),
    recompute: (at) => recomputeRows(st, at, 0, n),
  };
  try {
    while (passes < maxPasses && !converged) {
      packState(st, intercept, x0);
      converged = pass();
      if (converged || passes >= maxPasses) break;
      packState(st, intercept, x1);
      converged = pass();
      if (converged || passes >= maxPasses) break;
      packState(st, intercept, x2);
      let rr = 0, vv = 0;
      for (let j = 0; j < dim; j++) {
        const r = x1[j]! - x0[j]!, v = x2[j]! - 2 * x1[j]! + x0[j]!;
        rr += r * r;
        vv += v * v;
      }
      const alpha = vv > 0 && accelerate ? Math.min(maxStep, Math.max(1, Math.sqrt(rr / vv))) : 1;
      if (alpha === maxStep) maxStep *= 4;
      if (alpha > 1.01) {
        for (let j = 0; j < dim; j++) {
          const r = x1[j]! - x0[j]!, v = x2[j]! - 2 * x1[j]! + x0[j]!;
          x0[j] = x0[j]! + 2 * alpha * r + alpha * alpha * v;
        }
        if (plausibleJump(x0, x2, groupings.length)) intercept = unpackState(st, sweeps, x0);
        else maxStep = Math.max(1, maxStep / 4);
      }
    }
  } finally {
    parallel?.stop();
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
  return { link, intercept, effects: st.effects, priorSd, residualSd, components, passes, converged, threads };
}

/**
 * SQUAREM's safeguard without an objective: an extrapolated iterate is used only when it is finite and
 * moves no variance (τ², φ) by more than a factor of 1000 from the last plain pass; otherwise the fit
 * continues from that pass (x2) and the step bound shrinks.
 */
function plausibleJump(next: Float64Array, plain: Float64Array, groupings: number): boolean {
  const maxLogChange = Math.log(1000);
  for (let j = 1; j <= groupings + 1; j++) if (!(Math.abs(next[j]! - plain[j]!) <= maxLogChange)) return false;
  return next.every(Number.isFinite);
}

/** The iterate as one vector: intercept, log τ² per grouping, log φ, then every grouping's effects. */
function packState(st: State, intercept: number, out: Float64Array): void {
  out[0] = intercept;
  const G = st.tau2.length;
  for (let g = 0; g < G; g++) out[1 + g] = Math.log(st.tau2[g]!);
  out[1 + G] = Math.log(st.phi);
  let at = 2 + G;
  for (const e of st.effects) {
    out.set(e, at);
    at += e.length;
  }
}

/**
 * Sets the iterate from a packed vector (see packState) and recomputes every row's linear predictor
 * (logit) or residual (identity) from it; returns the intercept.
 */
function unpackState(st: State, sweeps: RowSweeps, x: Float64Array): number {
  const intercept = x[0]!;
  const G = st.tau2.length;
  for (let g = 0; g < G; g++) st.tau2[g] = Math.max(st.minVariance, Math.exp(x[1 + g]!));
  // the logit's φ is fixed at 1; the extrapolation leaves it there (its log is 0 in every iterate)
  st.phi = Math.max(EPS, Math.exp(x[1 + G]!));
  let at = 2 + G;
  for (const e of st.effects) {
    e.set(x.subarray(at, at + e.length));
    at += e.length;
  }
  sweeps.recompute(intercept);
  return intercept;
}

/** Unpenalized Newton step of the intercept from Σ w·resid (`score`) and Σ w (`info`); returns the step. */
function updateIntercept(st: State, sweeps: RowSweeps, score: number, info: number): number {
  const delta = info > 0 ? score / info : 0;
  sweeps.shift(-1, null, delta);
  st.maxDelta = Math.max(st.maxDelta, Math.abs(delta));
  return delta;
}

/** Conditional posterior mode of grouping g's effects given all others, then its τ² (diagonal posterior). */
function updateGrouping(st: State, sweeps: RowSweeps, g: number): void {
  const { n, vec, stride: S, logit } = st;
  const k = st.keys[g]!;
  const beta = st.effects[g]!;
  const size = beta.length;
  const score = new Float64Array(size);
  const info = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const key = k[i]!;
    const w = logit ? vec[i * S + 2]! : 1;
    score[key]! += w * vec[i * S]!;
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
  // one sweep moves both the residual and η (neighbours in vec)
  sweeps.shift(g, delta, 0);
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
 * Joint update of a block's parent grouping and its nested groupings over every parent key (on the
 * helper threads when given), then their τ² from sums added here, in one order for any thread count.
 */
function updateBlock(st: State, b: Block, index: number, parallel: ParallelBlocks | null): void {
  const members = [b.parent, ...b.children];
  const gamma = st.gamma[index]!;
  const step = parallel ? parallel.update(index, st.phi) : updateBlockRange(st, b, st.tau2, st.phi, 0, b.start.length - 1, gamma);
  st.maxDelta = Math.max(st.maxDelta, step);
  const out = new Float64Array(blockSums(members.length));
  blockVarianceSums(b, st.effects, gamma, out);
  members.forEach((g, o) => setVariance(st, g, out[o]!, out[members.length + o]!));
}

/** Linear predictor for every row of `rows` (keys beyond a fitted table contribute 0). */
export function predictAdditive(fit: AdditiveFit, rows: Interactions): Float64Array {
  const eta = new Float64Array(rows.size).fill(fit.intercept);
  fit.groupings.forEach((g, gi) => {
    const k = g.keys(rows);
    const beta = fit.effects[gi]!;
    for (let i = 0; i < rows.size; i++) eta[i]! += beta[k[i]!] ?? 0;
  });
  return inverseLink(fit, eta);
}

/** Whether every grouping declares how its key depends on the item (predictAdditiveEveryItem applies). */
export function scoresEveryItem(groupings: readonly Grouping[]): boolean {
  return groupings.every((g) => g.itemKey !== undefined);
}

/**
 * predictAdditive for every item of the catalogue at every row of `rows`: entry u·I + i (I =
 * rows.itemIds.length) is row u with its item replaced by item i, the same number bit for bit
 * (the terms added in the same order), without building I rows and their keys per row: a term that
 * does not depend on the item is looked up once per row, an item×context term in the item's slice,
 * and a row's candidates are summed while they are in cache (not one pass over every candidate per grouping).
 * @throws Error when a grouping does not declare its itemKey (see scoresEveryItem)
 */
export function predictAdditiveEveryItem(fit: AdditiveFit, rows: Interactions): Float64Array {
  const plan = everyItemPlan(fit, rows), I = plan.items;
  const eta = new Float64Array(rows.size * I);
  for (let u = 0; u < rows.size; u++) addEveryItem(plan, u, eta, u * I);
  return inverseLink(fit, eta);
}

/**
 * For every row of `rows`, the item whose score predictAdditiveEveryItem gives highest, then moved to
 * the outcome scale by `toOutcomeScale` (in place; null: none), the first such item in catalogue
 * order, and that score: what the argmax of those scores gives, bit for bit, without holding them.
 * A row's linear predictors are summed in a scratch row. With the logit link and no other move, σ is
 * computed only for the items within 1e-6 of the row's largest η (while that lies in (−700, 10]; all
 * of them otherwise): every other item's score is below the largest by about 1e-6·(1 − p) relative,
 * 10^4 times more than σ's rounding can make up, so it can be neither the largest nor tied with it.
 * @throws Error when a grouping does not declare its itemKey (see scoresEveryItem)
 */
export function bestItemsAdditive(fit: AdditiveFit, rows: Interactions, toOutcomeScale: ((scores: Float64Array) => Float64Array) | null): { item: Int32Array; score: Float64Array } {
  const plan = everyItemPlan(fit, rows), I = plan.items, n = rows.size;
  const eta = new Float64Array(I), item = new Int32Array(n), score = new Float64Array(n);
  const logitOnly = fit.link === "logit" && toOutcomeScale === null;
  for (let u = 0; u < n; u++) {
    addEveryItem(plan, u, eta, 0);
    let best = -Infinity, at = 0;
    if (logitOnly) {
      let max = -Infinity;
      for (let i = 0; i < I; i++) if (eta[i]! > max) max = eta[i]!;
      const from = max > -700 && max <= 10 ? max - 1e-6 : -Infinity;
      for (let i = 0; i < I; i++) {
        if (!(eta[i]! >= from)) continue;
        const p = sigmoid(eta[i]!);
        if (p > best) {
          best = p;
          at = i;
        }
      }
    } else {
      const s = toOutcomeScale ? toOutcomeScale(inverseLink(fit, eta)) : inverseLink(fit, eta);
      for (let i = 0; i < I; i++) {
        if (s[i]! > best) {
          best = s[i]!;
          at = i;
        }
      }
    }
    item[u] = at;
    score[u] = best;
  }
  return { item, score };
}

/** What scoring every item at a row reads (predictAdditiveEveryItem, bestItemsAdditive): per grouping, its key column or the inner code of its item × inner key. */
interface EveryItemPlan {
  readonly fit: AdditiveFit;
  readonly items: number;
  /** Per grouping: 1 when its key depends on the item. */
  readonly byItem: Uint8Array;
  /** Per grouping whose key depends on the item: inner levels (key = item · levels + inner). */
  readonly levels: Int32Array;
  /** Per grouping: its key per row (item-free), or the inner code per row (null: none). */
  readonly columns: readonly (Int32Array | null)[];
}

function everyItemPlan(fit: AdditiveFit, rows: Interactions): EveryItemPlan {
  const G = fit.groupings.length;
  const byItem = new Uint8Array(G), levels = new Int32Array(G), columns: (Int32Array | null)[] = [];
  fit.groupings.forEach((g, gi) => {
    const how = g.itemKey;
    if (how === undefined) throw new Error(`predictAdditiveEveryItem: grouping "${g.name}" does not declare how its key depends on the item`);
    byItem[gi] = how === "none" ? 0 : 1;
    levels[gi] = how === "none" ? 0 : how.levels;
    columns.push(how === "none" ? g.keys(rows) : how.inner ? how.inner(rows) : null);
  });
  return { fit, items: rows.itemIds.length, byItem, levels, columns };
}

/** Row u's linear predictor with each item, into eta[base .. base + I): the intercept, then each grouping's term in grouping order (a tight loop each). */
function addEveryItem(plan: EveryItemPlan, u: number, eta: Float64Array, base: number): void {
  const { fit, items: I, byItem, levels, columns } = plan, effects = fit.effects;
  eta.fill(fit.intercept, base, base + I);
  for (let g = 0; g < effects.length; g++) {
    const beta = effects[g]!, col = columns[g];
    if (byItem[g] === 0) {
      const t = beta[col![u]!] ?? 0;
      for (let i = base; i < base + I; i++) eta[i]! += t;
    } else {
      const x = col ? col[u]! : 0, L = levels[g]!;
      for (let i = 0; i < I; i++) eta[base + i]! += beta[i * L + x] ?? 0;
    }
  }
}

/** η moved to the outcome scale in place: σ(η) for the logit link, η itself otherwise. */
function inverseLink(fit: AdditiveFit, eta: Float64Array): Float64Array {
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

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

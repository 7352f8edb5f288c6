/**
 * Does the linear funnel predict journeys? A funnel with exit states against an unconstrained
 * transition model, both fitted on calibration months and scored on each customer's held-out months.
 *
 *   stage sequences ─► transitions whose target month is before the calibration-end month (fit)
 *                   └► transitions whose target month is after it (score: log-loss per transition)
 *   funnel:        prospect → {prospect, first}; first → {first, repeat, lapsed};
 *                  repeat and returned (read as repeat) → {repeat, lapsed}; lapsed → {lapsed} (exit)
 *                  allowed moves by smoothed counts, mixed with a leak ε spread over all stages
 *                  (ε chosen by calibration likelihood), so a move the funnel forbids costs −log(ε/S)
 *   unconstrained: every row of the 5 × 5 matrix from smoothed counts (add-one)
 *   estimate = unconstrained held-out log-loss; baseline (null: journeys follow the funnel) = funnel's;
 *   excess < 0: the unconstrained model predicts held-out months better. Paired customer bootstrap.
 * The month holding the calibration end is neither fitted nor scored (it mixes both periods).
 */
import { JOURNEY_STAGES, monthOf, type StageSequences } from "./journeys.js";
import { excessOverNull, ratioOfSums, type NullEstimate } from "./null-estimate.js";

const S = JOURNEY_STAGES.length;
const PROSPECT = 0, FIRST = 1, REPEAT = 2, LAPSED = 3;
const LEAKS = [1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3];

/** The funnel's allowed moves from each stage (module comment). */
export const FUNNEL_MOVES: readonly (readonly number[])[] = [
  [PROSPECT, FIRST], [FIRST, REPEAT, LAPSED], [REPEAT, LAPSED], [LAPSED], [REPEAT, LAPSED],
];

/** Whether from → to is a move the funnel with exit states allows (returned is read as repeat). */
export function isFunnelStep(from: number, to: number): boolean {
  return FUNNEL_MOVES[from]?.includes(to) ?? false;
}

/** The held-out comparison. */
export interface FunnelTest {
  /** Customers with at least one held-out transition. */
  readonly customers: number;
  readonly fitTransitions: number;
  readonly heldOutTransitions: number;
  /** Leak of the funnel chosen on calibration months. */
  readonly leak: number;
  /** Held-out log-loss per transition (nats): estimate = unconstrained, baseline = funnel. */
  readonly logLoss: NullEstimate;
  /** Share of held-out transitions the funnel forbids. */
  readonly forbiddenShare: number | null;
  readonly funnel: number[][];
  readonly unconstrained: number[][];
}

/**
 * Fits both models on calibration months and scores them on held-out months (module comment).
 * @param calibrationEnd ms; months after its month are held out
 */
export function funnelTest(seq: StageSequences, calibrationEnd: number, boot: { seed: number; resamples?: number }): FunnelTest {
  const cut = monthOf(calibrationEnd), n = seq.firstMonth.length;
  const counts = Array.from({ length: S }, () => new Float64Array(S));
  forEachTransition(seq, (_, a, b, m) => {
    if (m < cut) counts[a]![b]!++;
  });
  const unconstrained = counts.map((row) => {
    const total = row.reduce((x, y) => x + y, 0) + S;
    return Array.from(row, (v) => (v + 1) / total);
  });
  const allowed = counts.map((row, a) => {
    const moves = FUNNEL_MOVES[a]!, total = moves.reduce((x, b) => x + row[b]!, 0) + moves.length;
    return Array.from({ length: S }, (_, b) => (moves.includes(b) ? (row[b]! + 1) / total : 0));
  });
  const withLeak = (eps: number) => allowed.map((row) => row.map((p) => (1 - eps) * p + eps / S));
  let leak = LEAKS[0]!, best = -Infinity;
  for (const eps of LEAKS) {
    const f = withLeak(eps);
    let ll = 0;
    for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) ll += counts[a]![b]! * Math.log(f[a]![b]!);
    if (ll > best) {
      best = ll;
      leak = eps;
    }
  }
  const funnel = withLeak(leak);
  const lossU = new Float64Array(n), lossF = new Float64Array(n), held = new Float64Array(n);
  let fitTransitions = 0, heldOut = 0, forbidden = 0;
  forEachTransition(seq, (c, a, b, m) => {
    if (m < cut) fitTransitions++;
    if (m <= cut) return;
    heldOut++;
    held[c]!++;
    lossU[c]! -= Math.log(unconstrained[a]![b]!);
    lossF[c]! -= Math.log(funnel[a]![b]!);
    if (!isFunnelStep(a, b)) forbidden++;
  });
  const [logLoss] = excessOverNull(n, (w) => [ratioOfSums(lossU, held, w), ratioOfSums(lossF, held, w)], boot);
  let customers = 0;
  for (let c = 0; c < n; c++) if (held[c]! > 0) customers++;
  return { customers, fitTransitions, heldOutTransitions: heldOut, leak, logLoss: logLoss!, forbiddenShare: heldOut > 0 ? forbidden / heldOut : null, funnel, unconstrained };
}

/** Calls f(customer, from, to, target month) for every consecutive pair of months. */
function forEachTransition(seq: StageSequences, f: (c: number, from: number, to: number, month: number) => void): void {
  for (let c = 0; c < seq.firstMonth.length; c++) {
    if (seq.firstMonth[c]! < 0) continue;
    for (let at = seq.offsets[c]! + 1, m = seq.firstMonth[c]! + 1; at < seq.offsets[c + 1]!; at++, m++) f(c, seq.stages[at - 1]!, seq.stages[at]!, m);
  }
}

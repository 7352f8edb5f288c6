/**
 * Data for the CRM value diagnostic plots: frequency × recency heat maps of expected purchases and
 * P(alive) (lifetimes' plot_frequency_recency_matrix / plot_probability_alive_matrix).
 */
import type { TransactionModel } from "../clv/transaction-model.js";

/** A frequency × recency grid at a fixed age T; cells where recency is impossible are null. */
export interface FrequencyRecencyHeatmap {
  readonly model: string;
  /** Age T (periods) every cell is evaluated at: the largest T of the calibration customers. */
  readonly T: number;
  /** Periods ahead of the expected-purchases surface. */
  readonly horizon: number;
  /** Row values: repeat purchases x = 0..max. */
  readonly frequency: number[];
  /** Column values: recency t_x in periods, from 0 to T. */
  readonly recency: number[];
  /** expected[x][j]: E[purchases in the next `horizon` periods | x, recency[j], T]; null when x = 0 and t_x > 0. */
  readonly expected: (number | null)[][];
  /** pAlive[x][j]: P(active at T | x, recency[j], T); null when impossible. */
  readonly pAlive: (number | null)[][];
}

/**
 * The heat map of one model.
 * @param maxFrequency largest x row (integer >= 0)
 * @param recencyBins number of recency steps (columns = bins + 1)
 * @param horizon periods ahead for expected purchases (> 0)
 * @throws RangeError on invalid grid arguments
 */
export function frequencyRecencyHeatmap(model: TransactionModel, T: number, maxFrequency: number, recencyBins: number, horizon: number): FrequencyRecencyHeatmap {
  if (!(T >= 0 && Number.isFinite(T))) throw new RangeError(`frequencyRecencyHeatmap: T must be a finite number >= 0, got "${T}"`);
  if (!(Number.isInteger(maxFrequency) && maxFrequency >= 0)) throw new RangeError(`frequencyRecencyHeatmap: maxFrequency must be an integer >= 0, got "${maxFrequency}"`);
  if (!(Number.isInteger(recencyBins) && recencyBins >= 1)) throw new RangeError(`frequencyRecencyHeatmap: recencyBins must be a positive integer, got "${recencyBins}"`);
  if (!(horizon > 0 && Number.isFinite(horizon))) throw new RangeError(`frequencyRecencyHeatmap: horizon must be > 0, got "${horizon}"`);
  const frequency = Array.from({ length: maxFrequency + 1 }, (_, x) => x);
  const recency = Array.from({ length: recencyBins + 1 }, (_, j) => (T * j) / recencyBins);
  const expected = frequency.map((x) => recency.map((tx) => (x === 0 && tx > 0 ? null : model.conditionalExpected(x, tx, T, horizon))));
  const pAlive = frequency.map((x) => recency.map((tx) => (x === 0 && tx > 0 ? null : model.pAlive(x, tx, T))));
  return { model: model.name, T, horizon, frequency, recency, expected, pAlive };
}

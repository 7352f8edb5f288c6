import type { FittedModel, ModelDefinition } from "../model.js";

/** Registry name of the baseline every run compares against. */
export const GLOBAL_MEAN = "global-mean";

/**
 * The context-free baseline: the mean training outcome, predicted for every row. A model that
 * cannot beat it has learned nothing usable from customers, items or contexts, so every run
 * includes it (experiment-config.ts adds it when a config omits it) and warns when no model beats
 * it (evaluate-run.ts). Family "crm": it never sees context.
 *
 * Binary outcomes: a training mean of exactly 0 or 1 is moved half a row inwards
 * (1/(2n) or 1 − 1/(2n)), so that log-loss stays finite on a test row of the other class; a count
 * mean of 0 likewise becomes 1/(2n), so that the Poisson deviance stays finite.
 */
export const globalMean: ModelDefinition = {
  name: GLOBAL_MEAN,
  family: "crm",
  description: "Baseline: the mean training outcome for every row, ignoring customer, item and context.",
  outcomeTypes: ["binary", "rating", "amount", "count"],
  fit(train, options): FittedModel {
    const unknown = Object.keys(options.params ?? {});
    if (unknown.length > 0) throw new Error(`model ${GLOBAL_MEAN}: unknown parameter "${unknown[0]}"; this model takes no parameters`);
    const n = train.size;
    if (n === 0) throw new Error(`model ${GLOBAL_MEAN}: no training rows`);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += train.outcome[i]!;
    let mean = sum / n;
    if (train.outcomeSpec.type === "binary") mean = Math.min(1 - 1 / (2 * n), Math.max(1 / (2 * n), mean));
    // a count mean of 0 would make the Poisson deviance of any positive test count infinite
    if (train.outcomeSpec.type === "count") mean = Math.max(1 / (2 * n), mean);
    return {
      predict: (rows) => new Float64Array(rows.size).fill(mean),
      describe: () => ({ mean: Math.round(mean * 1e9) / 1e9, trainRows: n }),
    };
  },
};

/** Evaluation metrics: plain, weighted (frequency weights) and validated. */
export { auc, sortedAucContext } from "./auc.js";
export type { SortedAucContext } from "./auc.js";
export { brier } from "./brier.js";
export { computeMetric } from "./compute-metric.js";
export { LOG_LOSS_EPS, logLoss, logLossTerm } from "./log-loss.js";
export { mae } from "./mae.js";
export { poissonDeviance, poissonDevianceTerm } from "./poisson-deviance.js";
export { rmse } from "./rmse.js";
export type { NumericColumn } from "./validate-inputs.js";

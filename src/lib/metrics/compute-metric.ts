import type { MetricName } from "../evaluation/metric-names.js";
import { auc } from "./auc.js";
import { brier } from "./brier.js";
import { expectedCalibrationError } from "./calibration.js";
import { logLoss } from "./log-loss.js";
import { mae } from "./mae.js";
import { poissonDeviance } from "./poisson-deviance.js";
import { rmse } from "./rmse.js";
import type { NumericColumn } from "./validate-inputs.js";

/**
 * Any metric of METRICS by name.
 * @param name metric name ("auc", "logLoss", "brier", "rmse", "mae", "poissonDeviance")
 * @param outcome observed outcome per row (0/1 for auc, logLoss, brier)
 * @param prediction prediction per row (probability for logLoss/brier, any score for auc)
 * @param weights optional non-negative frequency weights per row
 * @returns the metric, or null where it is undefined (AUC with one class)
 * @throws RangeError on an unknown metric name and on every invalid input of the metric itself
 */
export function computeMetric(name: MetricName, outcome: NumericColumn, prediction: NumericColumn, weights?: NumericColumn): number | null {
  switch (name) {
    case "auc":
      return auc(outcome, prediction, weights);
    case "logLoss":
      return logLoss(outcome, prediction, weights);
    case "brier":
      return brier(outcome, prediction, weights);
    case "rmse":
      return rmse(outcome, prediction, weights);
    case "mae":
      return mae(outcome, prediction, weights);
    case "poissonDeviance":
      return poissonDeviance(outcome, prediction, weights);
    case "ece":
      if (weights) throw new RangeError(`computeMetric: ece does not take weights`);
      return expectedCalibrationError(outcome, prediction).ece;
    default:
      throw new RangeError(`computeMetric: unknown metric "${String(name)}"; expected one of auc, logLoss, brier, ece, rmse, mae, poissonDeviance`);
  }
}


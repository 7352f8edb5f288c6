import type { ExperimentConfig } from "../config/experiment-config.js";
import { GLOBAL_MEAN } from "../models/baseline/global-mean.js";
import type { ModelDefinition } from "../models/model.js";
import type { Interactions } from "../schema/interactions.js";
import { takeRows } from "../schema/interactions.js";
import type { ProtocolFolds } from "../split/protocol-folds.js";
import { selectModels, type SelectionRecord } from "./select-models.js";

/**
 * A `models: auto` config made concrete: selection runs on the training rows of the run's one fold
 * (the test rows are never passed on), and the config becomes an ordinary one whose models are the
 * selected CRM and IRM models (with their chosen parameters) and the baseline, compared with each
 * other in the headline. A config without `select` comes back unchanged, with no record.
 * @throws Error for a multi-fold split (every fold's training rows hold other folds' test rows, so
 *   no single selection is free of test data), and as selectModels
 */
export async function resolveSelection(
  data: Interactions,
  folds: ProtocolFolds,
  config: ExperimentConfig,
  options: { readonly getModel: (name: string) => ModelDefinition; readonly now?: () => number; readonly onProgress?: (fraction: number) => void },
): Promise<{ config: ExperimentConfig; selection: SelectionRecord | null }> {
  if (!config.select) return { config, selection: null };
  if (folds.folds.length !== 1) {
    throw new Error(`models: auto needs a holdout split (one train/test cut); the ${folds.kind} split has ${folds.folds.length} folds, and each fold's training rows are another fold's test rows. Use select.validation: kfold for k-fold selection inside the training rows`);
  }
  const train = takeRows(data, folds.folds[0]!.train);
  const selection = await selectModels(train, {
    select: config.select,
    split: config.split,
    seed: config.seed,
    getModel: options.getModel,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const { crm, irm } = selection.chosen;
  return {
    config: {
      ...config,
      models: [{ name: crm.model, params: crm.params }, { name: irm.model, params: irm.params }, { name: GLOBAL_MEAN, params: {} }],
      compare: { irm: irm.model, crm: crm.model },
    },
    selection,
  };
}

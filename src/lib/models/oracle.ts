import type { ModelDefinition } from "./model.js";

/**
 * The oracle: predicts the true probability the synthetic generator used. No model can do better
 * in expectation, so it marks the ceiling of every comparison. Real data has no truth: it refuses.
 */
export const oracle: ModelDefinition = {
  name: "oracle",
  family: "oracle",
  description: "The true probability of each outcome, known only for synthetic data: the best any model could do.",
  outcomeTypes: ["binary", "rating", "amount"],
  fit(train, options) {
    // a param here is a typo or a misunderstanding: say so rather than ignore it
    const unknown = Object.keys(options.params ?? {});
    if (unknown.length > 0) throw new Error(`model oracle: unknown parameter "${unknown[0]}"; this model takes no parameters`);
    if (!train.truth) throw new Error("model oracle: the data has no ground truth; the oracle runs on synthetic data only");
    return {
      predict(rows) {
        if (!rows.truth) throw new Error("model oracle: the rows to predict have no ground truth");
        return Float64Array.from(rows.truth);
      },
      describe: () => ({ source: "synthetic ground truth" }),
    };
  },
};

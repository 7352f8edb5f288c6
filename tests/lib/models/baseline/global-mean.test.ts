import { describe, expect, it } from "vitest";
import { baselineCheck } from "../../../../src/lib/models/baseline/baseline-check.js";
import { globalMean } from "../../../../src/lib/models/baseline/global-mean.js";
import { fitModel } from "../../../../src/lib/models/model.js";
import type { ModelMetrics } from "../../../../src/lib/records/metrics-record.js";
import { makeInteractions } from "../../../helpers/make-interactions.js";

const rating = { type: "rating" as const, min: 1, max: 5 };

describe("global-mean", () => {
  it("predicts the mean training outcome for every row, whatever the customer, item or context", async () => {
    const train = makeInteractions({ customer: ["a", "a", "b"], item: ["x", "y", "x"], outcome: [1, 2, 5], outcomeSpec: rating, contexts: { when: ["w", "v", "w"] } });
    const test = makeInteractions({ customer: ["b", "c"], item: ["y", "z"], outcome: [3, 4], outcomeSpec: rating, contexts: { when: ["v", "u"] } });
    const trained = await fitModel(globalMean, train, { seed: 0 });
    expect(Array.from(trained.predict(test))).toEqual([8 / 3, 8 / 3]);
    expect(trained.fitted.describe()).toEqual({ mean: Math.round((8 / 3) * 1e9) / 1e9, trainRows: 3 });
  });

  it("keeps a binary mean of 0 or 1 half a row inside (0, 1), so log-loss stays finite", async () => {
    const zeros = makeInteractions({ customer: ["a", "b", "c", "d"], item: ["x", "x", "x", "x"], outcome: [0, 0, 0, 0] });
    const ones = makeInteractions({ customer: ["a", "b"], item: ["x", "x"], outcome: [1, 1] });
    expect((await fitModel(globalMean, zeros, { seed: 0 })).predict(zeros)[0]).toBe(1 / 8);
    expect((await fitModel(globalMean, ones, { seed: 0 })).predict(ones)[0]).toBe(1 - 1 / 4);
  });

  it("refuses parameters, naming the first", async () => {
    const data = makeInteractions({ customer: ["a"], item: ["x"], outcome: [1] });
    await expect(fitModel(globalMean, data, { seed: 0, params: { dim: 3 } })).rejects.toThrow(/global-mean: unknown parameter "dim"; this model takes no parameters/);
  });
});

function scored(model: string, family: ModelMetrics["family"], rmse: number | null): ModelMetrics {
  return { model, family, overall: { rows: 10, customers: 5, metrics: { rmse } }, byContext: [] };
}

describe("baselineCheck", () => {
  it("warns, naming every model and value, when no model (oracle aside) beats the baseline", () => {
    const check = baselineCheck([scored("global-mean", "crm", 0.9344), scored("popularity", "crm", 0.9399), scored("context-profile", "irm", 0.9406), scored("oracle", "oracle", 0.5)], "rmse")!;
    expect(check.beatenBy).toEqual([]);
    expect(check.value).toBe(0.9344);
    expect(check.warning).toMatch(/^no model beats the global-mean baseline .* on RMSE: popularity 0\.9399, context-profile 0\.9406 vs global-mean 0\.9344/);
  });

  it("lists the models that beat it and gives no warning; a tie does not beat it", () => {
    const check = baselineCheck([scored("global-mean", "crm", 1), scored("mf", "crm", 0.9), scored("fm", "irm", 1)], "rmse")!;
    expect(check.beatenBy).toEqual(["mf"]);
    expect(check.warning).toBeNull();
  });

  it("uses the metric's direction (AUC: higher is better)", () => {
    const auc = (model: string, v: number): ModelMetrics => ({ model, family: "crm", overall: { rows: 10, customers: 5, metrics: { auc: v } }, byContext: [] });
    expect(baselineCheck([auc("global-mean", 0.5), auc("popularity", 0.6)], "auc")!.beatenBy).toEqual(["popularity"]);
    expect(baselineCheck([auc("global-mean", 0.5), auc("popularity", 0.4)], "auc")!.warning).not.toBeNull();
  });

  it("is null for a run without the baseline", () => {
    expect(baselineCheck([scored("mf", "crm", 1)], "rmse")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { fitModel, type ModelDefinition } from "../../../src/lib/models/model.js";
import type { Interactions } from "../../../src/lib/schema/interactions.js";
import { makeInteractions } from "../../helpers/make-interactions.js";

const data = makeInteractions({
  customer: ["a", "a", "b", "b"],
  item: ["x", "y", "x", "y"],
  outcome: [1, 0, 0, 1],
  contexts: { companion: ["alone", "family", "alone", "family"] },
  truth: [0.9, 0.1, 0.2, 0.8],
});

/** A spy model: records what it was given. */
function spy(family: ModelDefinition["family"]) {
  const seen: { fit?: Interactions; predict?: Interactions } = {};
  const def: ModelDefinition = {
    name: `spy-${family}`,
    family,
    description: "records its input",
    outcomeTypes: ["binary"],
    fit(train) {
      seen.fit = train;
      return { predict: (rows) => ((seen.predict = rows), new Float64Array(rows.size).fill(0.5)), describe: () => ({}) };
    },
  };
  return { def, seen };
}

describe("fitModel", () => {
  it("never shows context or truth to a single-profile (CRM) model, in fit or predict", async () => {
    const { def, seen } = spy("crm");
    const trained = await fitModel(def, data, { seed: 1 });
    trained.predict(data);
    expect(seen.fit!.contexts).toEqual([]);
    expect(seen.predict!.contexts).toEqual([]);
    expect(seen.fit!.truth).toBeNull();
    expect(seen.predict!.truth).toBeNull();
  });

  it("shows context but not truth to an IRM model, and everything to the oracle", async () => {
    const irm = spy("irm");
    await fitModel(irm.def, data, { seed: 1 });
    expect(irm.seen.fit!.contexts.map((c) => c.name)).toEqual(["companion"]);
    expect(irm.seen.fit!.truth).toBeNull();
    const oracle = spy("oracle");
    await fitModel(oracle.def, data, { seed: 1 });
    expect(oracle.seen.fit!.truth).not.toBeNull();
  });

  it("refuses an unsupported outcome type with the list of supported ones", async () => {
    const { def } = spy("crm");
    const ratings = { ...data, outcomeSpec: { type: "rating" as const, min: 1, max: 5 } };
    await expect(fitModel(def, ratings, { seed: 1 })).rejects.toThrowError(/outcome type "rating" is not supported; it supports binary/);
  });

  it("rejects predictions of the wrong length or non-finite values", async () => {
    const bad: ModelDefinition = {
      name: "bad",
      family: "crm",
      description: "",
      outcomeTypes: ["binary"],
      fit: () => ({ predict: (rows) => new Float64Array(rows.size).fill(Number.NaN), describe: () => ({}) }),
    };
    const trained = await fitModel(bad, data, { seed: 1 });
    expect(() => trained.predict(data)).toThrowError(/model bad: prediction for row 0 is NaN/);
  });
});

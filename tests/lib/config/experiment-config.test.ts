import { describe, expect, it } from "vitest";
import { parseExperimentConfig } from "../../../src/lib/config/experiment-config.js";

const valid = {
  name: "t",
  seed: 3,
  dataset: { synthetic: { customers: 100 } },
  models: ["popularity", "customer-profile", { name: "context-profile", params: { passes: 4 } }],
  compare: { irm: "context-profile", crm: "customer-profile" },
};

const parse = (raw: unknown) => parseExperimentConfig(raw, "exp.yaml");

describe("parseExperimentConfig", () => {
  it("fills defaults for split and bootstrap", () => {
    const c = parse(valid);
    expect(c.split).toEqual({ kind: "auto", testFraction: 0.2 });
    expect(c.bootstrap).toEqual({ resamples: 1000, level: 0.95, method: "percentile" });
    expect(c.ranking).toBeNull();
    expect(c.segments).toBe(true);
    expect(c.models[2]).toEqual({ name: "context-profile", params: { passes: 4 } });
    expect(c.dataset).toEqual({ kind: "synthetic", options: { customers: 100 } });
  });

  it("appends the global-mean baseline when the config omits it, and keeps it where the config lists it", () => {
    expect(parse(valid).models.map((m) => m.name)).toEqual(["popularity", "customer-profile", "context-profile", "global-mean"]);
    const listed = parse({ ...valid, models: ["global-mean", ...valid.models] });
    expect(listed.models.map((m) => m.name)).toEqual(["global-mean", "popularity", "customer-profile", "context-profile"]);
  });

  it("names an unknown key with the valid keys", () => {
    expect(() => parse({ ...valid, sede: 1 })).toThrowError(/exp.yaml: sede: unknown key "sede"; valid keys are name, seed, dataset/);
    expect(() => parse({ ...valid, split: { kind: "random", fraction: 0.1 } })).toThrowError(/split.fraction: unknown key "fraction"; valid keys are kind, testFraction/);
  });

  it("names an unknown model with the list of models", () => {
    expect(() => parse({ ...valid, models: ["popularity", "magic"] })).toThrowError(/models.1: expected one of global-mean, popularity, customer-profile, context-profile, mf, fm, camf, multi-persona, oracle.*got "magic"/);
  });

  it("rejects wrong types and out-of-range values, quoting the value", () => {
    expect(() => parse({ ...valid, seed: "x" })).toThrowError(/seed: expected a number, got "x"/);
    expect(() => parse({ ...valid, seed: 1.5 })).toThrowError(/seed: expected an integer, got 1.5/);
    expect(() => parse({ ...valid, bootstrap: { resamples: 3 } })).toThrowError(/bootstrap.resamples: expected a number >= 50, got 3/);
    expect(() => parse({ ...valid, split: { kind: "weekly" } })).toThrowError(/split.kind: expected one of auto, random, temporal, kfold, temporal-per-customer, pair-holdout, leave-last-out, unseen-context, got "weekly"/);
  });

  it("requires the compared models to be in the model list", () => {
    expect(() => parse({ ...valid, compare: { irm: "oracle", crm: "popularity" } })).toThrowError(/compare.irm: expected one of popularity, customer-profile, context-profile, got "oracle"/);
  });

  it("requires exactly one dataset source", () => {
    expect(() => parse({ ...valid, dataset: {} })).toThrowError(/dataset: give exactly one of descriptor/);
    expect(() => parse({ ...valid, dataset: { descriptor: "a.yaml", synthetic: {} } })).toThrowError(/give exactly one/);
  });

  it("rejects unknown metrics with the list of metrics", () => {
    expect(() => parse({ ...valid, metrics: ["auc", "f1"] })).toThrowError(/metrics.1: unknown metric "f1"; metrics are auc, logLoss, brier, ece, rmse, mae/);
  });

  it("rejects a config that is not a mapping", () => {
    expect(() => parse("hello")).toThrowError(/exp.yaml: \(top level\): expected a mapping, got "hello"/);
  });

  it("checks synthetic generator option names against the generator's options", () => {
    expect(() => parse({ ...valid, dataset: { synthetic: { customers: 100, offersPerCustomer: 3 } } })).toThrowError(
      /dataset.synthetic.offersPerCustomer: unknown key "offersPerCustomer"; valid keys are seed, customers, items, contextStrength/,
    );
    expect(() => parse({ ...valid, dataset: { synthetic: { customers: "many" } } })).toThrowError(/dataset.synthetic.customers: expected a number, got "many"/);
    expect(parse({ ...valid, dataset: { synthetic: { journeys: "funnel" } } }).dataset).toEqual({ kind: "synthetic", options: { journeys: "funnel" } });
    expect(() => parse({ ...valid, dataset: { synthetic: { journeys: "linear" } } })).toThrowError(/dataset.synthetic.journeys: .*free.*funnel/);
  });

  it("parses every protocol split kind with its own keys and defaults", () => {
    expect(parse({ ...valid, split: { kind: "kfold" } }).split).toEqual({ kind: "kfold", k: 5, groupBy: "row" });
    expect(parse({ ...valid, split: { kind: "kfold", k: 3, groupBy: "customer" } }).split).toEqual({ kind: "kfold", k: 3, groupBy: "customer" });
    expect(parse({ ...valid, split: { kind: "temporal-per-customer", testFraction: 0.3 } }).split).toEqual({ kind: "temporal-per-customer", testFraction: 0.3 });
    expect(parse({ ...valid, split: { kind: "leave-last-out" } }).split).toEqual({ kind: "leave-last-out", minInteractions: 2 });
    expect(parse({ ...valid, split: { kind: "unseen-context", dimension: "companion" } }).split).toEqual({ kind: "unseen-context", dimension: "companion", customerShare: 0.3 });
  });

  it("rejects a split key that belongs to another kind, and missing or bad kind-specific values", () => {
    expect(() => parse({ ...valid, split: { kind: "kfold", testFraction: 0.2 } })).toThrowError(/split.testFraction: key "testFraction" does not apply to split kind "kfold"; it takes kind, k, groupBy/);
    expect(() => parse({ ...valid, split: { kind: "kfold", k: 1 } })).toThrowError(/split.k: expected a number >= 2, got 1/);
    expect(() => parse({ ...valid, split: { kind: "kfold", groupBy: "item" } })).toThrowError(/split.groupBy: expected one of row, customer, got "item"/);
    expect(() => parse({ ...valid, split: { kind: "unseen-context" } })).toThrowError(/split.dimension: split kind unseen-context needs the context dimension/);
  });

  it("parses ranking cut-offs and rejects bad ones", () => {
    expect(parse({ ...valid, ranking: { ks: [5, 10] } }).ranking).toEqual({ ks: [5, 10], threshold: null, candidates: "all" });
    expect(parse({ ...valid, ranking: true }).ranking).toEqual({ ks: [5, 10, 20], threshold: null, candidates: "all" });
    expect(parse({ ...valid, ranking: { candidates: "exclude-train-positives" } }).ranking?.candidates).toBe("exclude-train-positives");
    expect(() => parse({ ...valid, ranking: { candidates: "unless-relevant" } })).toThrowError(/ranking.candidates: expected one of all, exclude-train-positives, got "unless-relevant"/);
    expect(() => parse({ ...valid, ranking: { ks: [0] } })).toThrowError(/ranking.ks.0: expected a number >= 1, got 0/);
    expect(() => parse({ ...valid, ranking: { k: [5] } })).toThrowError(/ranking.k: unknown key "k"; valid keys are ks, threshold, candidates/);
    expect(() => parse({ ...valid, segments: "yes" })).toThrowError(/segments: expected true or false, got "yes"/);
    expect(() => parse({ ...valid, bootstrap: { method: "bc" } })).toThrowError(/bootstrap.method: expected one of percentile, bca, got "bc"/);
  });

  it("parses the inference and equivalence rules, with documented defaults", () => {
    const d = parse(valid);
    expect([d.inference, d.equivalence]).toEqual([{ minCustomers: 20, signFlipBelow: 50, exactSignFlipUpTo: 20 }, { margin: 0.01, scale: "relative" }]);
    const c = parse({ ...valid, inference: { minCustomers: 50, signFlipBelow: 0, exactSignFlipUpTo: 16 }, equivalence: { margin: 0.002, scale: "absolute" } });
    expect([c.inference, c.equivalence]).toEqual([{ minCustomers: 50, signFlipBelow: 0, exactSignFlipUpTo: 16 }, { margin: 0.002, scale: "absolute" }]);
    expect(() => parse({ ...valid, inference: { exactSignFlipUpTo: 25 } })).toThrowError(/inference.exactSignFlipUpTo: expected a number <= 24, got 25/);
    expect(() => parse({ ...valid, inference: { minCustomers: 1 } })).toThrowError(/inference.minCustomers: expected a number >= 2, got 1/);
    expect(() => parse({ ...valid, equivalence: { margin: -0.1 } })).toThrowError(/equivalence.margin: expected a number >= 0, got -0.1/);
    expect(() => parse({ ...valid, equivalence: { scale: "percent" } })).toThrowError(/equivalence.scale: expected one of relative, absolute, got "percent"/);
  });

  it("sends a config with a sweep to the sweep command", () => {
    expect(() => parse({ ...valid, sweep: { seed: [1, 2] } })).toThrowError(/sweep: a config with a sweep runs with `irmlab sweep <config>`/);
  });

  it("reads the value section with defaults and checks its dates", () => {
    expect(parse({ ...valid, value: true }).value).toEqual({ calibrationEnd: null, holdoutEnd: null, firePercentile: 0.2, resamples: 1000 });
    expect(parse(valid).value).toBeNull();
    expect(() => parse({ ...valid, value: { calibrationEnd: "30/09/1997" } })).toThrowError(/value.calibrationEnd: expected a date such as "1997-09-30".*got "30\/09\/1997"/);
    expect(() => parse({ ...valid, value: { calibrationEnd: "2020-02-30" } })).toThrowError(/value.calibrationEnd: expected a date such as "1997-09-30" \(a real calendar day.*got "2020-02-30"/);
    expect(() => parse({ ...valid, value: { holdoutEnd: "2020-01-01T25:00:00Z" } })).toThrowError(/value.holdoutEnd: expected a date/);
    expect(parse({ ...valid, value: { calibrationEnd: "2020-02-29", holdoutEnd: "2020-12-31T23:59:59.5Z" } }).value).toMatchObject({ calibrationEnd: "2020-02-29", holdoutEnd: "2020-12-31T23:59:59.5Z" });
    expect(() => parse({ ...valid, value: { cutoff: 0.2 } })).toThrowError(/value.cutoff: unknown key "cutoff"; valid keys are calibrationEnd, holdoutEnd, firePercentile, resamples/);
  });

  it("refuses seeds that a number cannot hold exactly, and synthetic sizes beyond the allowed range", () => {
    expect(() => parse({ ...valid, seed: 99999999999999999999 })).toThrowError(/exp.yaml: seed: expected an integer of at most 9007199254740991 in size.*got 100000000000000000000/);
    expect(parse({ ...valid, seed: 9007199254740991 }).seed).toBe(9007199254740991);
    const synthetic = (options: Record<string, unknown>) => ({ ...valid, dataset: { synthetic: options } });
    expect(() => parse(synthetic({ customers: 1e12 }))).toThrowError(/exp.yaml: dataset.synthetic.customers: expected a number <= 20000000, got 1000000000000/);
    expect(() => parse(synthetic({ customers: 0 }))).toThrowError(/dataset.synthetic.customers: expected a number >= 1, got 0/);
    expect(() => parse(synthetic({ items: 1.5 }))).toThrowError(/dataset.synthetic.items: expected an integer, got 1.5/);
    expect(() => parse(synthetic({ seed: 99999999999999999999 }))).toThrowError(/dataset.synthetic.seed: expected an integer of at most/);
    expect(() => parse(synthetic({ start: "2024-02-30" }))).toThrowError(/dataset.synthetic.start: expected a date such as "1997-09-30"/);
    expect(parse(synthetic({ customers: 20000000, start: "2024-02-29" })).dataset).toEqual({ kind: "synthetic", options: { customers: 20000000, start: "2024-02-29" } });
  });
});

import { describe, expect, it } from "vitest";
import { parseSweepConfig, setPath } from "../../../src/lib/config/sweep-config.js";

const base = {
  name: "sw",
  seed: 3,
  dataset: { synthetic: { customers: 100 } },
  models: ["popularity", "customer-profile", "context-profile"],
  compare: { irm: "context-profile", crm: "customer-profile" },
};

describe("parseSweepConfig", () => {
  it("expands the grid, first key outermost, and sets each path in the cell's config", () => {
    const s = parseSweepConfig({ ...base, sweep: { "dataset.synthetic.contextStrength": [0, 2], seed: [1, 2, 3] } }, "s.yaml");
    expect(s.cells.map((c) => c.params)).toEqual([
      { "dataset.synthetic.contextStrength": 0, seed: 1 },
      { "dataset.synthetic.contextStrength": 0, seed: 2 },
      { "dataset.synthetic.contextStrength": 0, seed: 3 },
      { "dataset.synthetic.contextStrength": 2, seed: 1 },
      { "dataset.synthetic.contextStrength": 2, seed: 2 },
      { "dataset.synthetic.contextStrength": 2, seed: 3 },
    ]);
    expect(s.cells[4]!.config.seed).toBe(2);
    expect(s.cells[4]!.config.dataset).toEqual({ kind: "synthetic", options: { customers: 100, contextStrength: 2 } });
    expect(s.cells[4]!.raw).not.toHaveProperty("sweep");
    expect(s.grid).toEqual([{ path: "dataset.synthetic.contextStrength", values: [0, 2] }, { path: "seed", values: [1, 2, 3] }]);
  });

  it("sets whole mappings and list entries (a model name becomes { name } to take params)", () => {
    const s = parseSweepConfig({ ...base, sweep: { split: [{ kind: "kfold", k: 3 }], "models.0.params.alpha": [2] } }, "s.yaml");
    expect(s.cells[0]!.config.split).toEqual({ kind: "kfold", k: 3, groupBy: "row" });
    expect(s.cells[0]!.config.models[0]).toEqual({ name: "popularity", params: { alpha: 2 } });
  });

  it("names the cell whose values make an invalid config", () => {
    expect(() => parseSweepConfig({ ...base, sweep: { seed: [1, -1] } }, "s.yaml")).toThrowError(/s.yaml \(sweep cell 1: seed=-1\): seed: expected a number >= 0, got -1/);
    expect(() => parseSweepConfig({ ...base, sweep: { "split.folds": [3] } }, "s.yaml")).toThrowError(/sweep cell 0: split.folds=3\): split.folds: unknown key "folds"/);
  });

  it("rejects a missing or malformed grid", () => {
    expect(() => parseSweepConfig(base, "s.yaml")).toThrowError(/s.yaml: sweep: expected a sweep mapping/);
    expect(() => parseSweepConfig({ ...base, sweep: {} }, "s.yaml")).toThrowError(/sweep: list at least one key path to vary/);
    expect(() => parseSweepConfig({ ...base, sweep: { seed: 3 } }, "s.yaml")).toThrowError(/sweep."seed": expected a list, got 3/);
    expect(() => parseSweepConfig({ ...base, sweep: { seed: [] } }, "s.yaml")).toThrowError(/sweep."seed": list at least one value/);
    expect(() => parseSweepConfig({ ...base, sweep: { "a..b": [1] } }, "s.yaml")).toThrowError(/expected a dot path/);
  });

  it("refuses paths through scalars and list indexes out of range", () => {
    expect(() => setPath({ seed: 3 }, "seed.x", 1, "s.yaml")).toThrowError(/cannot set "x": seed is 3, not a mapping or list/);
    expect(() => setPath({ models: ["a"] }, "models.4.params", 1, "s.yaml")).toThrowError(/"4" is not an index of the list at models \(1 entries\)/);
  });
});

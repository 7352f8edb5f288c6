import { describe, expect, it } from "vitest";
import { parseExperimentConfig } from "../../../src/lib/config/experiment-config.js";
import { getModel } from "../../../src/lib/models/registry.js";
import type { Comparison } from "../../../src/lib/records/metrics-record.js";
import { headlineContradictions } from "../../../src/lib/selection/headline-consistency.js";
import { resolveSelection } from "../../../src/lib/selection/resolve-selection.js";
import { candidatesOf, DEFAULT_CANDIDATES, DEFAULT_GRID, selectModels } from "../../../src/lib/selection/select-models.js";
import { protocolFolds } from "../../../src/lib/split/protocol-folds.js";
import { createRng, permutation } from "../../../src/lib/random/rng.js";
import { tinyData } from "../models/learned/tiny-data.js";

const RATING = { type: "rating", min: 1, max: 5 } as const;
const parse = (raw: Record<string, unknown>) => parseExperimentConfig({ name: "t", dataset: { synthetic: { customers: 50 } }, ...raw }, "exp.yaml");
// small and quick: two profile models, two learned models on a 2-setting grid
const SMALL = { candidates: ["customer-profile", "mf", "context-profile", "fm"], grid: { dim: [4], l2: [0.01, 0.3], learningRate: [0.1], epochs: [6] } };

describe("models: auto in a config", () => {
  it("takes the documented defaults, fits only the baseline until selection runs, and refuses a compare", () => {
    const c = parse({ models: "auto" });
    expect(c.select).toEqual({ validation: "split", folds: 3, candidates: [...DEFAULT_CANDIDATES], grid: DEFAULT_GRID });
    expect(c.models).toEqual([{ name: "global-mean", params: {} }]);
    expect(candidatesOf(c.select!)).toHaveLength(3 + 4 * 8);
    expect(() => parse({ models: "auto", compare: { irm: "fm", crm: "mf" } })).toThrow(/compare: with models: auto the headline pair is the selected best CRM and best IRM model; remove compare/);
    expect(() => parse({ select: { candidates: ["oracle"] } })).toThrow(/select.candidates.0: expected one of popularity/);
    expect(parse({ select: { validation: "customer", folds: 4 } }).select).toMatchObject({ validation: "customer", folds: 4 });
  });
});

describe("selectModels", () => {
  const data = tinyData(900, 4, RATING, 30, 12);

  it("tries every candidate on the inner validation parts and picks the best mean of each family, saying why", async () => {
    const c = parse({ select: { ...SMALL, validation: "kfold", folds: 2 } });
    const r = await selectModels(data, { select: c.select!, split: c.split, seed: 3, getModel });
    expect(r.metric).toBe("rmse");
    expect(r.innerFolds).toBe(2);
    expect(r.trials.map((t) => t.model)).toEqual(["customer-profile", "mf", "mf", "context-profile", "fm", "fm"]);
    for (const t of r.trials) expect(t.scores).toHaveLength(2);
    for (const family of ["crm", "irm"] as const) {
      const best = Math.min(...r.trials.filter((t) => t.family === family).map((t) => t.mean!));
      expect(r.chosen[family].mean).toBe(best);
      expect(r.chosen[family].reason).toMatch(/best mean inner-validation RMSE of \d (CRM|IRM) candidates/);
    }
  }, 120_000);

  it("never uses the test rows to choose: permuting the test outcomes leaves the selection unchanged", async () => {
    const config = parse({ split: { kind: "random", testFraction: 0.25 }, select: SMALL });
    const folds = protocolFolds(data, config.split, config.seed);
    const test = folds.folds[0]!.test;
    const order = permutation(createRng(9), test.length);
    const outcome = Float64Array.from(data.outcome);
    for (let k = 0; k < test.length; k++) outcome[test[k]!] = data.outcome[test[order[k]!]!]!;
    // the permutation really moves test outcomes (else the test could not fail)
    expect(Array.from(test).some((r) => outcome[r] !== data.outcome[r])).toBe(true);
    const a = await resolveSelection(data, folds, config, { getModel });
    const b = await resolveSelection({ ...data, outcome }, folds, config, { getModel });
    expect(b.selection).toEqual(a.selection);
    expect(a.config.compare).toEqual({ irm: a.selection!.chosen.irm.model, crm: a.selection!.chosen.crm.model });
    expect(a.config.models.map((m) => m.name)).toEqual([a.selection!.chosen.crm.model, a.selection!.chosen.irm.model, "global-mean"]);
  }, 120_000);

  it("refuses a multi-fold outer split, whose training rows are other folds' test rows", async () => {
    const config = parse({ split: { kind: "kfold", k: 3 }, select: SMALL });
    await expect(resolveSelection(data, protocolFolds(data, config.split, 0), config, { getModel })).rejects.toThrow(/models: auto needs a holdout split/);
  });
});

describe("headlineContradictions", () => {
  const cmp = (irm: string, crm: string, verdict: string): Comparison =>
    ({ irm, crm, metric: "rmse", higherIsBetter: false, overall: { estimate: 0, lower: 0, upper: 0, level: 0.95, verdict } }) as unknown as Comparison;

  it("warns when another CRM model beats the headline's winning IRM model, and not otherwise", () => {
    const head = cmp("fm", "mf", "irm-better");
    const warnings = headlineContradictions([head, cmp("fm", "customer-profile", "crm-better"), cmp("camf", "mf", "crm-better")], head);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the headline says fm \(IRM\) predicts better than mf \(CRM\), but customer-profile \(CRM\) predicts better than fm on RMSE/);
    expect(headlineContradictions([head, cmp("fm", "customer-profile", "inconclusive")], head)).toEqual([]);
    const crmWin = cmp("fm", "mf", "crm-better");
    expect(headlineContradictions([crmWin, cmp("camf", "mf", "irm-better")], crmWin)[0]).toMatch(/but camf \(IRM\) predicts better than mf/);
  });
});

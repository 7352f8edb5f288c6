import { describe, expect, it } from "vitest";
import { globalMean } from "../../../src/lib/models/baseline/global-mean.js";
import { getModel } from "../../../src/lib/models/registry.js";
import { fitModel } from "../../../src/lib/models/model.js";
import { poissonDeviance } from "../../../src/lib/metrics/poisson-deviance.js";
import { rmse } from "../../../src/lib/metrics/rmse.js";
import { createRng } from "../../../src/lib/random/rng.js";
import type { Interactions } from "../../../src/lib/schema/interactions.js";
import { takeRows } from "../../../src/lib/schema/interactions.js";

/**
 * App-usage-like counts: log μ = customer effect + item effect + context effect; Poisson draws,
 * heavy-tailed (a few customers use apps thousands of times).
 */
function counts(rows: number, seed: number, spec: Interactions["outcomeSpec"] = { type: "count", min: 0, max: Infinity }): Interactions {
  const rng = createRng(seed);
  const C = 80, I = 15;
  const cu = Array.from({ length: C }, () => 1.2 * rng.normal());
  const it = Array.from({ length: I }, () => 0.8 * rng.normal());
  const customer = new Int32Array(rows), item = new Int32Array(rows), ctx = new Int32Array(rows), outcome = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const u = rng.int(C), i = rng.int(I), c = rng.int(2);
    customer[r] = u; item[r] = i; ctx[r] = c;
    const mu = Math.exp(1.5 + cu[u]! + it[i]! + (c === 1 ? 0.7 : -0.7));
    // Poisson draw by inversion (μ up to a few hundred here)
    let k = 0, p = Math.exp(-mu), s = p;
    const x = rng.next();
    while (x > s && k < 5000) { k++; p *= mu / k; s += p; }
    outcome[r] = k;
  }
  return {
    size: rows, customerIds: Array.from({ length: C }, (_, k) => `u${k}`), customer, itemIds: Array.from({ length: I }, (_, k) => `i${k}`), item,
    timestamp: null, outcome, outcomeSpec: spec, value: null, contexts: [{ name: "when", levels: ["day", "night"], codes: ctx }], truth: null,
  };
}

const all = counts(3000, 5);
const train = takeRows(all, Int32Array.from({ length: 2400 }, (_, i) => i));
const test = takeRows(all, Int32Array.from({ length: 600 }, (_, i) => 2400 + i));

describe("count outcomes", () => {
  it("every model that takes counts predicts non-negative means, and the log-link models beat the training mean", async () => {
    const base = (await fitModel(globalMean, train, { seed: 1 })).predict(test);
    const baseDev = poissonDeviance(test.outcome, base);
    for (const name of ["customer-profile", "context-profile", "fm"]) {
      const params = name === "fm" ? { epochs: 8 } : {};
      const trained = await fitModel(getModel(name), train, { seed: 1, params });
      const p = trained.predict(test);
      expect(p.every((v) => v > 0), name).toBe(true);
      expect(poissonDeviance(test.outcome, p), name).toBeLessThan(baseDev);
      expect(rmse(test.outcome, p), name).toBeLessThan(rmse(test.outcome, base));
      trained.fitted.dispose?.();
    }
  }, 60_000);

  it("profile models fit counts on the log scale and say so", async () => {
    const trained = await fitModel(getModel("customer-profile"), train, { seed: 1 });
    const d = trained.fitted.describe();
    expect(d.link).toBe("log1p");
    expect(d.smearing as number).toBeGreaterThan(1);
  });

  it("an amount with transform log1p is fitted on the log scale too; without it, on the amount's scale", async () => {
    const logged = counts(800, 2, { type: "amount", min: 0, max: Infinity, transform: "log1p" });
    const plain = counts(800, 2, { type: "amount", min: 0, max: Infinity });
    expect((await fitModel(getModel("popularity"), logged, { seed: 1 })).fitted.describe().link).toBe("log1p");
    expect((await fitModel(getModel("popularity"), plain, { seed: 1 })).fitted.describe().link).toBe("identity");
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitModel } from "../../../src/lib/models/model.js";
import { MODEL_PARAMS, modelParamsHelp } from "../../../src/lib/models/model-params.js";
import { getModel, modelNames } from "../../../src/lib/models/registry.js";
import { tinyData } from "./learned/tiny-data.js";

/**
 * Every model parameter is documented (issue 11): the list `irmlab experiment --help` prints
 * (MODEL_PARAMS) and the README's "Model parameters" table name exactly the keys each model's own
 * parser accepts, with the defaults it applies.
 */
const RATING = { type: "rating", min: 1, max: 5 } as const;
const data = tinyData(400, 3, RATING, 20, 8);

/** The keys a model's parser accepts, read from its error for an unknown key ([] for "takes no parameters"). */
async function acceptedKeys(name: string): Promise<string[]> {
  const error = await Promise.resolve()
    .then(() => fitModel(getModel(name), data, { seed: 1, params: { notAParam: 1 } }))
    .then(() => null, (e: unknown) => e as Error);
  if (!error) throw new Error(`model ${name} accepted an unknown param`);
  expect(error.message).toMatch(/"notAParam"/);
  if (/takes no parameters/.test(error.message)) return [];
  const list = /(?:params are|valid parameters are) (.*)$/.exec(error.message);
  if (!list) throw new Error(`model ${name}: the error does not list the valid params: ${error.message}`);
  return list[1]!.split(", ");
}

/** The README table's rows: model names (first cell) → { key: default } (second cell). */
function readmeTable(): Map<string, Record<string, unknown>> {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const start = readme.indexOf("**Model parameters**");
  expect(start, "README has a **Model parameters** table").toBeGreaterThan(0);
  const rows = readme.slice(start).split("\n\n")[1]!.split("\n").slice(2);
  const out = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const [, models, params] = row.split("|").map((c) => c.trim());
    const entries = [...params!.matchAll(/`(\w+)` \(([^)]*)\)/g)].map((m) => [m[1]!, JSON.parse(m[2]!) as unknown]);
    for (const [model] of models!.matchAll(/`([\w-]+)`/g)) out.set(model.slice(1, -1), Object.fromEntries(entries));
  }
  return out;
}

describe("model parameters", () => {
  it("the documented list has every registry model, no other, and each model's parser accepts exactly its keys", async () => {
    expect(Object.keys(MODEL_PARAMS).sort()).toEqual([...modelNames()].sort());
    for (const name of modelNames()) expect(await acceptedKeys(name), name).toEqual(Object.keys(MODEL_PARAMS[name]!));
  });

  it("the README table says the same keys and defaults for every model", () => {
    const table = readmeTable();
    expect([...table.keys()].sort()).toEqual([...modelNames()].sort());
    for (const name of modelNames()) expect(table.get(name), name).toEqual({ ...MODEL_PARAMS[name] });
  });

  it("the profile models' documented defaults are the ones they apply, and each param changes the fit", async () => {
    for (const name of ["popularity", "customer-profile", "context-profile"]) {
      const predict = async (params: Record<string, unknown>) => (await fitModel(getModel(name), data, { seed: 1, params })).predict(data);
      const none = await predict({});
      expect(await predict({ ...MODEL_PARAMS[name] }), `${name}: the documented defaults`).toEqual(none);
      // one pass, a loose tolerance or a high floor moves the estimate: the params are not ignored
      expect(await predict({ passes: 1 }), `${name}: passes`).not.toEqual(none);
      expect(await predict({ minVariance: 0.5 }), `${name}: minVariance`).not.toEqual(none);
    }
  });

  it("the help lists every model once", () => {
    const lines = modelParamsHelp();
    const listed = lines.flatMap((l) => l.trim().split(":")[0]!.split(", "));
    expect(listed.sort()).toEqual([...modelNames()].sort());
    expect(lines.find((l) => l.includes("multi-persona"))).toMatch(/l2 0\.01, .*personas 3, customerGate true$/);
  });
});

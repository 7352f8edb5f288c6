import { LEARNED_DEFAULTS, PERSONA_DEFAULTS } from "./learned/options.js";

/**
 * Every model's `params` with its default, as `irmlab experiment --help` lists them (the README's
 * "Model parameters" table says the same; tests/lib/models/model-params.test.ts checks both against
 * the keys each model's parser accepts and the defaults it applies). Kept apart from the registry so
 * that the help text loads no model code.
 */
export const MODEL_PARAMS: Readonly<Record<string, object>> = (() => {
  // additive-effects.ts applies these when a profile model's params leave them out
  const profile = { passes: 100, tolerance: 1e-3, minVariance: 1e-6 };
  return {
    "global-mean": {},
    popularity: profile,
    "customer-profile": profile,
    "context-profile": profile,
    mf: LEARNED_DEFAULTS,
    fm: LEARNED_DEFAULTS,
    camf: LEARNED_DEFAULTS,
    "multi-persona": PERSONA_DEFAULTS,
    oracle: {},
  };
})();

/** The params of every model as help lines: models with the same params share a line. */
export function modelParamsHelp(): string[] {
  const groups = new Map<string, string[]>();
  for (const [model, params] of Object.entries(MODEL_PARAMS)) {
    const entries = Object.entries(params);
    const text = entries.length === 0 ? "no params" : entries.map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.join(", ")}]` : String(v)}`).join(", ");
    groups.set(text, [...(groups.get(text) ?? []), model]);
  }
  return [...groups].map(([text, models]) => `  ${models.join(", ")}: ${text}`);
}

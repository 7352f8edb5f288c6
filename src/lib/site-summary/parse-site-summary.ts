import type { SiteSummary } from "./site-summary-types.js";

/**
 * Checks untyped JSON (the site's data/summary.json) at the boundary and returns it typed.
 * Checks the schema version and the presence and kind of every top-level field the pages read.
 * @param value the parsed JSON
 * @param source where it came from, for messages. Default "data/summary.json".
 * @throws Error naming the field, what was expected and the value received
 */
export function parseSiteSummary(value: unknown, source = "data/summary.json"): SiteSummary {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${source}: expected a JSON object, received ${quote(value)}`);
  }
  const v = value as Record<string, unknown>;
  if (v.schemaVersion !== 1) throw new Error(`${source}: expected schemaVersion 1, received ${quote(v.schemaVersion)}`);
  for (const key of ["run", "dataset", "split"] as const) {
    if (typeof v[key] !== "object" || v[key] === null) throw new Error(`${source}: field "${key}" must be an object, received ${quote(v[key])}`);
  }
  for (const key of ["metrics", "models", "cells", "comparisons"] as const) {
    if (!Array.isArray(v[key])) throw new Error(`${source}: field "${key}" must be an array, received ${quote(v[key])}`);
  }
  if (!Number.isInteger(v.minCellCustomers) || (v.minCellCustomers as number) < 1) {
    throw new Error(`${source}: field "minCellCustomers" must be a positive integer, received ${quote(v.minCellCustomers)}`);
  }
  if (typeof v.headlineMetric !== "string") throw new Error(`${source}: field "headlineMetric" must be a string, received ${quote(v.headlineMetric)}`);
  return value as SiteSummary;
}

function quote(value: unknown): string {
  const text = JSON.stringify(value);
  return `"${text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

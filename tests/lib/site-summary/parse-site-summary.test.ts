import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSiteSummary } from "../../../src/lib/site-summary/parse-site-summary.js";
import { buildSiteSummary } from "../../../src/lib/site-summary/site-summary.js";
import type { RunRecord } from "../../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../../src/lib/records/metrics-record.js";

const dir = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const summary = buildSiteSummary(
  JSON.parse(readFileSync(`${dir}/run.json`, "utf8")) as RunRecord,
  JSON.parse(readFileSync(`${dir}/metrics.json`, "utf8")) as MetricsRecord,
);

describe("parse-site-summary", () => {
  it("accepts a summary after a JSON round trip", () => {
    const json = JSON.parse(JSON.stringify(summary)) as unknown;
    expect(parseSiteSummary(json)).toEqual(summary);
  });

  it("rejects other documents, naming the field and the value received", () => {
    expect(() => parseSiteSummary([])).toThrowError(/data\/summary.json: expected a JSON object, received "\[\]"/);
    expect(() => parseSiteSummary({ ...summary, schemaVersion: 2 })).toThrowError(/expected schemaVersion 1, received "2"/);
    expect(() => parseSiteSummary({ ...summary, models: null }, "x.json")).toThrowError(/x.json: field "models" must be an array, received "null"/);
    expect(() => parseSiteSummary({ ...summary, run: "r" })).toThrowError(/field "run" must be an object, received ""r""/);
    expect(() => parseSiteSummary({ ...summary, minCellCustomers: 0 })).toThrowError(/field "minCellCustomers" must be a positive integer, received "0"/);
  });
});

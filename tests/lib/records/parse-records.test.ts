import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMetricsRecord } from "../../../src/lib/records/metrics-record.js";
import { parseRunRecord } from "../../../src/lib/records/run-record.js";
import { parseSweepRecord } from "../../../src/lib/records/sweep-record.js";
import { parseValueRecord } from "../../../src/lib/records/value-record.js";

const fixture = (path: string): unknown => JSON.parse(readFileSync(`tests/fixtures/site/${path}`, "utf8"));
const RUN = "runs/2025-06-01T10-00-00Z-fixture";

describe("record parse-and-check functions", () => {
  it("accept the records this program writes", () => {
    expect(parseRunRecord(fixture(`${RUN}/run.json`), "run.json").runId).toBe("2025-06-01T10-00-00Z-fixture");
    expect(parseMetricsRecord(fixture(`${RUN}/metrics.json`), "metrics.json").models.length).toBeGreaterThan(0);
    expect(parseSweepRecord(fixture("sweeps/when-does-irm-pay-off-c28ba548/sweep.json"), "sweep.json").cells.length).toBeGreaterThan(0);
  });

  it("name the file, the key, the value and what was expected", () => {
    const run = fixture(`${RUN}/run.json`) as Record<string, unknown>;
    expect(() => parseRunRecord({ ...run, status: "running" }, "x/run.json")).toThrow(/x\/run\.json: status: expected one of complete, got "running"/);
    expect(() => parseRunRecord({ ...run, dataset: { ...(run.dataset as object), rows: "12" } }, "x/run.json")).toThrow(/x\/run\.json \(dataset\): rows: expected a number, got "12"/);
    expect(() => parseMetricsRecord([], "m.json")).toThrow(/m\.json: \(top level\): expected a JSON object/);
    expect(() => parseMetricsRecord({ ...(fixture(`${RUN}/metrics.json`) as object), outcomeType: "ordinal" }, "m.json")).toThrow(/outcomeType: expected one of .*binary.*got "ordinal"/);
    expect(() => parseSweepRecord({ sweepId: "s", configPath: "c.yaml", status: "complete", grid: [] }, "s.json")).toThrow(/s\.json: cells: expected a list, got nothing/);
  });

  it("reads a value record bare or wrapped, and reports an older kind instead of failing", () => {
    const record = { kind: "irmlab-value/2", calibrationEnd: "2020-01-01", holdoutEnd: "2020-06-01", currency: "EUR", measures: [] };
    expect(parseValueRecord(record, "v.json")).toEqual(record);
    expect(parseValueRecord({ value: record }, "v.json")).toEqual(record);
    expect(parseValueRecord({ kind: "irmlab-value/1" }, "v.json")).toEqual({ olderKind: "irmlab-value/1" });
    expect(() => parseValueRecord({ ...record, measures: {} }, "v.json")).toThrow(/v\.json: measures: expected a list/);
  });
});

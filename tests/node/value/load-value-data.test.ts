import { describe, expect, it } from "vitest";
import { loadValueData, parseDate, resolveWindow } from "../../../src/node/value/load-value-data.js";
import { runValue } from "../../../src/node/value/run-value.js";

describe("load-value-data", () => {
  it("parses UTC dates and rejects anything else with the value quoted", () => {
    expect(parseDate("1997-09-30", "--calibration-end")).toBe(Date.UTC(1997, 8, 30));
    expect(() => parseDate("30/09/1997", "--calibration-end")).toThrowError(/--calibration-end: expected a date such as "1997-09-30".*got "30\/09\/1997"/);
    expect(() => parseDate("2020-02-30", "--calibration-end")).toThrowError(/--calibration-end: expected a date such as "1997-09-30".*got "2020-02-30"/);
  });

  it("uses the generator's calibration end for synthetic data and requires one for files", async () => {
    const loaded = await loadValueData({ synthetic: { customers: 50, seed: 2 } });
    const w = resolveWindow(loaded, undefined, undefined);
    expect(w.calibrationEnd).toBe(Date.UTC(2024, 0, 1) + 52 * 7 * 86_400_000);
    expect(() => resolveWindow({ ...loaded, defaultCalibrationEnd: null, source: "x.yaml" }, undefined, undefined)).toThrowError(/x.yaml: --calibration-end <date> is required/);
    expect(() => resolveWindow(loaded, "2024-06-01", "2024-01-01")).toThrowError(/--holdout-end must be at or after the calibration end/);
  });

  it("runs every value measure with the profile models and the oracle on a small synthetic population", async () => {
    const run = await runValue({ synthetic: { customers: 300, seed: 4 } }, { resamples: 30 });
    expect(run.models).toEqual(["popularity", "customer-profile", "context-profile"]);
    const t = run.value.targeting;
    if (typeof t === "string") throw new Error(t);
    expect(t.models.map((m) => m.model)).toEqual(["popularity", "customer-profile", "context-profile", "oracle"]);
    expect(t.mode).toBe("ground truth");
    expect(JSON.parse(JSON.stringify(run.value)).kind).toBe("irmlab-value/2");
  }, 60_000);
});

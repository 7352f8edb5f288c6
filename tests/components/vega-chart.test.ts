import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { chartTextAlternative } from "../../src/components/vega-chart.js";

const base = { data: { values: [] }, mark: "bar" } as const;

describe("chartTextAlternative", () => {
  it("reads the title (with its subtitle) and the one-sentence description", () => {
    const spec = { ...base, title: { text: "AUC by model", subtitle: "test rows" }, description: "Bars of AUC per model: context-profile highest." } as TopLevelSpec;
    expect(chartTextAlternative(spec)).toEqual({ title: "AUC by model: test rows", summary: "Bars of AUC per model: context-profile highest.", interactive: false });
  });
  it("marks charts with tooltips or selections as interactive (they take keyboard focus)", () => {
    const tip = { ...base, title: "t", description: "d.", encoding: { tooltip: { field: "x" } } } as TopLevelSpec;
    const sel = { ...base, title: "t", description: "d.", params: [{ name: "p", select: "point" }] } as TopLevelSpec;
    expect([chartTextAlternative(tip).interactive, chartTextAlternative(sel).interactive]).toEqual([true, true]);
  });
  it("refuses a chart without a description, naming it", () => {
    expect(() => chartTextAlternative({ ...base, title: "Lonely chart" } as TopLevelSpec)).toThrowError(/chart "Lonely chart": the spec needs a description/);
  });
});

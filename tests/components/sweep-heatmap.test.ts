import { describe, expect, it } from "vitest";
import { sweepHeatmapSpec, type HeatmapSweep } from "../../src/components/sweep-heatmap.js";

const sweep = (higherIsBetter: boolean): HeatmapSweep => ({
  sweepId: "s",
  xParam: "contextStrength",
  yParam: "customers",
  metric: higherIsBetter ? "auc" : "logLoss",
  higherIsBetter,
  cells: [
    { x: "1", y: "200", estimate: -0.02, runs: 3, irmWins: 3 },
    { x: "0", y: "1000", estimate: 0.001, runs: 3, irmWins: 0 },
    { x: "0.5", y: "50", estimate: -0.004, runs: 3, irmWins: 1 },
  ],
});

// what the spec says, read back the way Vega-Lite reads it
const parts = (h: HeatmapSweep) => {
  const spec = sweepHeatmapSpec(h) as unknown as {
    encoding: { x: { sort: string[] }; y: { sort: string[] } };
    layer: [{ encoding: { color: { field: string; title: string; scale: { reverse: boolean }; legend: { format: string } } } }, { transform: [{ calculate: string }] }];
  };
  return { x: spec.encoding.x.sort, y: spec.encoding.y.sort, color: spec.layer[0].encoding.color, label: spec.layer[1].transform[0].calculate };
};

describe("sweepHeatmapSpec", () => {
  it("colours the difference itself, so the legend and the cell labels read the same signed numbers in one format", () => {
    const p = parts(sweep(false));
    expect(p.color.field).toBe("estimate");
    expect(p.color.title).toBe("log-loss, IRM − CRM");
    expect(p.label).toBe(`format(datum.estimate, "${p.color.legend.format}") + datum.wins`);
  });
  it("keeps blue for IRM better: the red-to-blue scale is reversed exactly when lower is better", () => {
    expect(parts(sweep(false)).color.scale.reverse).toBe(true);
    expect(parts(sweep(true)).color.scale.reverse).toBe(false);
  });
  it("orders numeric swept values as numbers: left to right, and bottom to top on the y axis", () => {
    const p = parts(sweep(false));
    expect(p.x).toEqual(["0", "0.5", "1"]);
    expect(p.y).toEqual(["1000", "200", "50"]);
  });
});

import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { clvReport } from "../../../src/lib/value/clv-report.js";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";

const present = existsSync("../shared/datasets/cdnow/CDNOW_sample.txt");
if (!present) console.warn("CDNOW clv-report tests skipped: ../shared/datasets/cdnow is absent");

describe.skipIf(!present)("clv-report on CDNOW_sample read through its descriptor", () => {
  it("reproduces the published BG/NBD and Gamma-Gamma parameters and checks the holdout", async () => {
    const { data } = await readDataset("data/datasets/cdnow-sample.yaml");
    const r = clvReport(data, { calibrationEnd: Date.UTC(1997, 8, 30), holdoutEnd: Date.UTC(1998, 5, 30) }, { seed: 1, resamples: 100 });
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426; Fader & Hardie (2013) Gamma-Gamma: p 6.25, q 3.74, gamma 15.44
    const bg = r.models["bg-nbd"]!.params;
    expect([bg.r, bg.alpha, bg.a, bg.b].map((x) => Number(x!.toFixed(3)))).toEqual([0.243, 4.414, 0.793, 2.426]);
    const gg = r.models["gamma-gamma"]!.params;
    expect([gg.p, gg.q, gg.gamma].map((x) => Number(x!.toFixed(2)))).toEqual([6.25, 3.74, 15.44]);
    expect(r.customers).toEqual({ fitted: 2357, firstPurchaseAfterCalibration: 0, withoutPurchases: 0 });
    const h = r.holdout["bg-nbd"]!;
    expect(h.totalActual).toBe(1882);
    expect(h.mae.lower!).toBeLessThan(h.mae.estimate!);
    expect(h.mae.upper!).toBeGreaterThan(h.mae.estimate!);
    // tracking: week 39 ends on the calibration end, so the later weeks add up to the holdout transactions
    const t = r.tracking["bg-nbd"]!;
    expect(t.period.length).toBe(78);
    expect(t.actualCumulative.at(-1)! - t.actualCumulative[38]!).toBe(h.totalActual);
    expect(r.heatmaps.map((m) => m.model)).toEqual(["bg-nbd", "pareto-nbd"]);
    expect(r.heatmaps[0]!.expected[0]![1]).toBeNull();
    expect(r.spend!.customers).toBe(684);
  }, 30_000);
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { paramLabel, siteSweep } from "../../../../src/lib/site-summary/experiments/site-sweep.js";
import type { SweepRecord } from "../../../../src/lib/records/sweep-record.js";

const fixture = (id: string): SweepRecord => JSON.parse(readFileSync(`tests/fixtures/site/sweeps/${id}/sweep.json`, "utf8")) as SweepRecord;

describe("siteSweep", () => {
  it("turns the synthetic sweep into a 4 × 3 heat map averaged over 3 seeds, and its Friedman/Nemenyi ranks", () => {
    const record = fixture("when-does-irm-pay-off-c28ba548");
    const s = siteSweep(record);
    expect({ ...s, cells: s.cells.length }).toEqual({
      sweepId: "when-does-irm-pay-off-c28ba548",
      name: "when-does-irm-pay-off",
      status: "complete",
      completeCells: 36,
      totalCells: 36,
      metric: "logLoss",
      higherIsBetter: false,
      irm: "context-profile",
      crm: "customer-profile",
      xParam: "context strength",
      yParam: "history length (purchase-rate parameter: 10 short, 0.75 long)",
      cells: 12,
      ranks: {
        metric: "logLoss",
        higherIsBetter: false,
        groups: 12,
        friedmanPValue: record.summary!.ranks && "friedman" in record.summary!.ranks ? record.summary!.ranks.friedman.chiSquarePValue : NaN,
        imanDavenportPValue: 1.2401004131699584e-18,
        criticalDifference: 1.353981884828761,
        alpha: 0.05,
        models: [
          { name: "oracle", averageRank: 1 },
          { name: "context-profile", averageRank: 2.25 },
          { name: "customer-profile", averageRank: 2.75 },
          { name: "popularity", averageRank: 4 },
        ],
        cliques: [
          { models: ["oracle", "context-profile"], lowRank: 1, highRank: 2.25 },
          { models: ["context-profile", "customer-profile"], lowRank: 2.25, highRank: 2.75 },
          { models: ["customer-profile", "popularity"], lowRank: 2.75, highRank: 4 },
        ],
      },
      ranksSkipped: null,
    });
    const g = record.summary!.groups[0]!;
    expect(s.cells[0]).toEqual({
      x: "0", y: "10", estimate: g.difference.mean, lower: g.difference.lower, upper: g.difference.upper, runs: 3, irmWins: 0, crmWins: 0,
    });
    // Every cell's seed counts add up to the 36 runs.
    expect(s.cells.reduce((a, c) => a + c.runs, 0)).toBe(36);
  });

  it("labels the real-data sweep's axis by dataset file stem, one row, no CI from a single seed", () => {
    const s = siteSweep(fixture("real-data-protocol-260e1f46"));
    expect(s.xParam).toBe("dataset");
    expect(s.yParam).toBeNull();
    expect(s.cells.map((c) => [c.x, c.y, c.runs, c.lower])).toEqual([
      ["depaulmovie", "all", 1, null],
      ["tripadvisor", "all", 1, null],
      ["incarmusic", "all", 1, null],
    ]);
    expect(s.ranks?.models.map((m) => m.name)).toEqual(["multi-persona", "mf", "fm", "camf", "customer-profile", "context-profile", "popularity"]);
  });

  it("gives the reason when the sweep could not rank models, and no cells without a summary", () => {
    const record = fixture("real-data-protocol-260e1f46");
    const s = siteSweep({ ...record, status: "running", summary: null });
    expect([s.cells, s.ranks, s.ranksSkipped]).toEqual([[], null, "the sweep has no summary yet (no completed cell)"]);
    const skipped = siteSweep({ ...record, summary: { groups: record.summary!.groups, ranks: { skipped: "Friedman needs at least 2 groups" } } });
    expect(skipped.ranksSkipped).toBe("Friedman needs at least 2 groups");
  });

  it("rejects a document that is not a sweep record, naming its keys", () => {
    expect(() => siteSweep({ runId: "x" } as unknown as SweepRecord)).toThrowError(/sweep\.json: expected sweepId, grid and cells, received keys \["runId"\]/);
  });

  it("paramLabel: readable axis names", () => {
    expect(["dataset.synthetic.contextStrength", "dataset.descriptor", "seed", "models"].map(paramLabel)).toEqual(["context strength", "dataset", "seed", "models"]);
  });
});

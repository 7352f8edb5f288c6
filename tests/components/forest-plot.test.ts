import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { forestPlotSpec, forestRows } from "../../src/components/forest-plot.js";
import type { RunRecord } from "../../src/lib/records/run-record.js";
import type { MetricsRecord } from "../../src/lib/records/metrics-record.js";
import { buildSiteSummary } from "../../src/lib/site-summary/site-summary.js";
import { checkVegaLite } from "../helpers/vega-lite-check.js";

const dir = "tests/fixtures/site/runs/2025-06-01T10-00-00Z-fixture";
const summary = buildSiteSummary(
  JSON.parse(readFileSync(`${dir}/run.json`, "utf8")) as RunRecord,
  JSON.parse(readFileSync(`${dir}/metrics.json`, "utf8")) as MetricsRecord,
);
const logLoss = summary.comparisons.find((c) => c.metric === "logLoss")!;
const auc = summary.comparisons.find((c) => c.metric === "auc")!;

describe("forest-plot", () => {
  it("lists overall first, then every context value, with notes for suppressed cells", () => {
    const rows = forestRows(logLoss, 10);
    expect(rows.map((r) => r.row)).toEqual([
      "overall",
      "companion: alone",
      "companion: partner",
      "companion: friends",
      "companion: family",
      "companion: other (1 level)",
      "intent: self",
      "intent: gift",
      "intent: work",
      "situation: weekday",
      "situation: weekend",
    ]);
    expect(rows[0]).toEqual({ row: "overall", estimate: -0.029, lower: -0.034, upper: -0.024, level: 0.95, status: "IRM better", note: null, customers: 800, pHolm: null });
    expect(rows[1]!.status).toBe("inconclusive");
    expect(rows[5]).toEqual({
      row: "companion: other (1 level)",
      estimate: null,
      lower: null,
      upper: null,
      level: null,
      status: null,
      note: "suppressed: fewer than 10 customers",
      customers: null,
      pHolm: null,
    });
  });

  for (const width of [900, 340]) {
    it(`compiles and renders with no warnings at ${width}px, with a title and a description`, async () => {
      const spec = forestPlotSpec(logLoss, { width });
      const { warnings, svg } = await checkVegaLite(spec);
      expect(warnings).toEqual([]);
      expect(spec.title).toBeTruthy();
      expect(spec.description).toBe(
        "Forest plot of the log-loss difference between context-profile (IRM) and customer-profile (CRM) for 10 context values, " +
          "with 95% confidence intervals; negative values favour IRM. Overall: -0.0290 (95% CI -0.0340 to -0.0240).",
      );
      expect(svg).toContain(width < 560 ? "suppressed (&lt; 10)" : "suppressed: fewer than 10 customers");
      // Row order is the data order: the suppressed row stays between family and intent.
      // (Narrow charts may truncate a long label with "…": compare the kept prefix.)
      const labels = [...svg.matchAll(/<text[^>]*>((?!suppressed)[a-z]+: [a-z0-9 ()]*…?|overall)<\/text>/g)].map((m) => m[1]!);
      const expected = forestRows(logLoss).map((r) => r.row);
      expect(labels.length).toBe(expected.length);
      labels.forEach((label, i) => expect(expected[i]!.startsWith(label.replace("…", ""))).toBe(true));
      expect(svg.match(/<svg[^>]*width="(\d+)"/)![1]).toBe(String(width));
    });
  }

  it("says which side favours IRM from the metric's direction", () => {
    const l = forestPlotSpec(logLoss) as { title: { subtitle: string } };
    const a = forestPlotSpec(auc) as { title: { subtitle: string } };
    expect(l.title.subtitle).toBe("Left of zero favours IRM; bars are 95% CIs, widened per context for the number of cells tested (Holm).");
    expect(a.title.subtitle).toBe("Right of zero favours IRM; bars are 95% CIs, widened per context for the number of cells tested (Holm).");
  });

  it("draws a context cell's Holm-consistent interval, so a bar misses zero exactly when its label claims a difference", () => {
    const cell = logLoss.byContext[0]!;
    const withAdjusted = {
      ...logLoss,
      byContext: [{ ...cell, estimate: -0.01, lower: -0.02, upper: -0.001, adjusted: { lower: -0.03, upper: 0.006, level: 0.994 }, verdict: "inconclusive" as const }],
    };
    const [, row] = forestRows(withAdjusted);
    expect(row).toMatchObject({ lower: -0.03, upper: 0.006, level: 0.994, status: "inconclusive" });
  });
});

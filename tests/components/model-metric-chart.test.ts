import { describe, expect, it } from "vitest";
import { modelMetricSpec } from "../../src/components/model-metric-chart.js";
import type { SiteModel } from "../../src/lib/site-summary/site-summary-types.js";
import { checkVegaLite } from "../helpers/vega-lite-check.js";

const cell = (logLoss: number | null, suppressed = false) => ({
  rows: suppressed ? null : 100,
  customers: suppressed ? null : 50,
  suppressed,
  metrics: { logLoss },
});
const models: SiteModel[] = [
  { name: "popularity", family: "crm", familyLabel: "single profile (CRM)", description: "", overall: cell(0.65) },
  { name: "context-profile", family: "irm", familyLabel: "multi-context (IRM)", description: "", overall: cell(0.59) },
  { name: "oracle", family: "oracle", familyLabel: "oracle (ground truth)", description: "", overall: cell(null, true) },
];

describe("model-metric-chart", () => {
  it("plots every model with a value and names the others in the description", () => {
    const spec = modelMetricSpec(models, "logLoss", { width: 500 }) as { data: { values: unknown[] }; description: string };
    expect(spec.data.values).toEqual([
      { model: "popularity (CRM)", family: "crm", value: 0.65 },
      { model: "context-profile (IRM)", family: "irm", value: 0.59 },
    ]);
    expect(spec.description).toBe(
      "Test log-loss of 2 models: popularity (CRM) 0.650; context-profile (IRM) 0.590. Not available: oracle.",
    );
  });

  for (const width of [640, 320]) {
    it(`compiles and renders with no warnings at ${width}px`, async () => {
      const spec = modelMetricSpec(models, "logLoss", { width, higherIsBetter: false });
      const { warnings, svg } = await checkVegaLite(spec);
      expect(warnings).toEqual([]);
      expect(svg).toContain("Test log-loss by model");
      expect(svg).toContain("Lower is better.");
      expect(svg.match(/<svg[^>]*width="(\d+)"/)![1]).toBe(String(width));
    });
  }
});

import { describe, expect, it } from "vitest";
import { reliabilitySpec } from "../../src/components/diagnostic-charts.js";

const bin = (predicted: number, observed: number) => ({ lower: predicted - 0.1, upper: predicted + 0.1, rows: 50, customers: 20, predicted, observed, suppressed: false });
const domainOf = (spec: unknown): unknown => (spec as { layer: [{ encoding: { x: { scale: { domain: unknown } } } }] }).layer[0].encoding.x.scale.domain;

describe("reliabilitySpec axis range", () => {
  it("is [0, 1] for probabilities", () => {
    expect(domainOf(reliabilitySpec({ a: [bin(0.2, 0.25), bin(0.7, 0.6)] }))).toEqual([0, 1]);
  });
  it("spans a rating scale's bins in whole units, so rating data are drawn (a fixed [0, 1] left the chart empty)", () => {
    expect(domainOf(reliabilitySpec({ a: [bin(2.4, 2.1), bin(4.6, 4.9)], b: [bin(3.1, 3.3)] }))).toEqual([2, 5]);
  });
});

import { describe, expect, it } from "vitest";
import { buildDiagnostics } from "../../../../src/lib/site-summary/comparison/diagnostics.js";

// 20 customers, 2 rows each: outcome alternates; "good" predicts the outcome closely, "flat" says 0.5.
const n = 40;
const customer = Int32Array.from({ length: n }, (_, r) => Math.floor(r / 2));
const outcome = Float64Array.from({ length: n }, (_, r) => r % 2);
const good = Float64Array.from(outcome, (y) => (y === 1 ? 0.85 : 0.15));
const flat = new Float64Array(n).fill(0.5);
const input = { outcomeType: "binary" as const, range: [0, 1] as const, customer, customers: 20, outcome, predictions: { good, flat }, pairs: [{ irm: "good", crm: "flat" }] };

describe("diagnostics", () => {
  it("bins predictions for the reliability diagram and suppresses bins with fewer than k customers", () => {
    const d = buildDiagnostics(input, { minCellCustomers: 10, reliabilityBins: 10 });
    const filled = d.reliability.good!.filter((b) => b.rows !== null);
    expect(filled.map((b) => [Number(b.lower.toFixed(9)), b.rows, b.customers, Number(b.predicted!.toFixed(9)), b.observed])).toEqual([
      [0.1, 20, 20, 0.15, 0],
      [0.8, 20, 20, 0.85, 1],
    ]);
    expect(buildDiagnostics(input, { minCellCustomers: 21 }).reliability.good!.filter((b) => b.suppressed).length).toBe(2);
  });
  it("draws the gain curve: a perfect ranking captures every positive in the top half", () => {
    const gain = buildDiagnostics(input).gain.good!;
    expect(gain[0]).toEqual({ targeted: 0, captured: 0 });
    expect(gain.find((p) => p.targeted === 0.5)).toEqual({ targeted: 0.5, captured: 1 });
  });
  it("counts customers by error of both models and says who wins", () => {
    const h = buildDiagnostics(input, { minCellCustomers: 5 }).errors[0]!;
    expect([h.customers, h.irmLower, h.irmHigher, h.ties]).toEqual([20, 20, 0, 0]);
    expect(h.cells.map((c) => c.customers)).toEqual([20]);
    expect(buildDiagnostics(input, { minCellCustomers: 25 }).errors[0]!.cells).toEqual([{ ...h.cells[0], customers: null, suppressed: true }]);
  });
  it("rejects an unknown model in a pair and columns of different lengths", () => {
    expect(() => buildDiagnostics({ ...input, pairs: [{ irm: "x", crm: "flat" }] })).toThrowError(/pair names model "x"; models are good, flat/);
    expect(() => buildDiagnostics({ ...input, customer: new Int32Array(3) })).toThrowError(/customer has 3 rows, outcome has 40/);
  });
});

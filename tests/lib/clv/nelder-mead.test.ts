import { describe, expect, it } from "vitest";
import { minimizeNelderMead } from "../../../src/lib/clv/nelder-mead.js";

describe("nelder-mead", () => {
  it("finds the minimum of the Rosenbrock function at (1, 1)", () => {
    const res = minimizeNelderMead((p) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
    expect(res.value).toBeLessThan(1e-10);
  });

  it("minimises a 5-dimensional shifted quadratic", () => {
    const target = [1, -2, 3, 0.5, -0.25];
    const res = minimizeNelderMead((p) => target.reduce((s, t, i) => s + (i + 1) * (p[i]! - t) ** 2, 0), [0, 0, 0, 0, 0]);
    for (let i = 0; i < 5; i++) expect(res.x[i]).toBeCloseTo(target[i]!, 4);
  });

  it("treats NaN objective values as +Infinity and stays in the domain", () => {
    const res = minimizeNelderMead((p) => (p[0]! <= 0 ? NaN : (Math.log(p[0]!) - 1) ** 2), [0.5]);
    expect(res.x[0]).toBeCloseTo(Math.E, 4);
  });

  it("reports non-convergence when the evaluation budget runs out", () => {
    const res = minimizeNelderMead((p) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2, [-1.2, 1], { maxEvaluations: 20 });
    expect(res.converged).toBe(false);
    expect(res.evaluations).toBeLessThanOrEqual(25);
  });

  it("rejects an empty or non-finite start with the value quoted", () => {
    expect(() => minimizeNelderMead(() => 0, [])).toThrowError(/at least one coordinate/);
    expect(() => minimizeNelderMead(() => 0, [1, NaN])).toThrowError(/x0\[1\] must be finite, got "NaN"/);
  });
});

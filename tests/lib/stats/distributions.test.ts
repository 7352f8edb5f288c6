import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as d from "../../../src/lib/stats/distributions.js";

const fx = JSON.parse(readFileSync(new URL("../../fixtures/stats/distributions.json", import.meta.url), "utf8"));

/**
 * Relative accuracy 1e-8, also for tiny tail probabilities; values SciPy itself gives as rounding
 * noise around 0 (|want| < 1e-14, e.g. the t median) are compared absolutely.
 */
function expectRel(got: number, want: number, context: string, rel = 1e-8): void {
  const err = Math.abs(got - want);
  const scale = Math.max(Math.abs(want), 1e-300);
  if (!(err <= rel * scale) && !(Math.abs(want) < 1e-14 && err < 1e-14)) throw new Error(`${context}: got ${got}, SciPy ${want}, relative error ${err / scale}`);
}

describe("distributions (vs SciPy 1.10)", () => {
  it("normal cdf, sf and quantile", () => {
    for (const [x, v] of fx.normal.cdf) expectRel(d.normalCdf(x), v, `normalCdf(${x})`);
    for (const [x, v] of fx.normal.sf) expectRel(d.normalSf(x), v, `normalSf(${x})`);
    for (const [p, v] of fx.normal.quantile) expectRel(d.normalQuantile(p), v, `normalQuantile(${p})`);
  });
  it("Student t cdf, sf and quantile, integer and fractional df", () => {
    for (const [x, df, v] of fx.t.cdf) expectRel(d.studentTCdf(x, df), v, `studentTCdf(${x}, ${df})`);
    for (const [x, df, v] of fx.t.sf) expectRel(d.studentTSf(x, df), v, `studentTSf(${x}, ${df})`);
    for (const [p, df, v] of fx.t.quantile) {
      expectRel(d.studentTQuantile(p, df), v, `studentTQuantile(${p}, ${df})`);
    }
  });
  it("chi-square cdf and sf", () => {
    for (const [x, df, v] of fx.chi2.cdf) expectRel(d.chiSquareCdf(x, df), v, `chiSquareCdf(${x}, ${df})`);
    for (const [x, df, v] of fx.chi2.sf) expectRel(d.chiSquareSf(x, df), v, `chiSquareSf(${x}, ${df})`);
  });
  it("F cdf and sf", () => {
    for (const [x, d1, d2, v] of fx.f.cdf) expectRel(d.fCdf(x, d1, d2), v, `fCdf(${x}, ${d1}, ${d2})`);
    for (const [x, d1, d2, v] of fx.f.sf) expectRel(d.fSf(x, d1, d2), v, `fSf(${x}, ${d1}, ${d2})`);
  });
  it("binomial cdf", () => {
    for (const [k, n, p, v] of fx.binom.cdf) expectRel(d.binomialCdf(k, n, p), v, `binomialCdf(${k}, ${n}, ${p})`);
  });
  it("rejects arguments outside the domain", () => {
    expect(() => d.normalQuantile(0)).toThrowError(/normalQuantile: p must be in \(0, 1\), got 0/);
    expect(() => d.studentTCdf(1, 0)).toThrowError(/studentTCdf: df must be a positive finite number, got 0/);
    expect(() => d.studentTQuantile(0.5, -1)).toThrowError(/df must be a positive finite number, got -1/);
    expect(() => d.chiSquareSf(1, NaN)).toThrowError(/chiSquareSf: df must be a positive finite number, got NaN/);
    expect(() => d.binomialCdf(1, 2.5, 0.5)).toThrowError(/binomialCdf: n must be a non-negative integer, got 2.5/);
    expect(() => d.normalCdf(NaN)).toThrowError(/normalCdf: x is NaN/);
  });
});

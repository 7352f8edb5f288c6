import { beforeAll, describe, expect, it } from "vitest";
import {
  bgNbdConditionalExpected, bgNbdExpected, bgNbdLogLikelihood, bgNbdModel, bgNbdPAlive, fitBgNbd, type BgNbdParams,
} from "../../../src/lib/clv/bg-nbd.js";
import { rfmSummary, type RfmSummary } from "../../../src/lib/clv/rfm.js";
import { CDNOW_CAL_END, CDNOW_HOLDOUT_END, CDNOW_PRESENT, readCdnow } from "./cdnow-data.js";
import { REF, relErr, syntheticData } from "./reference.js";

const asParams = ([r, alpha, a, b]: number[]): BgNbdParams => ({ r: r!, alpha: alpha!, a: a!, b: b! });

describe("bg-nbd", () => {
  const pub = asParams(REF.bgnbdAt.params);

  it("log-likelihood, conditional expectation and P(alive) match the SciPy reference", () => {
    expect(bgNbdLogLikelihood(pub, syntheticData())).toBeCloseTo(REF.bgnbdAt.logLikelihoodSynthetic, 8);
    expect(bgNbdExpected(pub, 52)).toBeCloseTo(REF.bgnbdAt.expected52, 10);
    for (const [x, tx, T, cond, alive] of REF.bgnbdAt.histories) {
      expect(relErr(bgNbdConditionalExpected(pub, x, tx, T, 52), cond)).toBeLessThan(1e-10);
      expect(bgNbdPAlive(pub, x, tx, T)).toBeCloseTo(alive, 12);
    }
  });

  it("matches SciPy where a + b < 1, where the hypergeometric function's c is negative for x = 0", () => {
    const small = asParams(REF.bgnbdSmallAB.params);
    expect(small.a + small.b).toBeLessThan(1);
    expect(relErr(bgNbdExpected(small, 52), REF.bgnbdSmallAB.expected52)).toBeLessThan(1e-10);
    for (const [x, tx, T, cond, alive] of REF.bgnbdSmallAB.histories) {
      expect(relErr(bgNbdConditionalExpected(small, x, tx, T, 52), cond)).toBeLessThan(1e-10);
      expect(bgNbdPAlive(small, x, tx, T)).toBeCloseTo(alive, 12);
    }
  });

  it("fit on the synthetic set reaches SciPy's optimum (parameters within 1e-3, LL within 1e-6)", () => {
    const fit = fitBgNbd(syntheticData());
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeCloseTo(REF.bgnbdFit.logLikelihood, 6);
    const got = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    got.forEach((v, i) => expect(relErr(v, REF.bgnbdFit.params[i]!)).toBeLessThan(1e-3));
  });

  it("expects no transactions in zero time and P(alive) = 1 for x = 0", () => {
    expect(bgNbdExpected(pub, 0)).toBeCloseTo(0, 15);
    expect(bgNbdConditionalExpected(pub, 3, 5, 10, 0)).toBeCloseTo(0, 15);
    expect(bgNbdPAlive(pub, 0, 0, 20)).toBe(1);
    expect(bgNbdModel(pub).expected(52)).toBe(bgNbdExpected(pub, 52));
  });

  it("rejects invalid parameters, histories and data with the value quoted", () => {
    expect(() => bgNbdExpected({ ...pub, r: -1 }, 1)).toThrowError(/bgNbdExpected: parameter r must be finite and > 0, got "-1"/);
    expect(() => bgNbdExpected(pub, -1)).toThrowError(/t must be a finite number >= 0, got "-1"/);
    expect(() => bgNbdPAlive(pub, 1.5, 1, 2)).toThrowError(/x must be a non-negative integer, got "1.5"/);
    expect(() => bgNbdPAlive(pub, 2, 5, 3)).toThrowError(/t_x must be in \[0, T=3\], got "5"/);
    expect(() => bgNbdPAlive(pub, 0, 1, 3)).toThrowError(/t_x must be 0 when x is 0, got "1"/);
    const bad = { frequency: Float64Array.from([1, 2]), recency: Float64Array.from([1, 9]), T: Float64Array.from([3, 4]) };
    expect(() => fitBgNbd(bad)).toThrowError(/fitBgNbd: customer 1 column recency: expected a number in \[0, T=4\], got "9"/);
    expect(() => fitBgNbd({ frequency: new Float64Array(0), recency: new Float64Array(0), T: new Float64Array(0) })).toThrowError(/no customers/);
  });
});

describe.skipIf(!CDNOW_PRESENT)("bg-nbd on CDNOW_sample (Fader, Hardie & Lee 2005)", () => {
  let s: RfmSummary;
  let fit: ReturnType<typeof fitBgNbd>;
  beforeAll(() => {
    s = rfmSummary(readCdnow("CDNOW_sample.txt"), { calibrationEnd: CDNOW_CAL_END, holdoutEnd: CDNOW_HOLDOUT_END });
    fit = fitBgNbd(s);
  });

  it("reproduces the published parameters within 1% and log-likelihood -9582.43 within 0.1", () => {
    expect(fit.customers).toBe(2357);
    const { r, alpha, a, b } = fit.params;
    expect(relErr(r, 0.2426)).toBeLessThan(0.01);
    expect(relErr(alpha, 4.4137)).toBeLessThan(0.01);
    expect(relErr(a, 0.793)).toBeLessThan(0.01);
    expect(relErr(b, 2.4262)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.1);
  });

  it("reproduces 1.444 expected transactions in 52 weeks and customer 1516's 25.757 and P(alive) 0.9689", () => {
    expect(relErr(bgNbdExpected(fit.params, 52), 1.444)).toBeLessThan(0.005);
    const [x, tx, T] = [s.frequency[1515]!, s.recency[1515]!, s.T[1515]!];
    expect(relErr(bgNbdConditionalExpected(fit.params, x, tx, T, 52), 25.757)).toBeLessThan(0.005);
    expect(relErr(bgNbdPAlive(fit.params, x, tx, T), 0.9689)).toBeLessThan(0.005);
  });
});

import { describe, expect, it } from "vitest";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from "../../../src/lib/clv/gamma-gamma.js";
import { rfmSummary } from "../../../src/lib/clv/rfm.js";
import { CDNOW_CAL_END, CDNOW_PRESENT, readCdnow } from "./cdnow-data.js";
import { REF, relErr, syntheticData } from "./reference.js";

describe("gamma-gamma", () => {
  it("fit on the synthetic repeat customers reaches SciPy's optimum", () => {
    const d = syntheticData();
    const fit = fitGammaGamma({ frequency: d.frequency, monetary: d.monetary });
    expect(fit.logLikelihood).toBeCloseTo(REF.gammaGammaFit.logLikelihood, 5);
    [fit.params.p, fit.params.q, fit.params.gamma].forEach((v, i) => expect(relErr(v, REF.gammaGammaFit.params[i]!)).toBeLessThan(2e-3));
    const [p, q, gamma] = REF.gammaGammaFit.params as [number, number, number];
    expect(gammaGammaLogLikelihood({ p, q, gamma }, { frequency: d.frequency, monetary: d.monetary })).toBeCloseTo(REF.gammaGammaFit.logLikelihood, 6);
  });

  it("expected spend shrinks a customer's mean towards the population mean p·γ/(q − 1)", () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const got = gammaGammaExpectedSpend(params, { frequency: Float64Array.from([0, 1, 10]), monetary: Float64Array.from([0, 100, 100]) });
    const pop = (6.25 * 15.44) / 2.74;
    expect(Array.from(got)).toEqual([pop, (6.25 * (15.44 + 100)) / (6.25 + 2.74), (6.25 * (15.44 + 1000)) / (62.5 + 2.74)]);
  });

  it("leaves repeat customers with zero spend out of the fit and counts them", () => {
    const d = syntheticData();
    const withZero = { frequency: Float64Array.from([...d.frequency, 3]), monetary: Float64Array.from([...d.monetary, 0]) };
    const a = fitGammaGamma({ frequency: d.frequency, monetary: d.monetary });
    const b = fitGammaGamma(withZero);
    expect(b.excludedNonPositive).toBe(1);
    expect(a.excludedNonPositive).toBe(0);
    expect(b.params).toEqual(a.params);
    expect(b.customers).toBe(a.customers);
  });

  it("rejects non-finite spend, a zero spend in the likelihood, no usable customer and q <= 1", () => {
    const zero = { frequency: Float64Array.from([2]), monetary: Float64Array.from([0]) };
    expect(() => fitGammaGamma({ frequency: Float64Array.from([2]), monetary: Float64Array.from([NaN]) })).toThrowError(
      /fitGammaGamma: customer 0 column monetary: expected a finite number, got "NaN"/,
    );
    expect(() => gammaGammaLogLikelihood({ p: 1, q: 2, gamma: 1 }, zero)).toThrowError(/customer 0 column monetary: expected a finite number > 0 when frequency > 0, got "0"/);
    expect(() => fitGammaGamma(zero)).toThrowError(/no customer has frequency > 0 and monetary > 0 \(1 repeat customers with monetary <= 0\)/);
    expect(() => gammaGammaExpectedSpend({ p: 1, q: 1, gamma: 1 }, zero)).toThrowError(/q must be > 1 .* got "1"/);
  });
});

describe.skipIf(!CDNOW_PRESENT)("gamma-gamma on CDNOW_sample (Fader & Hardie note 025)", () => {
  it("reproduces p=6.25, q=3.74, gamma=15.44 within 2% on the 946 repeat customers, with the mean spend of repeat transactions", () => {
    const s = rfmSummary(readCdnow("CDNOW_sample.txt"), { calibrationEnd: CDNOW_CAL_END });
    const fit = fitGammaGamma({ frequency: s.frequency, monetary: s.monetary });
    expect(fit.customers).toBe(946);
    expect(relErr(fit.params.p, 6.25)).toBeLessThan(0.02);
    expect(relErr(fit.params.q, 3.74)).toBeLessThan(0.02);
    expect(relErr(fit.params.gamma, 15.44)).toBeLessThan(0.02);
    // the mean over all purchase days (first included) does not reproduce it
    const other = fitGammaGamma({ frequency: s.frequency, monetary: s.averageSpend });
    expect(relErr(other.params.p, 6.25)).toBeGreaterThan(0.5);
  });
});

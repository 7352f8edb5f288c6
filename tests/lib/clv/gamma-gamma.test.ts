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

  it("rejects non-positive spend of a repeat customer and q <= 1", () => {
    const bad = { frequency: Float64Array.from([2]), monetary: Float64Array.from([0]) };
    expect(() => fitGammaGamma(bad)).toThrowError(/fitGammaGamma: customer 0 column monetary: expected a finite number > 0 when frequency > 0, got "0"/);
    expect(() => fitGammaGamma({ frequency: Float64Array.from([0]), monetary: Float64Array.from([0]) })).toThrowError(/no customer has frequency > 0/);
    expect(() => gammaGammaExpectedSpend({ p: 1, q: 1, gamma: 1 }, bad)).toThrowError(/q must be > 1 .* got "1"/);
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

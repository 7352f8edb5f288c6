/** Test helper: the SciPy reference values of tests/fixtures/clv (see make-fixtures.py there). */
import { readFileSync } from "node:fs";

type History = [x: number, tx: number, T: number, conditional52: number, pAlive: number];

export interface ClvReference {
  gammaln: [number, number][];
  hyp2f1: [number, number, number, number, number][];
  synthetic: { x: number[]; tx: number[]; T: number[]; spend: number[] };
  bgnbdFit: { params: number[]; logLikelihood: number };
  paretoFit: { params: number[]; logLikelihood: number };
  gammaGammaFit: { params: number[]; logLikelihood: number };
  bgnbdAt: { params: number[]; expected52: number; histories: History[]; logLikelihoodSynthetic: number };
  bgnbdSmallAB: { params: number[]; expected52: number; histories: History[] };
  paretoAt: { params: number[]; histories: History[]; logLikelihoodSynthetic: number };
  clv: {
    bgnbd: number[]; gammaGamma: number[]; months: number; monthlyDiscountRate: number; periodsPerMonth: number;
    rows: [x: number, tx: number, T: number, monetary: number, expectedSpend: number, clv: number][];
  };
}

export const REF = JSON.parse(readFileSync(new URL("../../fixtures/clv/reference.json", import.meta.url), "utf8")) as ClvReference;

/** The synthetic calibration set of the fixture as CalibrationData. */
export function syntheticData(): { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array } {
  const s = REF.synthetic;
  return { frequency: Float64Array.from(s.x), recency: Float64Array.from(s.tx), T: Float64Array.from(s.T), monetary: Float64Array.from(s.spend) };
}

/** |a/b − 1| */
export const relErr = (a: number, b: number): number => Math.abs(a / b - 1);

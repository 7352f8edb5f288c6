import { describe, expect, it } from "vitest";
import { bgNbdModel } from "../../../src/lib/clv/bg-nbd.js";
import { customerLifetimeValue, monthlyRateFromAnnual } from "../../../src/lib/clv/customer-lifetime-value.js";
import { gammaGammaExpectedSpend } from "../../../src/lib/clv/gamma-gamma.js";
import { REF, relErr } from "./reference.js";

describe("customer-lifetime-value", () => {
  const c = REF.clv;
  const model = bgNbdModel({ r: c.bgnbd[0]!, alpha: c.bgnbd[1]!, a: c.bgnbd[2]!, b: c.bgnbd[3]! });
  const data = {
    frequency: Float64Array.from(c.rows.map((r) => r[0])),
    recency: Float64Array.from(c.rows.map((r) => r[1])),
    T: Float64Array.from(c.rows.map((r) => r[2])),
  };
  const spend = gammaGammaExpectedSpend(
    { p: c.gammaGamma[0]!, q: c.gammaGamma[1]!, gamma: c.gammaGamma[2]! },
    { frequency: data.frequency, monetary: Float64Array.from(c.rows.map((r) => r[3])) },
  );

  it("Gamma-Gamma spend and 12-month discounted BG/NBD CLV match the SciPy reference of lifetimes' formula", () => {
    c.rows.forEach((row, i) => expect(relErr(spend[i]!, row[4])).toBeLessThan(1e-12));
    const clv = customerLifetimeValue(model, data, spend, { months: c.months, monthlyDiscountRate: c.monthlyDiscountRate, periodsPerMonth: c.periodsPerMonth });
    c.rows.forEach((row, i) => expect(relErr(clv[i]!, row[5])).toBeLessThan(1e-9));
  });

  it("an annual rate gives the same CLV as its equivalent monthly rate; 0 months gives 0", () => {
    const annual = customerLifetimeValue(model, data, spend, { annualDiscountRate: 0.1 });
    const monthly = customerLifetimeValue(model, data, spend, { monthlyDiscountRate: monthlyRateFromAnnual(0.1) });
    expect(Array.from(annual)).toEqual(Array.from(monthly));
    expect(Array.from(customerLifetimeValue(model, data, spend, { months: 0 }))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(monthlyRateFromAnnual(0.1)).toBeCloseTo(Math.pow(1.1, 1 / 12) - 1, 15);
  });

  it("rejects mismatched lengths, both rates and bad horizons", () => {
    expect(() => customerLifetimeValue(model, data, new Float64Array(2))).toThrowError(/expectedSpend has 2 entries, expected 6/);
    expect(() => customerLifetimeValue(model, data, spend, { annualDiscountRate: 0.1, monthlyDiscountRate: 0.01 })).toThrowError(/not both/);
    expect(() => customerLifetimeValue(model, data, spend, { months: 1.5 })).toThrowError(/months must be a non-negative integer, got "1.5"/);
  });
});

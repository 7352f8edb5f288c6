import { describe, expect, it } from "vitest";
import { nullLine } from "../../../src/node/value/format-value.js";

const value = { estimate: 0.151, baseline: 0.132, excess: 0.019, lower: 0.007, upper: 0.028, p: 0.01 };

describe("nullLine", () => {
  it("prints the unadjusted CI, the Holm-adjusted interval, p and pHolm, and marks a claim", () => {
    const line = nullLine({ value, unit: "share", pHolm: 0.04, adjusted: { lower: 0.001, upper: 0.035, level: 0.9875 }, claim: true });
    expect(line).toBe("15.1% | null 13.2% | excess +1.9% [+0.7%, +2.8%] Holm [+0.1%, +3.5%]  p 0.010 pHolm 0.040  *");
  });

  it("prints n/a for a record without the adjusted interval (older irmlab-value/2) and no mark without a claim", () => {
    const line = nullLine({ value, unit: "share", pHolm: 0.2, claim: false });
    expect(line).toBe("15.1% | null 13.2% | excess +1.9% [+0.7%, +2.8%] Holm n/a  p 0.010 pHolm 0.200");
  });
});

import { describe, expect, it } from "vitest";
import { resolveSyntheticOptions } from "../../../src/lib/synthetic/synthetic-options.js";
import { describeSyntheticWorld } from "../../../src/lib/synthetic/world-description.js";

describe("describeSyntheticWorld", () => {
  it("fills the text with the options' numbers", () => {
    const text = describeSyntheticWorld(resolveSyntheticOptions({ customers: 500, contextStrength: 0.5, start: "2023-02-01" }));
    expect(text).toContain("500 customers and 100 items, observed for 78 weeks from 2023-02-01");
    expect(text).toContain("The context strength σ = 0.5");
    expect(text).toContain("p ~ Beta(1.2, 8)");
    expect(text).toContain("**companion** (alone, partner, friends, family, business; weight ω = 1)");
    expect(text).toContain("Lifecycles are not a funnel");
    const funnel = describeSyntheticWorld(resolveSyntheticOptions({ journeys: "funnel", funnelGapWeeks: 10 }));
    expect(funnel).toContain("Lifecycles follow a funnel with exits");
    expect(funnel).toContain("has not bought for 10 weeks");
    expect(funnel).not.toContain("not a funnel");
  });
});

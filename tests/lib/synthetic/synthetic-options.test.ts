import { describe, expect, it } from "vitest";
import { DEFAULT_SYNTHETIC_OPTIONS, resolveSyntheticOptions } from "../../../src/lib/synthetic/synthetic-options.js";

describe("resolveSyntheticOptions", () => {
  it("fills every default and normalizes the start date", () => {
    expect(resolveSyntheticOptions({ customers: 10, start: "2023-06-01" })).toEqual({
      ...DEFAULT_SYNTHETIC_OPTIONS,
      customers: 10,
      start: "2023-06-01T00:00:00.000Z",
    });
    expect(resolveSyntheticOptions()).toEqual(DEFAULT_SYNTHETIC_OPTIONS);
  });

  it("accepts the seed the caller used, to record it", () => {
    expect(resolveSyntheticOptions({ seed: 42 }).seed).toBe(42);
    expect(() => resolveSyntheticOptions({ seed: Number.NaN })).toThrowError(/seed must be a finite number or null, got "NaN"/);
  });

  it("names the option, the expectation and the value it rejects", () => {
    expect(() => resolveSyntheticOptions({ customers: 2.5 })).toThrowError(/customers must be a positive integer, got "2.5"/);
    expect(() => resolveSyntheticOptions({ items: 1 })).toThrowError(/items must be an integer >= 2, got "1"/);
    expect(() => resolveSyntheticOptions({ contextStrength: -1 })).toThrowError(/contextStrength must be a finite number >= 0, got "-1"/);
    expect(() => resolveSyntheticOptions({ prospectShare: 1.5 })).toThrowError(/prospectShare must be a number in \[0, 1\], got "1.5"/);
    expect(() => resolveSyntheticOptions({ spendScaleShape: 1 })).toThrowError(/spendScaleShape must be a number > 1/);
    expect(() => resolveSyntheticOptions({ weeks: 40 })).toThrowError(/calibrationWeeks must be <= weeks \(40\), got "52"/);
    expect(() => resolveSyntheticOptions({ customers: "9" as unknown as number })).toThrowError(/customers must be a positive integer, got "9"/);
    expect(() => resolveSyntheticOptions({ journeys: "linear" as never })).toThrowError(/journeys must be one of free, funnel, got "linear"/);
    expect(() => resolveSyntheticOptions({ funnelGapWeeks: 0 })).toThrowError(/funnelGapWeeks must be a number > 0, got "0"/);
    expect(resolveSyntheticOptions({ journeys: "funnel" }).journeys).toBe("funnel");
  });

  it("refuses unknown options and start times without a zone", () => {
    expect(() => resolveSyntheticOptions({ offersPerCustomer: 3 } as never)).toThrowError(/unknown option "offersPerCustomer"; options are seed, customers/);
    expect(() => resolveSyntheticOptions({ start: "2024-01-01T10:00" })).toThrowError(/start must be an ISO 8601 UTC date .* got "2024-01-01T10:00"/);
    expect(() => resolveSyntheticOptions({ start: "2024-13-45" })).toThrowError(/start must be an ISO 8601 UTC date/);
    expect(resolveSyntheticOptions({ start: "2024-01-01T10:00+02:00" }).start).toBe("2024-01-01T08:00:00.000Z");
  });
});

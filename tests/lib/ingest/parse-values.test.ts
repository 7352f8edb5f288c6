import { describe, expect, it } from "vitest";
import { parseDecimal, parseMoney, parseOutcome, parseTimestamp } from "../../../src/lib/ingest/parse-values.js";

const rating = { type: "rating", min: 1, max: 5 } as const;
const binary = { type: "binary", min: 0, max: 1 } as const;
const amount = { type: "amount", min: 0, max: Infinity } as const;

describe("parseDecimal", () => {
  it("reads plain and scientific decimals and refuses everything else", () => {
    expect(["3", " 4.5 ", "-2", "+1e3", ".5", "7."].map(parseDecimal)).toEqual([3, 4.5, -2, 1000, 0.5, 7]);
    expect(["", " ", "0x10", "1,5", "abc", "Infinity", "NaN", "1e999", "3 stars"].map(parseDecimal)).toEqual(Array(9).fill(NaN));
  });
});

describe("parseOutcome", () => {
  it("reads a count as a whole number ≥ 0 and rejects fractions and negatives", () => {
    const count = { type: "count", min: 0, max: Infinity } as const;
    expect(["0", "7", "1200"].map((t) => parseOutcome(t, count))).toEqual([0, 7, 1200]);
    expect(parseOutcome("2.5", count)).toBe("invalid outcome");
    expect(parseOutcome("-1", count)).toBe("outcome out of range");
  });

  it("accepts ratings in range and names the failure otherwise", () => {
    expect(["1", "5", "3.5"].map((t) => parseOutcome(t, rating))).toEqual([1, 5, 3.5]);
    expect(["0", "6", "-1"].map((t) => parseOutcome(t, rating))).toEqual(Array(3).fill("outcome out of range"));
    expect(parseOutcome("five", rating)).toBe("invalid outcome");
  });

  it("accepts 0/1 and true/false/yes/no for binary outcomes", () => {
    expect(["0", "1", "1.0", "TRUE", "false", "Yes", "no"].map((t) => parseOutcome(t, binary))).toEqual([0, 1, 1, 1, 0, 1, 0]);
    expect(parseOutcome("2", binary)).toBe("outcome out of range");
    expect(parseOutcome("maybe", binary)).toBe("invalid outcome");
  });

  it("accepts non-negative amounts only, without negative zero", () => {
    expect(parseOutcome("12.5", amount)).toBe(12.5);
    expect(Object.is(parseOutcome("-0", amount), 0)).toBe(true);
    expect(parseOutcome("-3", amount)).toBe("outcome out of range");
  });
});

describe("parseMoney", () => {
  it("accepts any finite number and rejects text", () => {
    expect([parseMoney("-4.25"), parseMoney("$5"), parseMoney("")]).toEqual([-4.25, "invalid value", "invalid value"]);
  });
});

describe("parseTimestamp", () => {
  it("reads the four formats as ms since the epoch, UTC", () => {
    expect(parseTimestamp("19970101", "yyyymmdd")).toBe(Date.UTC(1997, 0, 1));
    expect(parseTimestamp("2015-03-01", "iso")).toBe(Date.UTC(2015, 2, 1));
    expect(parseTimestamp("2015-03-01T12:30:15.250Z", "iso")).toBe(Date.UTC(2015, 2, 1, 12, 30, 15, 250));
    expect(parseTimestamp("2015-03-01 12:30", "iso")).toBe(Date.UTC(2015, 2, 1, 12, 30));
    expect(parseTimestamp("2015-03-01T12:30:00+02:00", "iso")).toBe(Date.UTC(2015, 2, 1, 10, 30));
    expect(parseTimestamp("1425168000", "unix-seconds")).toBe(1425168000000);
    expect(parseTimestamp("1425168000123", "unix-ms")).toBe(1425168000123);
  });

  it("rejects impossible dates instead of rolling them over", () => {
    const bad = [
      ["19970230", "yyyymmdd"],
      ["19971301", "yyyymmdd"],
      ["1997-1-1", "iso"],
      ["2015-02-29", "iso"],
      ["2015-03-01T24:00:00", "iso"],
      ["03/01/2015", "iso"],
      ["1.5e9", "unix-seconds"],
      ["", "unix-ms"],
    ] as const;
    expect(bad.map(([t, f]) => parseTimestamp(t, f))).toEqual(Array(bad.length).fill("invalid timestamp"));
    expect(parseTimestamp("2016-02-29", "iso")).toBe(Date.UTC(2016, 1, 29));
  });
});

import { describe, expect, it } from "vitest";
import { compileTimestampPattern, parseWithPattern, type TimestampPattern } from "../../../src/lib/ingest/timestamp-pattern.js";

function compiled(source: string): TimestampPattern {
  const p = compileTimestampPattern(source);
  if (typeof p === "string") throw new Error(p);
  return p;
}

describe("timestamp patterns", () => {
  it("reads day-first, month-first and literal text strictly, as UTC", () => {
    const eu = compiled("dd/MM/yyyy HH:mm:ss");
    expect(parseWithPattern("31/12/2023 23:59:58", eu)).toBe(Date.UTC(2023, 11, 31, 23, 59, 58));
    expect(parseWithPattern(" 01/02/2024 00:00:00 ", eu)).toBe(Date.UTC(2024, 1, 1));
    const us = compiled("M/d/yyyy");
    expect(parseWithPattern("2/1/2024", us)).toBe(Date.UTC(2024, 1, 1));
    expect(parseWithPattern("12/31/2024", us)).toBe(Date.UTC(2024, 11, 31));
    const quoted = compiled("yyyy-MM-dd'T'HH:mm:ss.SSS");
    expect(parseWithPattern("2024-03-11T04:47:31.096", quoted)).toBe(Date.UTC(2024, 2, 11, 4, 47, 31, 96));
  });

  it("rejects text that does not match the whole pattern, and dates or times that do not exist", () => {
    const eu = compiled("dd/MM/yyyy HH:mm:ss");
    for (const bad of ["30/02/2024 10:00:00", "31/04/2024 10:00:00", "01/13/2024 10:00:00", "01/01/2024 24:00:00", "01/01/2024 10:60:00", "1/1/2024 10:00:00", "01/01/2024", "01/01/2024 10:00:00 extra", "2024-01-01"]) {
      expect(parseWithPattern(bad, eu), bad).toBeNaN();
    }
    expect(parseWithPattern("29/02/2024 00:00:00", eu)).toBe(Date.UTC(2024, 1, 29));
    expect(parseWithPattern("29/02/2023 00:00:00", eu)).toBeNaN();
    expect(parseWithPattern("01/01/0999 00:00:00", eu)).toBeNaN();
  });

  it("explains what is wrong with a pattern", () => {
    expect(compileTimestampPattern("YYYY-MM-DD")).toMatch(/^unknown pattern letters "YYYY" at position 1/);
    expect(compileTimestampPattern("dd/mm/yyyy")).toMatch(/^no month/);
    expect(compileTimestampPattern("yyyy-MM-dd dd")).toBe("the day appears twice");
    expect(compileTimestampPattern("yyyy-MM-dd 'at")).toBe("an unclosed quote at position 12");
  });
});

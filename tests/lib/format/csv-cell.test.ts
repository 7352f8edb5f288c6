import { describe, expect, it } from "vitest";
import { csvCell, readCsvText } from "../../../src/lib/format/csv-cell.js";

describe("csvCell", () => {
  it("prefixes an apostrophe to cells a spreadsheet would run as formulas, quoting where RFC 4180 needs it", () => {
    expect(["=1+1", "+A1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=a,b"].map(csvCell)).toEqual(["'=1+1", "'+A1", "'-2+3", "'@SUM(A1)", "'\tx", "\"'\rx\"", "\"'=a,b\""]);
  });

  it("leaves plain numbers and ordinary text alone", () => {
    expect(["-1.5", "+3", "1e-3", "-.5", "abc", "a-b", "", "say \"hi\""].map(csvCell)).toEqual(["-1.5", "+3", "1e-3", "-.5", "abc", "a-b", "", '"say ""hi"""']);
  });

  it("reads back exactly what was written, apostrophes of the original included", () => {
    for (const text of ["=1+1", "'=1+1", "''@x", "'5", "'", "-5", "'-5", "\tx", "plain"]) {
      const cell = csvCell(text).replace(/^"(.*)"$/s, "$1").replace(/""/g, '"');
      expect(readCsvText(cell)).toBe(text);
    }
  });
});

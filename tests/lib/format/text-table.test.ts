import { describe, expect, it } from "vitest";
import { textTable } from "../../../src/lib/format/text-table.js";

describe("textTable", () => {
  it("pads columns, right-aligns numbers and leaves no trailing spaces", () => {
    const out = textTable([{ header: "model" }, { header: "AUC", align: "right" }, { header: "note" }], [["popularity", "0.61", ""], ["context-profile", "0.7", "—"]]);
    expect(out).toBe(["model             AUC  note", "---------------  ----  ----", "popularity       0.61", "context-profile   0.7  —", ""].join("\n"));
  });
  it("refuses a row with the wrong number of cells", () => {
    expect(() => textTable([{ header: "a" }, { header: "b" }], [["1"]])).toThrowError(/row 1 has 1 cells, expected 2 \(a, b\)/);
  });
});

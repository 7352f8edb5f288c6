import { describe, expect, it } from "vitest";
import { RejectLog } from "../../../src/lib/ingest/reject-log.js";

describe("RejectLog", () => {
  it("counts every reject but stores at most maxExamples", () => {
    const log = new RejectLog(2);
    for (let i = 1; i <= 5; i++) log.add({ dataRow: i, line: i + 1, column: "Rating", value: "x", reason: i % 2 ? "invalid outcome" : "missing customer", detail: "expected a number" });
    expect(log.total).toBe(5);
    expect(log.byReason()).toEqual({ "missing customer": 2, "invalid outcome": 3 });
    expect(log.examples().map((e) => e.dataRow)).toEqual([1, 2]);
    expect(() => new RejectLog(-1)).toThrowError(/maxExamples must be a non-negative integer, got -1/);
  });
});

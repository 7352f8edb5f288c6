import { describe, expect, it } from "vitest";
import { isRfmSegment, quintileScores, rfmScores, segmentOf } from "../../../src/lib/clv/rfm-segments.js";

describe("rfm-segments", () => {
  it("scores quintiles of mid-rank, higher value = higher score, ties share a score", () => {
    expect(Array.from(quintileScores(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // six tied zeros (mid-rank 3.5 of 10) all get score 2
    expect(Array.from(quintileScores(Float64Array.from([0, 0, 0, 0, 0, 0, 5, 1, 2, 3])))).toEqual([2, 2, 2, 2, 2, 2, 5, 4, 4, 5]);
    expect(Array.from(quintileScores(Float64Array.from([7])))).toEqual([3]);
    expect(Array.from(quintileScores(new Float64Array(0)))).toEqual([]);
  });

  it("maps every (R, F) cell of the 5×5 grid to the documented segment", () => {
    const grid = [1, 2, 3, 4, 5].map((r) => [1, 2, 3, 4, 5].map((f) => segmentOf(r, f)));
    expect(grid).toEqual([
      ["hibernating", "hibernating", "at-risk", "at-risk", "cant-lose-them"],
      ["hibernating", "hibernating", "at-risk", "at-risk", "cant-lose-them"],
      ["about-to-sleep", "about-to-sleep", "need-attention", "loyal", "loyal"],
      ["promising", "potential-loyalist", "potential-loyalist", "loyal", "loyal"],
      ["new", "potential-loyalist", "potential-loyalist", "champions", "champions"],
    ]);
    expect(grid.flat().every(isRfmSegment)).toBe(true);
    expect(isRfmSegment("vip")).toBe(false);
  });

  it("scores recency by time since the last purchase (more recent = higher R)", () => {
    const s = rfmScores({
      frequency: Float64Array.from([0, 3, 10, 1, 2]),
      recency: Float64Array.from([0, 20, 29, 1, 10]),
      T: Float64Array.from([30, 30, 30, 30, 30]),
      averageSpend: Float64Array.from([10, 20, 30, 40, 50]),
    });
    // time since last purchase: 30, 10, 1, 29, 20
    expect(Array.from(s.r)).toEqual([1, 4, 5, 2, 3]);
    expect(Array.from(s.f)).toEqual([1, 4, 5, 2, 3]);
    expect(Array.from(s.m)).toEqual([1, 2, 3, 4, 5]);
    expect(s.segment).toEqual(["hibernating", "loyal", "champions", "hibernating", "need-attention"]);
  });

  it("rejects columns of different lengths and non-finite values", () => {
    const ok = { frequency: Float64Array.from([1]), recency: Float64Array.from([1]), T: Float64Array.from([2]), averageSpend: Float64Array.from([3]) };
    expect(() => rfmScores({ ...ok, T: new Float64Array(2) })).toThrowError(/column T has 2 entries, expected 1/);
    expect(() => rfmScores({ ...ok, averageSpend: Float64Array.from([NaN]) })).toThrowError(/customer 0 column averageSpend: expected a finite number, got "NaN"/);
  });
});

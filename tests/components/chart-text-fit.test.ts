import { describe, expect, it } from "vitest";
import { categoryLabelAngle, labelLimitFor, wrapText } from "../../src/components/chart-theme.js";

describe("chart text that fits its chart", () => {
  it("labelLimitFor: room for the longest label, at most a share of the width", () => {
    expect(labelLimitFor(["fire by IRM-aware score: value lost", "x"], 1000)).toBe(35 * 7 + 8);
    expect(labelLimitFor(["fire by IRM-aware score: value lost"], 300)).toBe(165);
    expect(labelLimitFor([], 400)).toBe(8);
  });
  it("wrapText: lines no longer than the width allows, words kept whole, nothing lost", () => {
    const text = "share of each row's customer-months; outlined: moves the linear funnel does not allow";
    const lines = wrapText(text, 300);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(Math.floor(300 / 7));
    expect(lines.join(" ")).toBe(text);
    expect(wrapText("short", 600)).toEqual(["short"]);
  });
  it("categoryLabelAngle: level labels while they fit, slanted when neighbours would collide", () => {
    const levels = ["alone", "partner", "friends", "family", "business"];
    expect(categoryLabelAngle(levels, 900)).toBe(0);
    expect(categoryLabelAngle(levels, 250)).toBe(-40);
  });
});

/**
 * Every colour the charts and pages use for text or marks passes WCAG 2.1 AA against the background:
 * 4.5:1 for text, 3:1 for graphics (marks, grid lines that carry meaning are not among them).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BACKGROUND, CHART_CONFIG, FAMILY_COLORS, VERDICT_COLORS, contrastRatio } from "../../src/components/chart-theme.js";

describe("contrastRatio", () => {
  it("matches the WCAG reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
    expect(contrastRatio("#fff", "#fff")).toBeCloseTo(1, 6);
    // WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes AA for text
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
  });
  it("refuses what is not a hex colour", () => {
    expect(() => contrastRatio("blue", "#fff")).toThrowError(/expected a colour "#rrggbb" or "#rgb", got "blue"/);
  });
});

describe("theme colours", () => {
  const text: Record<string, string> = {
    "axis labels": CHART_CONFIG.axis!.labelColor as string,
    "axis titles": CHART_CONFIG.axis!.titleColor as string,
    "legend labels": CHART_CONFIG.legend!.labelColor as string,
    "chart titles": (CHART_CONFIG.title as { color: string }).color,
    "chart subtitles": (CHART_CONFIG.title as { subtitleColor: string }).subtitleColor,
    ...Object.fromEntries(Object.entries(VERDICT_COLORS).map(([k, v]) => [`verdict ${k} (used for labels too)`, v])),
    ...Object.fromEntries(Object.entries(FAMILY_COLORS).map(([k, v]) => [`family ${k}`, v])),
  };
  it.each(Object.entries(text))("%s pass AA for text (4.5:1) on the background", (_name, colour) => {
    expect(contrastRatio(colour, BACKGROUND)).toBeGreaterThanOrEqual(4.5);
  });

  it("every colour the page stylesheet sets for text passes AA on white", () => {
    const css = readFileSync("src/style.css", "utf8");
    const colours = [...css.matchAll(/(?:^|[;{\s])(?:color|--theme-foreground[\w-]*|--irm|--crm)\s*:\s*(#[0-9a-f]{3,6})\b/gim)].map((m) => m[1]!);
    expect(colours.length).toBeGreaterThan(2);
    for (const c of colours) expect(contrastRatio(c, BACKGROUND), c).toBeGreaterThanOrEqual(4.5);
  });
});

describe("page stylesheet: text that is not body text", () => {
  const css = readFileSync("src/style.css", "utf8");
  it("gives Framework's footer (#8d8f91 on white, 3.2:1) a colour that passes AA", () => {
    const footer = /#observablehq-footer\s*\{[^}]*color:\s*var\((--[\w-]+)\)/.exec(css);
    expect(footer?.[1]).toBe("--theme-foreground-muted");
    const muted = new RegExp(`${footer![1]}\\s*:\\s*(#[0-9a-f]{3,6})`, "i").exec(css)![1]!;
    expect(contrastRatio(muted, BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#8d8f91", BACKGROUND)).toBeLessThan(4.5);
  });
  it("underlines links in the page's text (colour alone does not tell them apart: WCAG 1.4.1)", () => {
    expect(css).toMatch(/#observablehq-main a\[href\][^{]*\{[^}]*text-decoration:\s*underline/);
  });
});

import type { Config } from "vega-lite";
import type { ModelFamily } from "../lib/models/model.js";
import { VERDICTS, type Verdict } from "../lib/evaluation/verdict.js";

/** System font stack shared by the page CSS and the charts (no web fonts: the site makes no external request). */
export const SYSTEM_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * Colours by which model a difference favours. Each has at least 4.5:1 contrast on white, and the
 * label carries the meaning too (never colour alone).
 */
export const VERDICT_COLORS: Readonly<Record<Verdict, string>> = { "irm-better": "#1f5f99", "crm-better": "#a0451c", equivalent: "#2e6b30", inconclusive: "#595959" };

/** Colours by model family, matching {@link VERDICT_COLORS} (IRM blue, CRM orange-brown, oracle grey). */
export const FAMILY_COLORS: Readonly<Record<ModelFamily, string>> = { irm: "#1f5f99", crm: "#a0451c", oracle: "#595959" };

/** Vega-Lite config every chart of the site uses: system fonts, dark-enough text, no view border. */
export const CHART_CONFIG: Config = {
  font: SYSTEM_FONT,
  view: { stroke: null },
  axis: { labelColor: "#333333", titleColor: "#222222", labelFontSize: 12, titleFontSize: 12, gridColor: "#e3e3e3" },
  // labelLimit: Vega's default (160 px) cut verdict labels such as "equivalent within the margin"
  legend: { labelColor: "#333333", titleColor: "#222222", labelFontSize: 12, orient: "bottom", direction: "horizontal", labelLimit: 400 },
  title: { color: "#111111", subtitleColor: "#444444", fontSize: 15, subtitleFontSize: 12, anchor: "start" },
};

/** Width of an average character of the system sans-serif at 12 px, in pixels, with a margin for wide glyphs. */
const CHAR_PX_AT_12 = 7;

/**
 * How wide (pixels) a chart's category axis labels may be: wide enough for the longest label, so
 * that Vega never shortens one with "…", but at most `share` of the chart's width (at phone widths
 * the plot keeps its room and long labels are shortened there).
 * @param labels the axis labels
 * @param width the chart's width in pixels
 * @param share the most of the width labels may take. Default 0.55.
 */
export function labelLimitFor(labels: readonly string[], width: number, share = 0.55): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.round(Math.min(longest * CHAR_PX_AT_12 + 8, width * share));
}

/**
 * The angle of a category axis's labels: level (0) when every label fits its slot of the width,
 * slanted (−40°) when neighbours would collide.
 * @param labels the axis labels, one per category
 * @param width the chart's width in pixels
 */
export function categoryLabelAngle(labels: readonly string[], width: number): number {
  const slot = (width * 0.85) / Math.max(1, labels.length);
  return labels.every((l) => l.length * CHAR_PX_AT_12 + 6 <= slot) ? 0 : -40;
}

/**
 * A subtitle broken into lines at spaces so that each fits the chart's width (Vega draws a title's
 * lines one under another; a one-line subtitle wider than the chart is cut with "…").
 * @param text the subtitle
 * @param width the chart's width in pixels
 * @param fontSize the subtitle's font size. Default 12 (the theme's).
 */
export function wrapText(text: string, width: number, fontSize = 12): string[] {
  const max = Math.max(12, Math.floor(width / ((CHAR_PX_AT_12 * fontSize) / 12)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The theme's title font size ({@link CHART_CONFIG}); Vega draws titles bold, about a tenth wider than regular text. */
const TITLE_FONT_SIZE = 15;

/**
 * A chart's title block: the title and its subtitle each broken into lines that fit the chart's
 * width (at 390 px a one-line title is cut with "…"; a title must wrap instead).
 * @param text the title
 * @param width the chart's width in pixels
 * @param subtitle the subtitle, as one string to wrap or as lines already chosen
 */
export function chartTitle(text: string, width: number, subtitle?: string | readonly string[]): { text: string[]; subtitle?: string[]; limit: number } {
  const lines = (s: string | readonly string[], size: number): string[] => (typeof s === "string" ? wrapText(s, width, size) : s.flatMap((l) => wrapText(l, width, size)));
  return { text: lines(text, TITLE_FONT_SIZE * 1.1), ...(subtitle === undefined ? {} : { subtitle: lines(subtitle, 12) }), limit: width };
}

/** The Vega-Lite schema every spec of the site names. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** What every full-width chart of the site shares: the schema, {@link CHART_CONFIG}, and fitting the card's width. */
export const CHART_FRAME = {
  $schema: VEGA_LITE_SCHEMA,
  autosize: { type: "fit-x", contains: "padding" },
  config: CHART_CONFIG,
} as const;

/** The background every chart and page is drawn on (the light theme). */
export const BACKGROUND = "#ffffff";

/**
 * WCAG 2.1 contrast ratio of two sRGB colours given as "#rrggbb" or "#rgb": (L1 + 0.05) / (L2 + 0.05),
 * from 1 (same) to 21 (black on white). AA asks 4.5 for text, 3 for large text and graphics.
 * @throws Error when a colour is not a hex colour
 */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** WCAG relative luminance of a hex colour. */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`expected a colour "#rrggbb" or "#rgb", got ${JSON.stringify(hex)}`);
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

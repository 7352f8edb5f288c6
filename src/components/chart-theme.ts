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
  legend: { labelColor: "#333333", titleColor: "#222222", labelFontSize: 12, orient: "bottom", direction: "horizontal" },
  title: { color: "#111111", subtitleColor: "#444444", fontSize: 15, subtitleFontSize: 12, anchor: "start" },
};

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

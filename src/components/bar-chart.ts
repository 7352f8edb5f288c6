import type { TopLevelSpec } from "vega-lite";
import { CHART_FRAME, labelLimitFor, chartTitle } from "./chart-theme.js";

/** One bar; value null with suppressed true marks a cell withheld for privacy. */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
  readonly suppressed?: boolean;
  /** Optional group (colour), e.g. a model family. */
  readonly group?: string;
  /** Optional extra text for the tooltip. */
  readonly note?: string;
}

/** Options of {@link barSpec}. */
export interface BarOptions {
  readonly title: string;
  /** The chart's accessible description (also its subtitle when short). */
  readonly description: string;
  /** Axis title of the values. */
  readonly valueTitle: string;
  /** Total width in CSS pixels. Default 640. */
  readonly width?: number;
  /** d3 format of values in labels and tooltips. Default ",". */
  readonly format?: string;
  /** Colour per group, when bars carry groups. Default: one colour. */
  readonly colors?: Readonly<Record<string, string>>;
  /** Fixed value domain, e.g. [0, 1] for probabilities. Default: from the data, from zero. */
  readonly domain?: readonly [number, number];
  /** Text of suppressed bars. Default "suppressed". */
  readonly suppressedText?: string;
}

/**
 * A horizontal bar chart with value labels; suppressed bars show a note instead of a bar.
 * @param bars the bars, in display order
 * @param options see {@link BarOptions}
 * @returns a Vega-Lite spec with title and description
 */
export function barSpec(bars: readonly Bar[], options: BarOptions): TopLevelSpec {
  const { width = 640, format = ",", colors, domain, suppressedText = "suppressed" } = options;
  const values = bars.map((b) => ({ label: b.label, value: b.value, group: b.group ?? "", note: b.suppressed ? suppressedText : (b.note ?? "") }));
  const y = { field: "label", type: "nominal", sort: null, title: null, scale: { domain: bars.map((b) => b.label) }, axis: { labelLimit: labelLimitFor(bars.map((b) => b.label), width) } } as const;
  const groups = colors ? Object.keys(colors) : [];
  const color = colors
    ? { field: "group", type: "nominal", title: null, legend: null, scale: { domain: groups, range: groups.map((g) => colors[g]!) } }
    : { value: "#1f5f99" };
  const x = { field: "value", type: "quantitative", title: options.valueTitle, ...(domain ? { scale: { domain: [...domain] } } : {}) } as const;
  return {
    ...CHART_FRAME,
    title: chartTitle(options.title, width),
    description: options.description,
    width,
    height: Math.max(1, bars.length) * 24,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.value != null" }],
        mark: { type: "bar", height: 16 },
        encoding: {
          y,
          x,
          color: color as never,
          tooltip: [
            { field: "label", type: "nominal", title: "cell" },
            { field: "value", type: "quantitative", format, title: options.valueTitle },
            { field: "note", type: "nominal", title: "note" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.value != null" }],
        mark: { type: "text", align: "left", dx: 4, color: "#222222" },
        encoding: { y, x, text: { field: "value", type: "quantitative", format } },
      },
      {
        transform: [{ filter: "datum.value == null" }],
        mark: { type: "text", align: "left", color: "#444444", fontStyle: "italic" },
        encoding: { y, x: { value: 4 }, text: { field: "note", type: "nominal" } },
      },
    ],
  };
}

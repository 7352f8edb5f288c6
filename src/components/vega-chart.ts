import embed from "vega-embed";
import type { TopLevelSpec } from "vega-lite";

/** A chart's text alternative: what a screen reader announces instead of the picture. */
export interface ChartTextAlternative {
  /** The chart's title (its subtitle appended when it has one). */
  readonly title: string;
  /** One sentence on what the chart shows: the spec's description. */
  readonly summary: string;
  /** Whether the chart reacts to the pointer (tooltips, selections): it then takes keyboard focus. */
  readonly interactive: boolean;
}

/**
 * The text alternative of a spec: its title and its description (every chart component writes
 * both; tests/components/chart-specs.test.ts checks it).
 * @throws Error when the spec has no description: a chart without one is invisible to screen readers
 */
export function chartTextAlternative(spec: TopLevelSpec): ChartTextAlternative {
  const s = spec as { title?: unknown; description?: unknown; params?: unknown };
  const t = s.title;
  const text = (x: unknown): string => (Array.isArray(x) ? x.join(" ") : typeof x === "string" ? x : "");
  const title = typeof t === "object" && t !== null && !Array.isArray(t)
    ? [text((t as { text?: unknown }).text), text((t as { subtitle?: unknown }).subtitle)].filter(Boolean).join(": ")
    : text(t);
  const summary = typeof s.description === "string" ? s.description.trim() : "";
  if (!summary) throw new Error(`chart "${title || "untitled"}": the spec needs a description (one sentence on what it shows) as its text alternative`);
  const interactive = Array.isArray(s.params) ? s.params.length > 0 : /"tooltip"\s*:/.test(JSON.stringify(spec));
  return { title, summary, interactive };
}

/**
 * Vega gives a mark container the role "graphics-symbol" and no name when none of its items has a
 * description: a rule or rect drawn from constants (a zero line), or a layer whose data are empty
 * (no suppressed cell to mark). Such a container says nothing to a screen reader ("image" with no
 * name, axe's svg-img-alt); the figure's label already says what the chart shows, so it is hidden.
 * The site's charts have no selections, so Vega never redraws the containers after the first render.
 */
function hideUnlabelledMarks(root: Element): void {
  for (const el of root.querySelectorAll('svg [role="graphics-symbol"]:not([aria-label])')) {
    el.removeAttribute("role");
    el.removeAttribute("aria-roledescription");
    el.setAttribute("aria-hidden", "true");
  }
}

/**
 * Renders a Vega-Lite spec to an SVG chart in a new element (browser only). No export menu, so
 * the chart never links to an external editor. The element is a figure labelled with the chart's
 * title and one-sentence summary; a chart with tooltips or selections is focusable with the
 * keyboard (Tab), so keyboard and screen-reader users reach it and hear what it shows.
 * @param spec a Vega-Lite spec (from a component of src/components) with a title and a description
 * @returns a div with class "vega-chart" holding the rendered chart
 * @throws when the spec has no description, or Vega cannot parse it (the promise rejects)
 */
export async function vegaChart(spec: TopLevelSpec): Promise<HTMLElement> {
  const alt = chartTextAlternative(spec);
  const div = document.createElement("div");
  div.className = "vega-chart";
  await embed(div, spec, { actions: false, renderer: "svg" });
  hideUnlabelledMarks(div);
  // after embed: Vega marks its container as a "graphics-document" itself; ours is the figure's label
  div.setAttribute("role", "figure");
  div.setAttribute("aria-label", alt.title ? `${alt.title}. ${alt.summary}` : alt.summary);
  if (alt.interactive) div.tabIndex = 0;
  return div;
}

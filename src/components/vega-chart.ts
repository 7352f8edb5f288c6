import embed from "vega-embed";
import type { TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite spec to an SVG chart in a new element (browser only). No export menu, so
 * the chart never links to an external editor; the spec's description becomes the SVG's aria-label.
 * @param spec a Vega-Lite spec (from a component of src/components)
 * @returns a div with class "vega-chart" holding the rendered chart
 * @throws when Vega cannot parse the spec (the promise rejects)
 */
export async function vegaChart(spec: TopLevelSpec): Promise<HTMLElement> {
  const div = document.createElement("div");
  div.className = "vega-chart";
  await embed(div, spec, { actions: false, renderer: "svg" });
  return div;
}

import type { Page } from "playwright-core";

/** What {@link layoutFaults} finds on a page as drawn. */
export interface LayoutFaults {
  /** Document width minus viewport width in CSS pixels (> 0: the page scrolls sideways). */
  readonly overflowX: number;
  /** Elements of the page's content that reach past the viewport's right edge (outside a scrolling container). */
  readonly wide: string[];
  /** Pairs of text boxes that overlap by more than the tolerance, each as "text A" / "text B" with where. */
  readonly overlaps: string[];
  /** Chart labels Vega shortened with an ellipsis (its labelLimit / title limit was too small). */
  readonly truncated: string[];
  /**
   * The subset of {@link truncated} that are titles: a chart's title or subtitle, an axis or legend
   * title. A title must wrap or be written shorter at every width; only category labels (axis ticks,
   * legend entries) may be shortened at phone width, where the plot needs the room.
   */
  readonly truncatedTitles: string[];
}

/**
 * Measures the page as drawn: horizontal overflow, text drawn over other text, and truncated chart
 * labels. Text boxes are every line box of every visible text node in the main column and every svg
 * <text> of a chart; two overlap when their intersection exceeds `tolerance` pixels both ways (so
 * lines that touch, and glyphs whose boxes share a pixel of antialiasing, do not count).
 * @param page a page whose charts are drawn
 * @param tolerance pixels of overlap allowed in each direction. Default 1.
 */
export async function layoutFaults(page: Page, tolerance = 1): Promise<LayoutFaults> {
  // esbuild (tsx, Vitest) keeps function names by wrapping them in __name(), which the page lacks
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate((tol) => {
    const main = document.querySelector("#observablehq-main") ?? document.body;
    const viewport = document.documentElement.clientWidth;
    const visible = (el: Element): boolean => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const describe = (el: Element): string => {
      const chart = el.closest(".card[id], .vega-chart, table, h1, h2, p, li");
      const where = chart?.id ? `#${chart.id}` : chart ? chart.tagName.toLowerCase() : el.tagName.toLowerCase();
      return where;
    };
    // one box per line of text: its corners (a rotated chart label is a rotated rectangle) and its bounds
    type Point = readonly [number, number];
    interface Box { text: string; where: string; quad: Point[]; left: number; right: number; top: number; bottom: number; scroller: Element | null }
    const boxOf = (text: string, where: string, quad: Point[], scroller: Element | null): Box => ({
      text: text.trim().slice(0, 40), where, quad, scroller,
      left: Math.min(...quad.map((p) => p[0])), right: Math.max(...quad.map((p) => p[0])), top: Math.min(...quad.map((p) => p[1])), bottom: Math.max(...quad.map((p) => p[1])),
    });
    /** How deep two convex quads overlap: the least penetration over the separating axes of both (0 when apart). */
    const penetration = (a: Point[], b: Point[]): number => {
      let least = Infinity;
      for (const quad of [a, b]) {
        for (let i = 0; i < quad.length; i++) {
          const p = quad[i]!, q = quad[(i + 1) % quad.length]!;
          const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
          if (len === 0) continue;
          const axis: Point = [-(q[1] - p[1]) / len, (q[0] - p[0]) / len];
          const project = (pts: Point[]) => pts.map((v) => v[0] * axis[0] + v[1] * axis[1]);
          const [pa, pb] = [project(a), project(b)];
          least = Math.min(least, Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)));
          if (least <= 0) return 0;
        }
      }
      return least;
    };
    const rectQuad = (r: DOMRect): Point[] => [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]];
    const boxes: Box[] = [];
    const scrollerOf = (el: Element): Element | null => {
      for (let e: Element | null = el.parentElement; e && e !== main; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") return e;
      }
      return null;
    };
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? "";
      const parent = n.parentElement;
      if (!parent || !text.trim() || parent.closest("svg, script, style") || !visible(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const size = parseFloat(getComputedStyle(parent).fontSize);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        // the em box around the line's middle: where the glyphs are (the line box adds the font's
        // ascent and descent, which overlap the next line's under a tight line-height without any ink touching)
        const middle = (r.top + r.bottom) / 2;
        boxes.push(boxOf(text, describe(parent), rectQuad(new DOMRect(r.left, middle - size / 2, r.width, Math.min(size, r.height))), scrollerOf(parent)));
      }
    }
    const truncated: string[] = [];
    const truncatedTitles: string[] = [];
    // Vega's SVG renderer marks a title's text with its role: role-title-text, role-title-subtitle, role-axis-title, role-legend-title
    const TITLE = ".role-title-text, .role-title-subtitle, .role-axis-title, .role-legend-title";
    for (const t of main.querySelectorAll("svg text")) {
      const text = t.textContent ?? "";
      if (!text.trim() || !visible(t)) continue;
      const bb = (t as SVGTextElement).getBBox();
      const m = (t as SVGTextElement).getScreenCTM();
      if (bb.width < 1 || bb.height < 1 || !m) continue;
      const corner = (x: number, y: number): Point => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; };
      // the em box, as for HTML text, in the label's own (possibly rotated) coordinates
      const size = Math.min(parseFloat(getComputedStyle(t).fontSize), bb.height);
      const top = bb.y + (bb.height - size) / 2;
      boxes.push(boxOf(text, describe(t), [corner(bb.x, top), corner(bb.x + bb.width, top), corner(bb.x + bb.width, top + size), corner(bb.x, top + size)], scrollerOf(t)));
      if (text.endsWith("…")) {
        truncated.push(`${describe(t)}: "${text}"`);
        if (t.closest(TITLE)) truncatedTitles.push(`${describe(t)}: "${text}"`);
      }
    }
    // sweep by top edge: only boxes whose vertical ranges meet are compared
    boxes.sort((a, b) => a.top - b.top);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length && overlaps.length < 20; i++) {
      const a = boxes[i]!;
      for (let j = i + 1; j < boxes.length && boxes[j]!.top < a.bottom - tol; j++) {
        const b = boxes[j]!;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) <= tol) continue;
        const depth = penetration(a.quad, b.quad);
        if (depth > tol) overlaps.push(`"${a.text}" (${a.where}) / "${b.text}" (${b.where}) by ${depth.toFixed(1)} px`);
      }
    }
    const wide: string[] = [];
    for (const el of main.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > viewport + 1 && r.width > 0 && !scrollerOf(el) && wide.length < 10) wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")} to x=${Math.round(r.right)}`);
    }
    return { overflowX: document.documentElement.scrollWidth - viewport, wide, overlaps, truncated, truncatedTitles };
  }, tolerance);
}

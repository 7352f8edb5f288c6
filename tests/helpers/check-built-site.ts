/**
 * The browser tests' page checks, pointed at any built site (e.g. `npm run build`'s dist/ with the full
 * study, which the tests do not build): every page at 1280 and 390 px, with console errors, requests
 * off the origin, sideways scroll, text over text, truncated labels (1280 px) and titles (both widths),
 * and the bytes of the data files each page fetches. Optionally a full-page PNG of each.
 *
 *   npx tsx tests/helpers/check-built-site.ts dist [--shots /tmp/shots] [--only datasets/cdnow/] [--report out.json]
 *
 * Exits 1 when any page has a fault (the same faults tests/e2e/site.test.ts fails on).
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { launchChromium } from "./browser.js";
import { serveStatic } from "./static-server.js";
import { visitPage, type Visit } from "./visit-page.js";

/** The viewports of the browser tests. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

/** A page's faults as the browser tests judge them: empty when the page passes. */
export function visitFaults(v: Visit, origin: string, label: keyof typeof VIEWPORTS): string[] {
  const faults: string[] = [];
  faults.push(...v.errors.map((e) => `error: ${e}`));
  if (v.renderErrors > 0) faults.push(`${v.renderErrors} cell errors`);
  faults.push(...v.requests.filter((u) => !u.startsWith(origin)).map((u) => `request off the origin: ${u}`));
  faults.push(...v.layout.wide.map((w) => `past the right edge: ${w}`));
  if (v.layout.overflowX > 0) faults.push(`scrolls sideways by ${v.layout.overflowX} px`);
  faults.push(...v.layout.overlaps.map((o) => `text over text: ${o}`));
  faults.push(...(label === "desktop" ? v.layout.truncated : v.layout.truncatedTitles).map((t) => `truncated: ${t}`));
  return faults;
}

/** Every page of a built site, as the path after the root ("" for the front page, "datasets/x/value"). */
function pagesOf(dir: string): string[] {
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? (n.startsWith("_") ? [] : walk(p)) : n.endsWith(".html") && n !== "404.html" ? [p] : [];
  });
  return walk(dir).map((f) => relative(dir, f).replace(/\.html$/, "").replace(/(^|\/)index$/, "$1")).sort();
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { shots: { type: "string" }, only: { type: "string" }, report: { type: "string" } } });
  const dir = resolve(positionals[0] ?? "dist");
  const pages = pagesOf(dir).filter((p) => !values.only || p.includes(values.only));
  if (values.shots) mkdirSync(values.shots, { recursive: true });
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  const report: Record<string, { faults: string[]; bytes: number; dataFiles: Record<string, number>; charts: number }> = {};
  let failed = 0;
  try {
    for (const page of pages) {
      for (const [label, viewport] of Object.entries(VIEWPORTS) as [keyof typeof VIEWPORTS, (typeof VIEWPORTS)[keyof typeof VIEWPORTS]][]) {
        const name = `${page.replace(/\/$/, "").replaceAll("/", "-") || "index"}-${viewport.width}`;
        const shot = values.shots ? join(values.shots, `${name}.png`) : null;
        const v = await visitPage(browser, server.url + page, viewport, 0, shot);
        const faults = visitFaults(v, server.url, label);
        if (faults.length > 0) failed++;
        report[`/${page} @${viewport.width}`] = { faults, bytes: v.bytes, dataFiles: v.dataFiles, charts: v.chartCount };
        const data = Object.values(v.dataFiles).reduce((a, b) => a + b, 0);
        console.log(`${faults.length === 0 ? "ok  " : "FAIL"} /${page} @${viewport.width}: ${v.chartCount} charts, ${v.bytes.toLocaleString("en-US")} bytes, data files ${data.toLocaleString("en-US")} bytes`);
        for (const f of faults) console.log(`     ${f}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`${pages.length} pages × ${Object.keys(VIEWPORTS).length} widths: ${failed} with faults`);
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();

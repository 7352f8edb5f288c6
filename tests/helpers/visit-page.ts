import type { Browser } from "playwright-core";
import { layoutFaults, type LayoutFaults } from "./layout-checks.js";

/** What {@link visitPage} saw on one page at one viewport. */
export interface Visit {
  /** Every URL the page requested. */
  readonly requests: string[];
  /** Console errors, uncaught exceptions and HTTP errors. */
  readonly errors: string[];
  /** Bytes transferred (headers and bodies) for every finished request. */
  readonly bytes: number;
  /** Body bytes of each data file the page fetched (pathname → bytes): .json, .arrow, .parquet, .csv, .bin. */
  readonly dataFiles: Record<string, number>;
  /** Milliseconds from navigation start until every chart container holds an svg or canvas. */
  readonly chartsMs: number;
  readonly chartCount: number;
  /** Framework's rendered cell errors. */
  readonly renderErrors: number;
  /** Overflow, text over text, truncated chart labels and titles (layout-checks.ts). */
  readonly layout: LayoutFaults;
}

/** A data file a page fetches (its payload, beside the code and styles every page shares). */
const DATA_FILE = /\.(json|arrow|parquet|csv|bin)$/;

/**
 * Opens `url` in a fresh browser context at `viewport`, waits until at least `expectedCharts` charts
 * are drawn and the network is idle, and measures what the page fetched and how it is laid out.
 * @param browser a launched Chromium (browser.ts)
 * @param url the page's address
 * @param viewport CSS pixels
 * @param expectedCharts the fewest `.vega-chart` containers to wait for
 * @param shot where to save a full-page PNG screenshot, or null for none
 */
export async function visitPage(browser: Browser, url: string, viewport: { width: number; height: number }, expectedCharts: number, shot: string | null): Promise<Visit> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const sizes: Promise<number>[] = [];
  const dataFiles: Record<string, number> = {};
  const bodies: Promise<void>[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfinished", (r) => sizes.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (DATA_FILE.test(path)) bodies.push(r.body().then((b) => void (dataFiles[path] = b.length), () => undefined));
  });
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("response", (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
  await page.goto(url, { waitUntil: "load" });
  const chartsMs = await page
    .waitForFunction(
      (n) => {
        const charts = [...document.querySelectorAll(".vega-chart")];
        const drawn = charts.length >= n && charts.every((c) => c.querySelector("svg, canvas"));
        return drawn ? performance.now() : false;
      },
      expectedCharts,
      { timeout: 60_000 }, // a loaded CI machine draws the value page's dozen charts slowly
    )
    .then((h) => h.jsonValue() as Promise<number>);
  await page.waitForLoadState("networkidle");
  // charts inside resize() draw once their card is measured: wait until the count holds for a second
  for (let last = -1, count = 0, i = 0; i < 20; i++) {
    count = await page.evaluate(() => document.querySelectorAll(".vega-chart svg, .vega-chart canvas").length);
    if (count === last) break;
    last = count;
    await page.waitForTimeout(1000);
  }
  const state = await page.evaluate(() => ({
    chartCount: document.querySelectorAll(".vega-chart svg, .vega-chart canvas").length,
    renderErrors: document.querySelectorAll(".observablehq--error").length,
  }));
  const layout = await layoutFaults(page);
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await Promise.all(bodies);
  await context.close();
  return { requests, errors, bytes, dataFiles, chartsMs: Math.round(chartsMs), ...state, layout };
}

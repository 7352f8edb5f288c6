/**
 * Accessibility of the built site in a real browser, and the page kit's scaffold end to end:
 *   copy of the project (own Framework cache: no clash with other builds) → `irmlab page new`
 *   → observable build from the fixture runs → serve on 127.0.0.1 → every page reachable from the
 *   navigation, plus the scaffolded page → axe-core (WCAG 2 A/AA rules) and the charts' text
 *   alternatives and keyboard focus.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "../helpers/browser.js";
import { buildSite } from "../helpers/build-site.js";
import { serveStatic, type StaticServer } from "../helpers/static-server.js";

const PROJECT = resolve(".");
const AXE = join(PROJECT, "node_modules/axe-core/axe.min.js");
const DATASET = "synthetic (site fixture)";

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** A copy of the project's site sources with its own loader cache (Framework's bundles copied to save time). */
function projectCopy(): string {
  const work = mkdtempSync(join(tmpdir(), "irmlab-a11y-"));
  cpSync("src", join(work, "src"), { recursive: true, filter: (p) => !p.startsWith(join("src", ".observablehq", "cache", "data")) });
  for (const f of ["observablehq.config.ts", "tsconfig.json", "package.json", "package-lock.json"]) cpSync(f, join(work, f));
  for (const d of ["data/experiments", "data/datasets"]) cpSync(d, join(work, d), { recursive: true });
  // the build may add the study's runs to its runs root: a copy, never the committed fixture
  cpSync("tests/fixtures/site/runs", join(work, "runs"), { recursive: true });
  symlinkSync(join(PROJECT, "node_modules"), join(work, "node_modules"));
  return work;
}

/** Opens a page and waits until every chart container holds its svg (or a page error shows). */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForFunction(() => [...document.querySelectorAll(".vega-chart")].every((c) => c.querySelector("svg")), null, { timeout: 60_000 });
}

const skip = !hasChromium();
if (skip) console.warn("tests/e2e/accessibility.test.ts: skipped, /usr/bin/chromium is absent (apt-get install -y chromium)");

describe.skipIf(skip)("accessibility of every page, and a scaffolded page", () => {
  let work: string;
  let server: StaticServer;
  let browser: Browser;
  let pages: string[] = [];

  beforeAll(async () => {
    work = projectCopy();
    await promisify(execFile)(process.execPath, [join(PROJECT, "scripts/irmlab.mjs"), "page", "new", "tenure", "--dataset", DATASET, "--quiet"], { cwd: work });
    const site = await buildSite({
      cwd: work,
      runsRoot: join(work, "runs"),
      study: join(PROJECT, "tests/fixtures/site/study.yaml"),
      sweepsRoot: join(PROJECT, "tests/fixtures/site/sweeps"),
      outDir: "dist",
    });
    server = await serveStatic(site.outDir);
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(server.url, { waitUntil: "networkidle" });
    // every page the navigation links to (the site may add per-dataset pages), then the scaffolded one
    const nav = await page.$$eval("#observablehq-sidebar a[href]", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    pages = [...new Set([...nav, `${new URL(server.url).pathname}tenure`])];
    await page.close();
  }, 1_200_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work && existsSync(work)) rmSync(work, { recursive: true, force: true });
  });

  it("crawls every page of the navigation (front page, a section per dataset, what-if, experiments, methodology) and the scaffolded one", () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
  });

  it("has no serious or critical axe violation (WCAG 2 A and AA) on any page", async () => {
    const report: string[] = [];
    for (const path of pages) {
      const page = await browser.newPage();
      await open(page, new URL(path, server.url).href);
      await page.addScriptTag({ path: AXE });
      const violations = (await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
        return (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations;
      })) as AxeViolation[];
      for (const v of violations.filter((x) => x.impact === "serious" || x.impact === "critical")) {
        report.push(`${path}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }
      await page.close();
    }
    expect(report).toEqual([]);
  }, 900_000);

  it("gives every chart a text alternative (title and a one-sentence summary) and keyboard focus where it is interactive", async () => {
    let charts = 0;
    for (const path of pages) {
      const page = await browser.newPage();
      await open(page, new URL(path, server.url).href);
      const found = await page.$$eval(".vega-chart", (els) => els.map((e) => ({ role: e.getAttribute("role"), label: e.getAttribute("aria-label") ?? "", tab: (e as HTMLElement).tabIndex, tooltip: Boolean(e.querySelector("svg")) })));
      for (const c of found) {
        expect(c.role, path).toBe("figure");
        expect(c.label, path).toMatch(/\S.*\. \S.*[.!?)]$/);
      }
      charts += found.length;
      // Tab reaches a chart: the focused element after enough presses is a chart container
      if (found.some((c) => c.tab === 0)) {
        let reached = false;
        for (let i = 0; i < 80 && !reached; i++) {
          await page.keyboard.press("Tab");
          reached = await page.evaluate(() => document.activeElement?.classList.contains("vega-chart") ?? false);
        }
        expect(reached, `${path}: Tab never reaches an interactive chart`).toBe(true);
      }
      await page.close();
    }
    expect(charts).toBeGreaterThan(10);
  }, 900_000);

  it("renders the scaffolded tenure page from the fixture run (which has no tenure segments: it says so)", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await open(page, `${server.url}tenure`);
    expect(await page.locator("h1").first().textContent()).toContain(`How does the IRM advantage vary with customer tenure? (${DATASET})`);
    expect(await page.locator("main").textContent()).toMatch(/Run 2025-06-01T10-00-00Z-fixture has no tenure segments/);
    expect(await page.locator(".observablehq--error").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});

/**
 * The whole pipeline as a user runs it, ending in a real browser:
 *   irmlab generate → irmlab experiment (twice: identical metrics.json) → observable build
 *   → serve on 127.0.0.1 → every page at desktop and phone width in Debian's Chromium.
 * A second build from a hand-made fixture run checks how a suppressed small cell is shown.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDataset } from "../../src/node/ingest/read-dataset.js";
import { hasChromium, launchChromium } from "../helpers/browser.js";
import { buildSite, type BuiltSite } from "../helpers/build-site.js";
import { serveStatic, type StaticServer } from "../helpers/static-server.js";
import { visitPage, type Visit } from "../helpers/visit-page.js";
import { VIEWPORTS, visitFaults } from "../helpers/check-built-site.js";

/**
 * Dataset sections of the e2e build: the test study's two synthetic worlds and its context-free
 * purchase log shaped like CDNOW (tests/fixtures/site/study/purchases.yaml), and the user's own runs (e2e, emails).
 */
const SECTIONS = [
  { slug: "synthetic-strength-0", value: true, context: true },
  { slug: "synthetic-strength-1", value: true, context: true },
  // no context: the comparison page draws no forest plot or context chart, the data profile no context charts
  { slug: "purchases", value: true, context: false },
  { slug: "e2e", value: false, context: true },
  { slug: "emails", value: false, context: true },
] as const;
/** Every page of every dataset, with the fewest charts each must draw. */
const PAGES = [
  { name: "index", path: "", charts: 0 },
  ...SECTIONS.flatMap((d) => [
    { name: `${d.slug}-verdict`, path: `datasets/${d.slug}/`, charts: 1 },
    { name: `${d.slug}-comparison`, path: `datasets/${d.slug}/comparison`, charts: d.context ? 4 : 2 },
    ...(d.value ? [{ name: `${d.slug}-value`, path: `datasets/${d.slug}/value`, charts: 8 }] : []),
    { name: `${d.slug}-data`, path: `datasets/${d.slug}/data`, charts: d.context ? 3 : 1 },
  ]),
  { name: "whatif", path: "whatif", charts: 2 },
  { name: "experiments", path: "experiments", charts: 2 },
  { name: "methodology", path: "methodology", charts: 0 },
] as const;
const SHOTS = "test-output/screenshots";

if (!hasChromium()) console.warn("tests/e2e/site.test.ts: skipped, /usr/bin/chromium is absent (apt-get install -y chromium)");

describe("site build", () => {
  it("fails when a data loader fails (the study names an experiment config that does not exist)", async () => {
    const study = "test-output/broken-study.yaml";
    mkdirSync("test-output", { recursive: true });
    writeFileSync(study, "experiments: [no-such-experiment.yaml]\n");
    await expect(buildSite({ runsRoot: "tests/fixtures/site/runs", study, outDir: "test-output/site-broken" })).rejects.toThrowError(/observable build exited with 1:[\s\S]*no-such-experiment\.yaml/);
  });
});

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn("tests/e2e/site.test.ts: offline build test skipped, it needs root for `unshare -n` (no network namespace)");

describe.skipIf(!isRoot)("offline, pinned, reproducible build", () => {
  it("builds with no network at all, resolves nothing @latest, and the same run store gives the same dist/", async () => {
    const options = { runsRoot: "tests/fixtures/site/runs", sweepsRoot: "tests/fixtures/site/sweeps", study: "tests/fixtures/site/no-study.yaml", offline: true } as const;
    const a = await buildSite({ ...options, outDir: "test-output/site-offline-a" });
    const b = await buildSite({ ...options, outDir: "test-output/site-offline-b" });
    expect(a.log).not.toMatch(/@latest|fetch failed|registry\.npmjs\.org|cdn\.jsdelivr/);
    const filesA = listFiles(a.outDir).map((f) => f.slice(a.outDir.length));
    const filesB = listFiles(b.outDir).map((f) => f.slice(b.outDir.length));
    expect(filesB).toEqual(filesA);
    expect(filesA.length).toBeGreaterThan(20);
    const differing = filesA.filter((f) => !readFileSync(a.outDir + f).equals(readFileSync(b.outDir + f)));
    // timestamps: ISO dates, and the files' modification times (epoch ms) that Framework registers with each FileAttachment
    const stripTimes = (text: string): string => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?/g, "<time>").replace(/lastModified":\d{12,}/g, "lastModified\":<ms>");
    const differingBeyondTimes = differing.filter((f) => stripTimes(readFileSync(a.outDir + f, "utf8")) !== stripTimes(readFileSync(b.outDir + f, "utf8")));
    expect(differingBeyondTimes).toEqual([]);
    // Every npm version the client names is a pin (installed or listed), never a registry lookup.
    const client = readFileSync(join(a.outDir, listFiles(join(a.outDir, "_observablehq")).find((f) => /client\.[0-9a-f]+\.js$/.test(f))!.slice(a.outDir.length)), "utf8");
    expect(client).toMatch(/react-dom@\d+\.\d+\.\d+/);
  }, 1_800_000);
});

const run = promisify(execFile);
const irmlab = (...args: string[]) => run(process.execPath, ["scripts/irmlab.mjs", ...args], { maxBuffer: 1 << 24 });

/** generate → experiment (twice) into a temp folder; returns the runs root and the generated data folder. */
async function runPipeline(): Promise<{ runsRoot: string; dataDir: string; runDirs: string[] }> {
  const work = mkdtempSync(join(tmpdir(), "irmlab-e2e-"));
  const dataDir = join(work, "data");
  await irmlab("generate", "--customers", "400", "--seed", "5", "--context-strength", "1", "--out", dataDir);
  const config = join(work, "experiment.yaml");
  writeFileSync(
    config,
    `name: e2e
seed: 7
dataset: { descriptor: ${join(dataDir, "dataset.yaml")} }
split: { kind: auto, testFraction: 0.25 }
models: [popularity, customer-profile, context-profile, oracle]
compare: { irm: context-profile, crm: customer-profile }
ranking: { ks: [5, 10] }
bootstrap: { resamples: 200 }
`,
  );
  // The what-if page's models: a small synthetic run with two learned models (the loader runs it).
  const whatIf = join(work, "whatif.yaml");
  writeFileSync(
    whatIf,
    `name: e2e-whatif
seed: 3
dataset: { synthetic: { customers: 300, contextStrength: 1, seed: 5 } }
split: { kind: auto, testFraction: 0.2 }
models: [customer-profile, { name: mf, params: { epochs: 3 } }, { name: camf, params: { epochs: 3 } }]
compare: { irm: camf, crm: mf }
bootstrap: { resamples: 50 }
`,
  );
  process.env.IRMLAB_WHATIF_CONFIG = whatIf;
  const runsRoot = join(work, "runs");
  // Privacy: a dataset whose context column holds one e-mail address per customer; none may reach dist/.
  const emailRows = ["customer,item,outcome,note"];
  for (let c = 0; c < 300; c++) for (let i = 0; i < 6; i++) emailRows.push(`u${c},o${(c * 7 + i) % 12},${(c + i) % 3 === 0 ? 1 : 0},person${c}@example.com`);
  writeFileSync(join(work, "emails.csv"), `${emailRows.join("\n")}\n`);
  writeFileSync(join(work, "emails-dataset.yaml"), "name: emails\nsource: emails.csv\nformat: csv\ncolumns: { customer: customer, item: item, outcome: outcome }\noutcome: { type: binary }\ncontext: { note: note }\n");
  writeFileSync(join(work, "emails.yaml"), "name: emails\nseed: 1\ndataset: { descriptor: emails-dataset.yaml }\nsplit: { kind: random, testFraction: 0.25 }\nmodels: [popularity, customer-profile, context-profile]\ncompare: { irm: context-profile, crm: customer-profile }\nbootstrap: { resamples: 50 }\n");
  await irmlab("experiment", join(work, "emails.yaml"), "--out", runsRoot, "--quiet");
  const runDirs: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { stdout } = await irmlab("experiment", config, "--out", runsRoot, "--json");
    runDirs.push((JSON.parse(stdout) as { dir: string }).dir);
    await new Promise((r) => setTimeout(r, 1100)); // run ids carry the start second
  }
  return { runsRoot, dataDir, runDirs };
}

describe("experiment runs", () => {
  it("are complete, reproducible byte for byte, and the oracle beats every model", async () => {
    const { runDirs } = await pipeline;
    const [a, b] = runDirs.map((d) => readFileSync(join(d, "metrics.json"), "utf8"));
    expect(a).toBe(b);
    const runRecord = JSON.parse(readFileSync(join(runDirs[0]!, "run.json"), "utf8"));
    expect(runRecord).toMatchObject({ status: "complete", seed: 7, dataset: { ingest: { rowsRejected: 0 } }, split: { kind: "temporal" } });
    expect(runRecord.split.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(runRecord.dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(runRecord.dataset.ingest.rowsRead).toBe(runRecord.dataset.ingest.rowsAccepted);
    const metrics = JSON.parse(a!);
    const loss = Object.fromEntries(metrics.models.map((m: { model: string; overall: { metrics: { logLoss: number } } }) => [m.model, m.overall.metrics.logLoss]));
    for (const model of ["popularity", "customer-profile", "context-profile"]) expect(loss.oracle).toBeLessThan(loss[model]);
    expect(readdirSync(join(runDirs[0]!))).toEqual(["config.json", "manifest.json", "metrics.json", "predictions.csv", "run.json"]);
  });
});

const pipeline = runPipeline();

describe.skipIf(!hasChromium())("published site (built from a real run)", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  const report: Record<string, unknown> = {};

  beforeAll(async () => {
    const { runsRoot } = await pipeline;
    site = await buildSite({ runsRoot: process.env.IRMLAB_SITE_RUNS ?? runsRoot, sweepsRoot: process.env.IRMLAB_SITE_SWEEPS ?? "tests/fixtures/site/sweeps" });
    server = await serveStatic(site.outDir);
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    report.buildSeconds = Number(site.seconds.toFixed(1));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    writeFileSync("test-output/site-report.json", `${JSON.stringify(report, null, 2)}\n`);
    console.log(`site report: ${JSON.stringify(report)}`);
  });

  const visit = (path: string, viewport: { width: number; height: number }, expectedCharts: number, shot: string): Promise<Visit> =>
    visitPage(browser, server.url + path, viewport, expectedCharts, join(SHOTS, shot));

  for (const p of PAGES) {
    for (const [label, viewport] of Object.entries(VIEWPORTS)) {
      it(`renders /${p.path} at ${label} width: charts drawn, no errors, no request off the local server, no sideways scroll, no text over text, no truncated ${label === "desktop" ? "label" : "title"}`, async () => {
        const v = await visit(p.path, viewport, p.charts, `${p.name}-${label}.png`);
        // errors, requests off the origin, sideways scroll (tables may scroll inside their own container),
        // text over text, truncated labels at 1280 px and truncated titles at both widths (check-built-site.ts)
        expect(visitFaults(v, server.url, label as keyof typeof VIEWPORTS)).toEqual([]);
        expect(v.chartCount).toBeGreaterThanOrEqual(p.charts);
        expect(v.requests.length).toBeGreaterThan(1);
        report[`${p.name}.${label}`] = { bytes: v.bytes, requests: v.requests.length, chartsMs: v.chartsMs, dataBytes: Object.values(v.dataFiles).reduce((a, b) => a + b, 0) };
      });
    }
  }

  it("redraws the forest plot when the metric selector changes", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // the label is the chart title, then its one-sentence description (src/components/vega-chart.ts): the description is checked
    await page.goto(`${server.url}datasets/e2e/comparison`);
    const chartLabel = (): Promise<string | null> => page.locator("#chart-forest .vega-embed").first().getAttribute("aria-label");
    await page.locator("#chart-forest svg").first().waitFor();
    const before = await chartLabel();
    expect(before).toMatch(/(?:^|\. )Forest plot of the log-loss difference/);
    await page.locator("select").nth(1).selectOption({ label: "AUC" });
    await page.waitForFunction(() => /AUC/.test(document.querySelector("#chart-forest .vega-embed")?.getAttribute("aria-label") ?? ""));
    const after = await chartLabel();
    expect(after).toMatch(/(?:^|\. )Forest plot of the AUC difference/);
    expect(await page.locator("h2", { hasText: "AUC by context value" }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "comparison-auc-desktop.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("comparison: the breakdown selector works from the keyboard and shows customer segments with Holm p-values", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${server.url}datasets/e2e/comparison`);
    await page.locator("#chart-forest svg").first().waitFor();
    // Tab from the metric selector to the breakdown selector, then choose with the arrow keys.
    await page.locator("select").nth(1).focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.closest("form")?.textContent ?? "");
    expect(focused).toMatch(/Break down by/);
    const options = await page.locator("select").nth(2).locator("option").allTextContents();
    expect(options).toEqual(["every context dimension", "context: companion", "context: intent", "context: situation", "customer segment: history length", "customer segment: RFM segment"]);
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => /customer segment cells/.test(document.querySelector("#chart-forest .vega-embed")?.getAttribute("aria-label") ?? ""));
    expect(await page.locator("h2", { hasText: "by history length" }).count()).toBe(1);
    const table = page.locator("table.metrics", { hasText: "p (Holm)" });
    expect(await table.locator("th, td", { hasText: /^history length: / }).count()).toBeGreaterThan(0);
    expect(await page.locator("table.metrics caption", { hasText: "Full-catalogue ranking" }).count()).toBe(1);
    expect(await page.locator("table.metrics th", { hasText: "McNemar" }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "comparison-segments-desktop.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("experiments: the sweep selector switches heat map and rank chart to the real-data sweep", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await page.goto(`${server.url}experiments`);
    await page.locator("#chart-ranks svg").first().waitFor();
    const label = (id: string): Promise<string | null> => page.locator(`${id} .vega-embed`).first().getAttribute("aria-label");
    expect(await label("#chart-ranks")).toMatch(/(?:^|\. )Critical-difference diagram over 12 conditions on log-loss: average ranks oracle 1\.00, context-profile 2\.25, customer-profile 2\.75, popularity 4\.00;/);
    await page.locator("select").first().selectOption({ label: "real-data-protocol (3/3 runs)" });
    await page.waitForFunction(() => /over 3 datasets/.test(document.querySelector("#chart-ranks .vega-embed")?.getAttribute("aria-label") ?? ""));
    expect(await label("#chart-sweep")).toMatch(/by dataset over 3 cells/);
    await page.screenshot({ path: join(SHOTS, "experiments-real-data-desktop.png"), fullPage: true });
    await context.close();
  });

  it("relationship value: choosing another purchase model redraws the lifetime-value charts", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${server.url}datasets/synthetic-strength-1/value`);
    await page.locator("#chart-tracking-cumulative svg").first().waitFor();
    const label = (): Promise<string | null> => page.locator("#chart-tracking-cumulative .vega-embed").first().getAttribute("aria-label");
    const before = (await label())!;
    expect(before).toMatch(/(?:^|\. )Cumulative repeat purchases, actual and predicted by bg-nbd, over \d+ weeks; holdout from week \d+\. Final week: actual \d+, predicted \d+\.$/);
    await page.locator("select").first().selectOption({ label: "Pareto/NBD" });
    await page.waitForFunction(() => /pareto-nbd/.test(document.querySelector("#chart-tracking-cumulative .vega-embed")?.getAttribute("aria-label") ?? ""));
    const after = (await label())!;
    // Same actual purchases, another model's prediction.
    expect(after.replace(/predicted \d+/, "")).toBe(before.replaceAll("bg-nbd", "pareto-nbd").replace(/predicted \d+/, ""));
    expect(await page.locator("#chart-heat-alive .vega-embed").first().getAttribute("aria-label")).toMatch(/under pareto-nbd/);
    // Privacy: the relationship-type table marks nothing but aggregates; the rules table lists every rule.
    expect(await page.locator("table.metrics caption", { hasText: "Relationship types: the first rule" }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "value-pareto-desktop.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("what-if: changing the context re-predicts in the browser with the saved TensorFlow.js models", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${server.url}whatif`);
    await page.locator("#chart-whatif svg").first().waitFor();
    const label = (): Promise<string | null> => page.locator("#chart-whatif .vega-embed").first().getAttribute("aria-label");
    const before = await label();
    expect(before).toMatch(/(?:^|\. )Predicted probability of acceptance for Customer A, offer 1, companion \w+.*: mf 0\.\d{3}; camf 0\.\d{3}\.$/);
    const companion = page.locator("select").nth(2);
    const options = await companion.locator("option").allTextContents();
    const current = await companion.evaluate((el: HTMLSelectElement) => el.options[el.selectedIndex]!.text);
    const other = options.find((o) => o !== current)!;
    await companion.selectOption({ label: other });
    await page.waitForFunction((b) => document.querySelector("#chart-whatif .vega-embed")?.getAttribute("aria-label") !== b, before);
    const after = (await label())!;
    expect(after).toContain(`companion ${other}`);
    // The CRM model ignores context: its prediction is unchanged; the IRM model's moves.
    const value = (text: string, model: string): string => new RegExp(`${model} (0\\.\\d{3})`).exec(text)![1]!;
    expect(value(after, "mf")).toBe(value(before!, "mf"));
    expect(value(after, "camf")).not.toBe(value(before!, "camf"));
    await page.screenshot({ path: join(SHOTS, "whatif-changed-desktop.png"), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("data profile: names its dataset and redraws the context chart for another dimension", async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await page.goto(`${server.url}datasets/synthetic-strength-1/data`);
    await page.locator("#chart-outcome svg").first().waitFor();
    const label = (id: string): Promise<string | null> => page.locator(`${id} .vega-embed`).first().getAttribute("aria-label");
    expect(await label("#chart-outcome")).toMatch(/(?:^|\. )Interactions per outcome value of Synthetic world, context strength 1: 0: \d+, 1: \d+\.$/);
    const before = (await label("#chart-context"))!;
    await page.locator("select").first().selectOption({ index: 1 });
    await page.waitForFunction((b) => document.querySelector("#chart-context .vega-embed")?.getAttribute("aria-label") !== b, before);
    expect(await label("#chart-context")).toMatch(/(?:^|\. )Rows per \w+ level in Synthetic world, context strength 1:/);
    await context.close();
  });

  it("works from a sub-path: every page link and asset is relative", async () => {
    const sub = await serveStatic(site.outDir, "/some/sub/path/");
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on("response", (r) => r.status() >= 400 && failed.push(r.url()));
    await page.goto(sub.url);
    await page.locator("main a", { hasText: "Synthetic world, context strength 1" }).click();
    await page.locator("#chart-models svg").first().waitFor();
    await page.locator("a", { hasText: "the model comparison" }).click();
    await page.locator("#chart-forest svg").first().waitFor();
    expect(page.url()).toBe(`${sub.url}datasets/synthetic-strength-1/comparison`);
    expect(failed).toEqual([]);
    expect(sub.requested.every((p) => p.startsWith("/some/sub/path/"))).toBe(true);
    await context.close();
    await sub.close();
  });

  it("publishes no e-mail address of a context column: small cells' level names are pooled", () => {
    // .arrow too: the explorer's per-cell tables hold their strings as UTF-8 bytes
    const files = listFiles(site.outDir).filter((f) => /\.(html|js|json|csv|txt|arrow)$/.test(f));
    expect(files.filter((f) => /person\d+@example\.com/.test(readFileSync(f, "latin1")))).toEqual([]);
    expect(files.some((f) => /datasets\/emails\/cells\.[0-9a-f]+\.arrow$/.test(f)), "the emails dataset's explorer table").toBe(true);
    const summary = files.find((f) => /datasets\/emails\/summary\.[0-9a-f]+\.json$/.test(f));
    expect(summary, "the emails dataset has its own section").toBeDefined();
    expect(readFileSync(summary!, "utf8")).toMatch(/"other \(\d+ levels\)"/);
  });

  it("publishes no absolute path of this machine", () => {
    const files = listFiles(site.outDir).filter((f) => /\.(html|json)$/.test(f));
    const roots = [process.cwd(), tmpdir()];
    expect(files.filter((f) => roots.some((r) => readFileSync(f, "utf8").includes(r)))).toEqual([]);
  });

  it("publishes no customer or item identifier from the source data", async () => {
    const { dataDir } = await pipeline;
    const csv = readFileSync(join(dataDir, "interactions.csv"), "utf8").split("\n").slice(1);
    const ids = new Set(csv.filter(Boolean).flatMap((line) => line.split(",").slice(0, 2)));
    expect(ids.size).toBeGreaterThan(100);
    const files = listFiles(site.outDir).filter((f) => /\.(html|js|json|csv|txt)$/.test(f));
    const leaked = files.filter((f) => {
      const text = readFileSync(f, "utf8");
      return [...text.matchAll(/\b[ci]\d{4,6}\b/g)].some((m) => ids.has(m[0]));
    });
    expect(leaked).toEqual([]);
  });

  it.skipIf(!existsSync("../shared/datasets"))("publishes no customer identifier from the real datasets the data explorer and value page read", async () => {
    const descriptors = readdirSync("data/datasets").filter((f) => /\.ya?ml$/.test(f)).map((f) => join("data/datasets", f));
    const ids = new Set<string>();
    for (const path of descriptors) {
      const source = /^source:\s*(\S+)/m.exec(readFileSync(path, "utf8"))?.[1];
      if (!source || !existsSync(join("data/datasets", source))) continue;
      const { data } = await readDataset(path);
      for (const id of data.customerIds) ids.add(id);
    }
    expect(ids.size).toBeGreaterThan(1000);
    // A leaked id would appear as a JSON string ("1234") or, when it is not a bare number, as a token.
    // Ids shorter than 4 characters ("1", "12") are indistinguishable from counts and labels and are not checked.
    const files = listFiles(site.outDir).filter((f) => /\.(html|js|json|csv|txt)$/.test(f));
    const leaked: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/"([^"\\\n]{4,64})"/g)) if (ids.has(m[1]!)) leaked.push(`${f}: "${m[1]}"`);
      for (const m of text.matchAll(/[A-Za-z0-9_]*[A-Za-z_][A-Za-z0-9_]*/g)) if (m[0].length >= 4 && /\d/.test(m[0]) && ids.has(m[0])) leaked.push(`${f}: ${m[0]}`);
    }
    expect(leaked.slice(0, 10)).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasChromium())("published site (built from the fixture run with a small cell)", () => {
  it("marks the suppressed small cell in the table and the chart", async () => {
    const site = await buildSite({ runsRoot: "tests/fixtures/site/runs", study: "tests/fixtures/site/no-study.yaml", outDir: "test-output/site-fixture" });
    const server = await serveStatic(site.outDir);
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    // the fixture run has no config name: its section is named after its run id
    await page.goto(`${server.url}datasets/2025-06-01t10-00-00z-fixture/comparison`);
    await page.locator("#chart-forest svg").first().waitFor();
    // a small cell's level name is withheld with its numbers: pooled as "other (1 level)"
    const row = page.locator("table.metrics tr", { hasText: "companion: other (1 level)" });
    expect(await row.locator("td.suppressed").count()).toBeGreaterThan(0);
    expect(await page.locator("#chart-forest svg text", { hasText: "suppressed: fewer than 10 customers" }).count()).toBe(1);
    await browser.close();
    await server.close();
  }, 900_000);
});

describe.skipIf(!hasChromium())("analyst's explorer (comparison page, Arrow table queried with arquero)", () => {
  it("lists each metric once, and redraws chart and table for the chosen metric and context dimension; built offline", async () => {
    // offline where possible (root): arquero is bundled from node_modules, nothing is fetched
    const site = await buildSite({ runsRoot: "tests/fixtures/site/runs", study: "tests/fixtures/site/no-study.yaml", outDir: "test-output/site-explorer", offline: isRoot });
    const server = await serveStatic(site.outDir);
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORTS.desktop });
    const requests: string[] = [];
    const errors: string[] = [];
    const bytes = new Map<string, number>();
    page.on("request", (r) => requests.push(r.url()));
    page.on("response", async (r) => bytes.set(new URL(r.url()).pathname, (await r.body().catch(() => Buffer.alloc(0))).length));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}datasets/2025-06-01t10-00-00z-fixture/comparison`, { waitUntil: "networkidle" });
    await page.locator("#chart-forest svg").first().waitFor();
    const metricSelect = page.locator("form", { hasText: "Metric" }).locator("select");
    expect(await metricSelect.locator("option").allTextContents()).toEqual(["log-loss", "AUC"]);
    const chart = (): Promise<string | null> => page.locator("#chart-forest .vega-embed").first().getAttribute("aria-label");
    const caption = page.locator("table.metrics caption", { hasText: "difference" }).first();
    const tally = page.locator("p.explorer-tally");
    expect(await caption.textContent()).toContain("log-loss difference");
    const before = await chart();
    await metricSelect.selectOption({ label: "AUC" });
    await page.waitForFunction((old) => document.querySelector("#chart-forest .vega-embed")?.getAttribute("aria-label") !== old, before);
    expect(await chart()).toMatch(/^AUC: IRM − CRM by context/);
    expect(await caption.textContent()).toContain("AUC difference");
    expect(await tally.textContent()).toMatch(/^10 cells: /);
    await page.locator("form", { hasText: "Break down by" }).locator("select").selectOption({ label: "context: intent" });
    await page.waitForFunction(() => /^3 cells: /.test(document.querySelector("p.explorer-tally")?.textContent ?? ""));
    const table = page.locator("table.metrics", { hasText: "p (Holm)" });
    expect(await table.locator("tbody tr").count()).toBe(3);
    expect(await table.locator("tbody tr", { hasText: /^intent: / }).count()).toBe(3);
    expect(await page.locator("nav.dataset-pick [aria-current=page]").textContent()).toBeTruthy();
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([]);
    // what the page downloads: the per-cell table is Arrow, not JSON
    const arrow = [...bytes].find(([path]) => path.endsWith(".arrow"));
    expect(arrow?.[1]).toBeGreaterThan(0);
    const report = { buildSeconds: Number(site.seconds.toFixed(1)), offline: isRoot, pageBytes: [...bytes.values()].reduce((a, b) => a + b, 0), files: Object.fromEntries([...bytes].filter(([p]) => /\.(arrow|json)$/.test(p))) };
    writeFileSync("test-output/explorer-report.json", `${JSON.stringify(report, null, 2)}\n`);
    console.log(`explorer report: ${JSON.stringify(report)}`);
    await browser.close();
    await server.close();
  }, 900_000);
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

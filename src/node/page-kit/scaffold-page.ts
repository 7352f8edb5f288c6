/**
 * `irmlab page new <name> --dataset <d>`: writes a new page of the site and its data loader, a
 * working starting point that shows how the IRM advantage varies with customer tenure (history
 * length) on one dataset, from aggregates only. See docs/page-kit.md.
 *
 *   src/data/<name>.json.ts  loader: newest complete run of <dataset> → buildSiteSummary (aggregates,
 *                            small cells suppressed) → stdout; { summary: null, message } when none
 *   src/<name>.md            page: FileAttachment → parseSiteSummary → intervalSpec → vegaChart
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../write-file-atomic.js";

/** Page names become URLs and file names: lower-case words joined by "-". */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface ScaffoldOptions {
  /** Folder of the Framework root. Default "src". */
  readonly root?: string;
  /** Page title. Default "How does the IRM advantage vary with customer tenure? (<dataset>)". */
  readonly title?: string;
  /** Replace existing files. Default false (refuse). */
  readonly force?: boolean;
}

/**
 * Writes the page and its loader.
 * @returns the two paths written
 * @throws Error on a bad name or dataset, or when a file exists and force is not set
 */
export async function scaffoldPage(name: string, dataset: string, options: ScaffoldOptions = {}): Promise<{ page: string; loader: string }> {
  if (!NAME.test(name)) throw new Error(`page name ${JSON.stringify(name)}: expected lower-case letters, digits and "-" (e.g. "tenure-tripadvisor")`);
  if (dataset.trim() === "" || /[`$\\]/.test(dataset)) throw new Error(`--dataset ${JSON.stringify(dataset)}: expected a dataset name as runs record it (e.g. "synthetic", "tripadvisor")`);
  const root = options.root ?? "src";
  const page = join(root, `${name}.md`);
  const loader = join(root, "data", `${name}.json.ts`);
  for (const file of [page, loader]) {
    if (existsSync(file) && !options.force) throw new Error(`${file} exists; choose another name or pass --force to replace it`);
  }
  const title = options.title ?? `How does the IRM advantage vary with customer tenure? (${dataset})`;
  mkdirSync(join(root, "data"), { recursive: true });
  await writeFileAtomic(loader, loaderSource(name, dataset));
  await writeFileAtomic(page, pageSource(name, dataset, title));
  return { page, loader };
}

function loaderSource(name: string, dataset: string): string {
  return `/**
 * Data loader for data/${name}.json (written by \`irmlab page new\`): the publishable aggregates of
 * the newest complete run on dataset ${JSON.stringify(dataset)} under $IRMLAB_RUNS or data/runs.
 * Aggregates only (small cells suppressed by buildSiteSummary). With no such run it writes
 * { summary: null, message } so the site still builds and the page says what to run.
 */
import { buildSiteSummary } from "../lib/site-summary/site-summary.js";
import { listRuns, readRun } from "../node/run/run-store.js";

const DATASET = ${JSON.stringify(dataset)};
try {
  const root = process.env.IRMLAB_RUNS ?? "data/runs";
  const runs = [];
  for (const listing of await listRuns(root)) {
    const stored = await readRun(listing.dir).catch(() => null); // incomplete or damaged runs are not published
    if (stored?.run.dataset.name === DATASET) runs.push(stored);
  }
  runs.sort((a, b) => b.run.startedAt.localeCompare(a.run.startedAt));
  const newest = runs[0];
  if (!newest) {
    process.stderr.write(\`${name}.json: no complete run of dataset \${DATASET} under \${root}\\n\`);
    process.stdout.write(JSON.stringify({ dataset: DATASET, summary: null, message: \`No run of dataset \${DATASET} yet: run an experiment on it (npx irmlab experiment <config naming it>), and this page updates.\` }));
  } else {
    process.stderr.write(\`${name}.json: run \${newest.run.runId}\\n\`);
    process.stdout.write(JSON.stringify({ dataset: DATASET, summary: buildSiteSummary(newest.run, newest.metrics, { minCellCustomers: 10 }), message: null }));
  }
} catch (error) {
  process.stderr.write(\`${name}.json: \${error instanceof Error ? error.message : String(error)}\\n\`);
  process.exitCode = 1;
}
`;
}

function pageSource(name: string, dataset: string, title: string): string {
  return `---
title: ${JSON.stringify(title)}
toc: false
---

\`\`\`js
import {vegaChart} from "./components/vega-chart.js";
import {intervalSpec} from "./components/interval-chart.js";
import {note} from "./components/note.js";
import {displayTable} from "./components/display-table.js";
import {VERDICT_COLORS} from "./components/chart-theme.js";
import {parseSiteSummary} from "./lib/site-summary/parse-site-summary.js";
import {formatEstimate} from "./lib/format/format-interval.js";
\`\`\`

\`\`\`js
// The loader's output (src/data/${name}.json.ts), checked at the boundary.
const loaded = await FileAttachment("data/${name}.json").json();
const summary = loaded.summary === null ? null : parseSiteSummary(loaded.summary, "data/${name}.json");
// The headline comparison (IRM − CRM on the headline metric) and its cells per tenure segment.
const headline = summary?.comparisons.find((c) => c.metric === summary.headlineMetric) ?? null;
const tenure = headline?.bySegment.filter((s) => s.dimension === "history") ?? [];
\`\`\`

# ${title.replace(/[<>]/g, "")}

Does modelling each customer in each context (IRM) help more for customers with a long history, or for newcomers? Each row is one tenure segment (training interactions per customer); the dot is the difference IRM − CRM on held-out test rows, the bar its confidence interval over customers.

\`\`\`js
if (!summary) display(note(loaded.message, "muted"));
else if (tenure.length === 0) display(note(\`Run \${summary.run.runId} has no tenure segments (\${summary.segments.note ?? "segments were off"}).\`, "muted"));
\`\`\`

<div class="card" id="chart-tenure">\${tenure.length === 0 ? "" : resize((width) => vegaChart(intervalSpec(
  tenure.map((s) => ({label: s.level, estimate: s.suppressed ? null : s.estimate, lower: s.lower, upper: s.upper, group: s.verdict ?? "none", note: s.suppressed ? \`fewer than \${summary.minCellCustomers} customers: withheld\` : \`\${s.customers} customers\`})),
  {
    title: \`\${headline.label}: \${headline.irm} − \${headline.crm}, by customer tenure\`,
    description: \`Difference in \${headline.label} between the multi-context model \${headline.irm} and the single-profile model \${headline.crm} for each of \${tenure.length} tenure segments, with \${Math.round(headline.level * 100)}% confidence intervals; \${headline.higherIsBetter ? "above" : "below"} zero favours IRM.\`,
    valueTitle: \`\${headline.label} difference (IRM − CRM)\`,
    reference: 0,
    colors: VERDICT_COLORS,
    width
  }
)))}</div>

\`\`\`js
if (tenure.length > 0) display(displayTable({
  caption: \`\${headline.label}, \${headline.irm} − \${headline.crm}, run \${summary.run.runId} on ${dataset.replace(/[`$\\]/g, "")}\${summary.segments.multipleTesting ? \` (claims: \${summary.segments.multipleTesting})\` : ""}.\`,
  columns: ["tenure", "customers", "difference (CI)"],
  rows: tenure.map((s) => ({
    cells: [s.level, s.suppressed ? "withheld" : String(s.customers), s.suppressed || s.estimate === null ? "—" : formatEstimate({estimate: s.estimate, lower: s.lower ?? s.estimate, upper: s.upper ?? s.estimate, level: headline.level}, {signed: true})],
    suppressed: [false, s.suppressed, s.suppressed]
  }))
}));
\`\`\`
`;
}

/**
 * Observable Framework configuration of the published site.
 * One section per dataset (src/datasets/[dataset]/: verdict, comparison, value, data), from the study
 * (data/experiments/study.yaml or $IRMLAB_STUDY) and the user's own runs ($IRMLAB_RUNS or data/runs):
 * see src/node/site/site-datasets.ts. The front page compares them; nothing else mixes datasets.
 * Offline by construction: no web fonts (globalStylesheets: []), our own stylesheet on top of the
 * bundled theme, our own footer, and pages import only relative modules and installed packages
 * (scripts/build-site.mjs pins the versions Framework's client names).
 * The output folder is $IRMLAB_SITE_OUT or dist (tests build into test-output/).
 */
import { FRAMEWORK_HTML_FIX_SCRIPT } from "./src/node/site/accessible-html.ts";
import { siteDatasets } from "./src/node/site/site-datasets.ts";

/** `observable preview` (npm run dev) renders pages on request: they get the page shell's accessibility fix as a script; the build rewrites its files instead (scripts/build-site.mjs). */
const preview = process.argv.includes("preview");

const { datasets } = await siteDatasets();
const SECTION_PAGES = [
  { name: "Verdict", page: "" },
  { name: "Model comparison", page: "comparison" },
  { name: "Relationship value", page: "value" },
  { name: "Data profile", page: "data" },
] as const;
/** A section's pages: the value page only where its run measures value. */
const sectionPages = (d: (typeof datasets)[number]) => SECTION_PAGES.filter((p) => p.page !== "value" || d.hasValue);

export default {
  root: "src",
  output: process.env.IRMLAB_SITE_OUT ?? "dist",
  title: "IRM Lab",
  pages: [
    { name: "Every dataset", path: "/" },
    ...datasets.map((d) => ({
      name: d.label,
      collapsible: true,
      open: false,
      pages: sectionPages(d).map((p) => ({ name: p.name, path: `/datasets/${d.slug}/${p.page}` })),
    })),
    { name: "What-if", path: "/whatif" },
    { name: "Experiments", path: "/experiments" },
    { name: "Methodology", path: "/methodology" },
  ],
  dynamicPaths: datasets.flatMap((d) => sectionPages(d).map((p) => `/datasets/${d.slug}/${p.page}`)),
  style: "style.css",
  globalStylesheets: [],
  // An inline empty icon: otherwise browsers request /favicon.ico, which a sub-path deployment lacks.
  head: `<meta name="color-scheme" content="light"><link rel="icon" href="data:,">${preview ? FRAMEWORK_HTML_FIX_SCRIPT : ""}`,
  footer: "IRM Lab: single-profile (CRM) vs multi-context (IRM) customer models. Aggregates only; small cells suppressed and their names pooled.",
  search: false,
  toc: false,
  pager: false,
  linkify: false,
};

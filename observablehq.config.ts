/**
 * Observable Framework configuration of the published site.
 * Offline by construction: no web fonts (globalStylesheets: []), our own stylesheet on top of the
 * bundled theme, our own footer, and pages import only relative modules and installed packages.
 * The output folder is $IRMLAB_SITE_OUT or dist (tests build into test-output/).
 */
export default {
  root: "src",
  output: process.env.IRMLAB_SITE_OUT ?? "dist",
  title: "IRM Lab",
  pages: [
    { name: "Verdict", path: "/" },
    { name: "Model comparison", path: "/comparison" },
    { name: "Relationship value", path: "/value" },
    { name: "What-if", path: "/whatif" },
    { name: "Experiments", path: "/experiments" },
    { name: "Data explorer", path: "/data" },
    { name: "Methodology", path: "/methodology" },
  ],
  style: "style.css",
  globalStylesheets: [],
  // An inline empty icon: otherwise browsers request /favicon.ico, which a sub-path deployment lacks.
  head: '<meta name="color-scheme" content="light"><link rel="icon" href="data:,">',
  footer: "IRM Lab: single-profile (CRM) vs multi-context (IRM) customer models. Aggregates only; small cells suppressed.",
  search: false,
  toc: false,
  pager: true,
  linkify: false,
};

import type { Command } from "commander";

/** `irmlab page new <name> --dataset <d>`: scaffold a site page and its data loader (docs/page-kit.md). */
export function register(program: Command): void {
  const page = program.command("page").description("pages of the site: `page new` scaffolds a page and its data loader for one dataset (see docs/page-kit.md)");
  page
    .command("new")
    .description("write src/<name>.md and src/data/<name>.json.ts: how the IRM advantage varies with customer tenure on one dataset, from aggregates only; edit them while `npm run dev` shows the page")
    .argument("<name>", "page name: lower-case words joined by - (the page's URL is /<name>)")
    .requiredOption("--dataset <name>", "dataset name as runs record it (see `npx irmlab runs`), e.g. synthetic or tripadvisor")
    .option("--title <text>", "page title (default: the worked question, with the dataset)")
    .option("--force", "replace the files if they exist (default: refuse)", false)
    .option("--json", "print one JSON document (the files written) and nothing else on stdout", false)
    .option("--quiet", "no progress output (page new prints none)", false)
    .action(async (name: string, opts: { dataset: string; title?: string; force: boolean; json: boolean }) => {
      const { scaffoldPage } = await import("../../src/node/page-kit/scaffold-page.js");
      const files = await scaffoldPage(name, opts.dataset, { force: opts.force, ...(opts.title ? { title: opts.title } : {}) });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ...files, url: `/${name}` }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `wrote ${files.page} and ${files.loader}\n` +
          `see it live: npm run dev, then open /${name}; add { name: "…", path: "/${name}" } to pages in observablehq.config.ts to list it in the navigation\n`,
      );
    });
}

import { markdownBlocks } from "../lib/format/markdown-blocks.js";

const TAGS = { strong: "strong", em: "em", sub: "sub", sup: "sup" } as const;

/**
 * Renders the small Markdown subset of generated descriptions (### headings, blank-line
 * paragraphs, `$$ … $$` displayed formulas, **bold**, *italic*, ~sub~ and ^sup^; see
 * src/lib/format/markdown-blocks.ts) with DOM nodes and textContent only: no HTML injection, and no
 * Markdown or TeX library fetched at run time. Browser only.
 * @param text Markdown text (e.g. describeSyntheticWorld())
 * @returns a div.simple-markdown
 */
export function simpleMarkdown(text: string): HTMLElement {
  const root = document.createElement("div");
  root.className = "simple-markdown";
  for (const block of markdownBlocks(text)) {
    const el = document.createElement(block.kind === "heading" ? `h${Math.min(6, block.level)}` : "p");
    if (block.kind === "formula") el.className = "formula";
    for (const run of block.runs) {
      if (run.style === "text") el.append(document.createTextNode(run.text));
      else el.append(Object.assign(document.createElement(TAGS[run.style]), { textContent: run.text }));
    }
    root.append(el);
  }
  return root;
}

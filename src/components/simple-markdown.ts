/**
 * Renders the small Markdown subset of generated descriptions (### headings, blank-line
 * paragraphs, **bold**, *italic*) with DOM nodes and textContent only: no HTML injection, and no
 * Markdown library fetched at run time. Browser only.
 * @param text Markdown text (e.g. describeSyntheticWorld())
 * @returns a div.simple-markdown
 */
export function simpleMarkdown(text: string): HTMLElement {
  const root = document.createElement("div");
  root.className = "simple-markdown";
  for (const block of text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean)) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(block);
    const el = document.createElement(heading ? `h${Math.min(6, heading[1]!.length)}` : "p");
    appendInline(el, heading ? heading[2]! : block.replace(/\n/g, " "));
    root.append(el);
  }
  return root;
}

function appendInline(parent: HTMLElement, text: string): void {
  for (const part of text.split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)) {
    if (part.startsWith("**") && part.endsWith("**") && part.length > 4) {
      const b = document.createElement("strong");
      b.textContent = part.slice(2, -2);
      parent.append(b);
    } else if (part.startsWith("*") && part.endsWith("*") && part.length > 2) {
      const i = document.createElement("em");
      i.textContent = part.slice(1, -1);
      parent.append(i);
    } else if (part) parent.append(document.createTextNode(part));
  }
}

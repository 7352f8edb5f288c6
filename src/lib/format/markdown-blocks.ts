/**
 * The small Markdown subset of generated descriptions, parsed into blocks and styled runs so that a
 * page can render it with DOM nodes and textContent only (no HTML injection, no Markdown or TeX
 * library fetched at run time: the site builds offline). Formulas are plain HTML: a block written
 * `$$ … $$` is a displayed formula, `~x~` a subscript and `^x^` a superscript (Pandoc's syntax).
 */

/** One run of text in one style. */
export interface InlineRun {
  readonly style: "text" | "strong" | "em" | "sub" | "sup";
  readonly text: string;
}

/** One block: a heading (level 1-6), a paragraph or a displayed formula. */
export interface MarkdownBlock {
  readonly kind: "heading" | "paragraph" | "formula";
  /** Heading level; 0 for paragraphs and formulas. */
  readonly level: number;
  readonly runs: readonly InlineRun[];
}

// sub- and superscripts hold no space, so "λ ~ Gamma(…)" (a tilde between spaces) stays text
const INLINE = /(\*\*[^*]+\*\*|\*[^*]+\*|~[^~\s]+~|\^[^^\s]+\^)/;

/** The styled runs of one line of text. */
export function inlineRuns(text: string): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    if (part.length > 4 && part.startsWith("**") && part.endsWith("**")) runs.push({ style: "strong", text: part.slice(2, -2) });
    else if (part.length > 2 && part.startsWith("*") && part.endsWith("*")) runs.push({ style: "em", text: part.slice(1, -1) });
    else if (part.length > 2 && part.startsWith("~") && part.endsWith("~")) runs.push({ style: "sub", text: part.slice(1, -1) });
    else if (part.length > 2 && part.startsWith("^") && part.endsWith("^")) runs.push({ style: "sup", text: part.slice(1, -1) });
    else runs.push({ style: "text", text: part });
  }
  return runs;
}

/**
 * Splits text into blocks at blank lines: `### heading`, `$$ formula $$`, or a paragraph.
 * @param text Markdown text (e.g. describeSyntheticWorld())
 */
export function markdownBlocks(text: string): MarkdownBlock[] {
  return text.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean).map((block): MarkdownBlock => {
    const heading = /^(#{1,6})\s+(.*)$/s.exec(block);
    if (heading) return { kind: "heading", level: heading[1]!.length, runs: inlineRuns(heading[2]!.replace(/\n/g, " ")) };
    const formula = /^\$\$\s*([\s\S]*?)\s*\$\$$/.exec(block);
    if (formula) return { kind: "formula", level: 0, runs: inlineRuns(formula[1]!.replace(/\n/g, " ")) };
    return { kind: "paragraph", level: 0, runs: inlineRuns(block.replace(/\n/g, " ")) };
  });
}

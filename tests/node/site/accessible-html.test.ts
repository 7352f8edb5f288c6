import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixBuiltSite, fixFrameworkHtml } from "../../../src/node/site/accessible-html.js";

/** The page shell as Observable Framework 1.13.4 writes it (render.js), cut to what the fix touches. */
const PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
</head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<label id="observablehq-sidebar-backdrop" for="observablehq-sidebar-toggle"></label>
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">IRM Lab</a></li>
  </ol>
  <ol>
    <li class="observablehq-link"><a href="./whatif">What-if</a></li>
  </ol>
</nav>
<main id="observablehq-main"><p>An <html> tag in text is escaped by Framework: &lt;html&gt;</p></main>
</body>
</html>
`;

describe("fixFrameworkHtml", () => {
  const fixed = fixFrameworkHtml(PAGE);
  it("declares the page's language on <html>", () => {
    expect(fixed).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head>/);
  });
  it("moves the sidebar's close label out of the list, so the list holds only <li>", () => {
    const firstList = /<ol>([\s\S]*?)<\/ol>/.exec(fixed)![1]!;
    expect(firstList).not.toMatch(/<label/);
    expect(firstList).toMatch(/<li class="observablehq-link"><a href=".\/">IRM Lab<\/a><\/li>/);
    expect(fixed).toMatch(/<nav id="observablehq-sidebar">\s*<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>\s*<ol>/);
    // nothing else changes: same characters apart from the attribute
    expect([...fixed.replace(' lang="en"', "")].sort().join("")).toBe([...PAGE].sort().join(""));
  });
  it("is idempotent and leaves a page with lang alone", () => {
    expect(fixFrameworkHtml(fixed)).toBe(fixed);
    expect(fixFrameworkHtml("<!DOCTYPE html><html lang=\"de\"><body></body></html>")).toBe("<!DOCTYPE html><html lang=\"de\"><body></body></html>");
  });
});

describe("fixBuiltSite", () => {
  it("rewrites every .html file of a build, in subfolders too, and nothing else", () => {
    const dir = mkdtempSync(join(tmpdir(), "irmlab-a11y-html-"));
    try {
      mkdirSync(join(dir, "datasets", "x"), { recursive: true });
      writeFileSync(join(dir, "index.html"), PAGE);
      writeFileSync(join(dir, "datasets", "x", "comparison.html"), PAGE);
      writeFileSync(join(dir, "data.json"), "<html>");
      expect(fixBuiltSite(dir)).toBe(2);
      expect(readFileSync(join(dir, "datasets", "x", "comparison.html"), "utf8")).toBe(fixFrameworkHtml(PAGE));
      expect(readFileSync(join(dir, "data.json"), "utf8")).toBe("<html>");
      expect(fixBuiltSite(dir)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

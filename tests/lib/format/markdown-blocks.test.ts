import { describe, expect, it } from "vitest";
import { inlineRuns, markdownBlocks } from "../../../src/lib/format/markdown-blocks.js";
import { describeSyntheticWorld } from "../../../src/lib/synthetic/world-description.js";

describe("markdownBlocks", () => {
  it("splits headings, paragraphs and $$ formulas $$ at blank lines", () => {
    const blocks = markdownBlocks("### Title\n\nSome *text*\ngoes on.\n\n$$ *z* = *a*~c~ + e^−z^ $$");
    expect(blocks.map((b) => [b.kind, b.level])).toEqual([["heading", 3], ["paragraph", 0], ["formula", 0]]);
    expect(blocks[1]!.runs).toEqual([{ style: "text", text: "Some " }, { style: "em", text: "text" }, { style: "text", text: " goes on." }]);
    expect(blocks[2]!.runs).toEqual([
      { style: "em", text: "z" }, { style: "text", text: " = " }, { style: "em", text: "a" }, { style: "sub", text: "c" },
      { style: "text", text: " + e" }, { style: "sup", text: "−z" },
    ]);
  });

  it("keeps a tilde between spaces as text (λ ~ Gamma(…)), and bold before italic", () => {
    expect(inlineRuns("λ ~ Gamma(0.5, 2) and p ~ Beta(1, 8)")).toEqual([{ style: "text", text: "λ ~ Gamma(0.5, 2) and p ~ Beta(1, 8)" }]);
    expect(inlineRuns("**bold** *it*")).toEqual([{ style: "strong", text: "bold" }, { style: "text", text: " " }, { style: "em", text: "it" }]);
  });

  it("renders the synthetic world's model with its formula displayed and no raw subscript left", () => {
    const blocks = markdownBlocks(describeSyntheticWorld());
    const formulas = blocks.filter((b) => b.kind === "formula");
    expect(formulas).toHaveLength(1);
    expect(formulas[0]!.runs.filter((r) => r.style === "sub").map((r) => r.text)).toContain("ck");
    const text = blocks.flatMap((b) => b.runs.filter((r) => r.style === "text").map((r) => r.text)).join("");
    // no TeX-style underscore subscript or $$ marker reaches the page as text
    expect(text).not.toMatch(/[a-zδβ]_[a-z]|\$\$|~[^\s]/);
  });
});

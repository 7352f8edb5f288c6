import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BuildLogFilter } from "../../src/node/build-log-filter.js";

/** An excerpt of a real `observable build` log of this site (colour codes kept), see tests/fixtures/build-log. */
const LOG = readFileSync("tests/fixtures/build-log/framework-build.log", "utf8").split("\n");

function run(lines: readonly string[]): { shown: string[]; summary: string[] } {
  const filter = new BuildLogFilter();
  return { shown: lines.filter((l) => filter.line(l).show), summary: filter.summary() };
}

describe("BuildLogFilter", () => {
  it("hides Framework's per-file progress and the known tfjs require warning, and summarises each in one line", () => {
    const { shown, summary } = run(LOG);
    expect(shown).toEqual([]);
    expect(summary).toHaveLength(2);
    expect(summary[0]).toMatch(/^Framework: built 7 pages, 5 links validated, \d+ progress lines hidden/);
    expect(summary[1]).toMatch(/^known warning ×1: esbuild cannot convert require\(\) in @tensorflow\/tfjs-core/);
  });

  it("passes errors, unknown warnings and anything new through unchanged, even inside a known log", () => {
    const lines = [
      ...LOG.slice(0, 3),
      "RuntimeError: summary.json: run 2025-06-01: metrics.json is missing",
      "[plugin esbuild] ▲ [WARNING] Something else entirely [other-warning]",
      "    src/x.js:1:1:",
      ...LOG.slice(3),
    ];
    const { shown } = run(lines);
    expect(shown).toEqual(["RuntimeError: summary.json: run 2025-06-01: metrics.json is missing", "[plugin esbuild] ▲ [WARNING] Something else entirely [other-warning]", "    src/x.js:1:1:"]);
  });

  it("prints no summary when nothing was hidden", () => {
    expect(run(["hello"]).summary).toEqual([]);
  });
});

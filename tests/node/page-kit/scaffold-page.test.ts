import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scaffoldPage } from "../../../src/node/page-kit/scaffold-page.js";

describe("scaffoldPage", () => {
  it("writes a page that loads its own loader's file and a loader that filters runs by the dataset", async () => {
    const root = mkdtempSync(join(tmpdir(), "irmlab-page-"));
    const files = await scaffoldPage("tenure-trip", "tripadvisor", { root });
    expect(files).toEqual({ page: join(root, "tenure-trip.md"), loader: join(root, "data", "tenure-trip.json.ts") });
    const page = readFileSync(files.page, "utf8");
    expect(page).toContain('FileAttachment("data/tenure-trip.json")');
    expect(page).toContain("parseSiteSummary(loaded.summary");
    expect(page).toMatch(/^title: "How does the IRM advantage vary with customer tenure\? \(tripadvisor\)"$/m);
    expect(page).not.toMatch(/npm:|from "https?:/);
    expect(readFileSync(files.loader, "utf8")).toContain('const DATASET = "tripadvisor";');
  });
  it("refuses a bad page name, and an existing page unless forced", async () => {
    const root = mkdtempSync(join(tmpdir(), "irmlab-page-"));
    await expect(scaffoldPage("My Page", "synthetic", { root })).rejects.toThrowError(/page name "My Page": expected lower-case letters, digits and "-"/);
    await scaffoldPage("p", "synthetic", { root });
    await expect(scaffoldPage("p", "synthetic", { root })).rejects.toThrowError(/p\.md exists; choose another name or pass --force/);
    await expect(scaffoldPage("p", "synthetic", { root, force: true })).resolves.toBeDefined();
  });
});

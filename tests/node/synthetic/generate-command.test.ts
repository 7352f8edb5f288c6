import { irmlab } from "../../helpers/run-cli.js";
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";



describe("irmlab generate", () => {
  it("writes a complete dataset folder and prints it with a one-line summary", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "irmlab-generate-")), "syn");
    const { code, stdout } = await irmlab(["generate", "--customers", "150", "--seed", "3", "--context-strength", "0.5", "--items", "20", "--out", out, "--quiet"]);
    expect(code).toBe(0);
    const [folder, summary] = stdout.trimEnd().split("\n");
    expect(folder).toBe(out);
    expect(summary).toMatch(/^[\d,]+ rows, 150 customers \(\d+ prospects, \d+ buyers\), 20 items, [\d,]+ purchases \(\d+(\.\d+)?% of offers\), contextStrength 0\.5, seed 3, [\d.]+ (ms|s)$/);
    expect(readdirSync(out).sort()).toEqual(["customers.csv", "dataset.yaml", "interactions.csv", "journey.csv", "parameters.json"]);
    const parameters = JSON.parse(readFileSync(join(out, "parameters.json"), "utf8"));
    expect(parameters.options).toMatchObject({ seed: 3, customers: 150, items: 20, contextStrength: 0.5 });
    const rows = Number(/^([\d,]+) rows/.exec(summary!)![1]!.replace(/,/g, ""));
    expect(parameters.summary.rows).toBe(rows);
    expect(readFileSync(join(out, "interactions.csv"), "utf8").trimEnd().split("\n").length).toBe(rows + 1);
  }, 60_000);

  it("documents every option with its default", async () => {
    const { code, stdout } = await irmlab(["generate", "--help"]);
    expect(code).toBe(0);
    for (const flag of ["--customers <n>", "--seed <s>", "--context-strength <x>", "--items <m>", "--out <folder>", "--set <key=value>", "--force"]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/number of customers \(default: 2000\)/);
    expect(stdout).toMatch(/dormancyWeeks\s+default 13/);
    expect(stdout).toMatch(/--journeys <mode>\s+lifecycles: free or funnel/);
    expect(stdout).toMatch(/funnelGapWeeks\s+default 12/);
  }, 30_000);

  it("exits 1 with the flag and value when an option is invalid", async () => {
    const bad = await irmlab(["generate", "--customers", "many"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--customers must be a number, got "many"/);
    const mode = await irmlab(["generate", "--journeys", "linear"]);
    expect([mode.code, mode.stderr]).toEqual([1, expect.stringMatching(/--journeys must be one of free, funnel, got "linear"/)]);
    const range = await irmlab(["generate", "--customers", "10", "--prospect-share", "2", "--out", join(tmpdir(), "never-written"), "--quiet"]);
    expect([range.code, range.stdout]).toEqual([1, ""]);
    expect(range.stderr).toMatch(/^irmlab: synthetic options: prospectShare must be a number in \[0, 1\], got "2"\n$/);
  }, 30_000);
});

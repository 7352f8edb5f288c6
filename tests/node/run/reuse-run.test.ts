import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRuns } from "../../../src/node/run/run-store.js";
import { siteRun } from "../../../src/node/site/site-run.js";
import { irmlab } from "../../helpers/run-cli.js";

/**
 * `irmlab experiment <study config>` and the site's loaders share one reuse index: the loader of the
 * next build shows the CLI's run instead of fitting the config again.
 */
describe("a run made on the command line is the run the site shows", () => {
  const dir = mkdtempSync(join(tmpdir(), "irmlab-reuse-"));
  const runs = join(dir, "runs");
  const config = join(dir, "tiny.yaml");
  const saved = { study: process.env.IRMLAB_STUDY, runs: process.env.IRMLAB_RUNS };
  // the run id the CLI printed
  const runFolder = async (args: string[]): Promise<string> => {
    const out = await irmlab(["experiment", config, "--out", runs, "--json", ...args]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    return basename((JSON.parse(out.stdout) as { dir: string }).dir);
  };

  beforeAll(() => {
    writeFileSync(config, [
      "name: tiny-reuse",
      "seed: 3",
      "dataset: { synthetic: { customers: 120, contextStrength: 1, seed: 2 } }",
      "split: { kind: random, testFraction: 0.25 }",
      "models: [popularity, customer-profile, context-profile]",
      "compare: { irm: context-profile, crm: customer-profile }",
      "bootstrap: { resamples: 50, level: 0.95 }",
      "",
    ].join("\n"));
    writeFileSync(join(dir, "study.yaml"), "experiments:\n  - tiny.yaml\n");
    process.env.IRMLAB_STUDY = join(dir, "study.yaml");
    process.env.IRMLAB_RUNS = runs;
  });
  afterAll(() => {
    for (const [key, value] of [["IRMLAB_STUDY", saved.study], ["IRMLAB_RUNS", saved.runs]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("the loader reuses the CLI's run; --reuse shows it again; a plain rerun fits afresh and becomes the one shown", async () => {
    const first = await runFolder([]);
    const shown = await siteRun("tiny-reuse");
    expect((await listRuns(runs)).length).toBe(1); // nothing refitted
    expect(shown.run.runId).toBe(first);
    expect(await runFolder(["--reuse"])).toBe(first);
    expect((await listRuns(runs)).length).toBe(1);

    const second = await runFolder([]);
    expect(second).not.toBe(first);
    expect((await listRuns(runs)).length).toBe(2);
    const again = await siteRun("tiny-reuse");
    expect(again.run.runId).toBe(second);
    expect((await listRuns(runs)).length).toBe(2);
    // the index holds one entry per key (config, data, code), pointing at the newest run
    expect(readdirSync(join(runs, ".reuse")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
  }, 240_000);

  it("a different seed is a different run: the loader does not take it for the config's", async () => {
    const other = await runFolder(["--seed", "4"]);
    const shown = await siteRun("tiny-reuse");
    expect(shown.run.runId).not.toBe(other);
    expect(shown.run.seed).toBe(3);
  }, 240_000);
});

/**
 * The terminal contract of every irmlab command, checked as a user runs it (a new Node process):
 * --json prints exactly one JSON document on stdout (logs go to stderr), --quiet silences progress,
 * and the human output of experiment, sweep and runs carries tables, units and the verdict.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { irmlab } from "../helpers/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "irmlab-cli-"));
const config = join(work, "tiny.yaml");
writeFileSync(
  config,
  `name: tiny
seed: 3
dataset: { synthetic: { customers: 150, items: 15, seed: 2 } }
models: [popularity, customer-profile, context-profile]
compare: { irm: context-profile, crm: customer-profile }
bootstrap: { resamples: 50 }
segments: false
`,
);
const sweepConfig = join(work, "tiny-sweep.yaml");
writeFileSync(sweepConfig, `${readFileSync(config, "utf8").replace("name: tiny", "name: tinysweep")}sweep:\n  dataset.synthetic.contextStrength: [0, 2]\n`);

/** Parses stdout as exactly one JSON document (JSON.parse refuses anything before or after it). */
function oneDocument(stdout: string): Record<string, unknown> {
  const value = JSON.parse(stdout) as unknown;
  expect(typeof value).toBe("object");
  return value as Record<string, unknown>;
}

describe("irmlab --json on every command", () => {
  it("lists --json and --quiet in every command's help", async () => {
    const { stdout } = await irmlab(["--help"]);
    const commands = [...stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== "help");
    expect(commands.length).toBeGreaterThanOrEqual(11);
    for (const command of commands) {
      const help = await irmlab(command === "page" ? ["page", "new", "--help"] : [command, "--help"]);
      expect(help.stdout, command).toContain("--json");
      expect(help.stdout, command).toContain("--quiet");
    }
  }, 180_000);

  it("experiment: one JSON document with models, comparisons and the verdict; nothing on stderr with --quiet", async () => {
    const out = join(work, "runs");
    const { code, stdout, stderr } = await irmlab(["experiment", config, "--out", out, "--json", "--quiet"]);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe("");
    const doc = oneDocument(stdout);
    expect(doc.verdict).toMatch(/multi-context model \(context-profile\)|single-profile model \(customer-profile\)/);
    expect((doc.models as { model: string }[]).map((m) => m.model)).toEqual(["popularity", "customer-profile", "context-profile", "global-mean"]);
    expect(doc.headline).toMatchObject({ irm: "context-profile", crm: "customer-profile", metric: "logLoss" });
    expect(readdirSync(out)).toContain(doc.runId);
  }, 180_000);

  it("experiment: the human output ends with a models table, paired differences with CIs, the verdict and the folder", async () => {
    const out = join(work, "runs-text");
    const { code, stdout, stderr } = await irmlab(["experiment", config, "--out", out, "--quiet"]);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^model +family +AUC ↑ +log-loss ↓ +Brier score ↓ .*fit time$/m);
    expect(stdout).toMatch(/^context-profile +IRM \(multi-context\) +0\.\d{4} +0\.\d{4} +0\.\d{4} .* [\d.]+ (µs|ms|s)$/m);
    expect(stdout).toMatch(/^context-profile − customer-profile +log-loss +[+-]\d\.\d+ \(CI [+-]\d\.\d+ to [+-]\d\.\d+\) /m);
    expect(stdout).toMatch(/^verdict: (IRM better: |CRM better: |Equivalent within ±|Inconclusive: )/m);
    expect(stdout.trimEnd().split("\n").at(-1)).toMatch(/^run folder: .*runs-text\/\d{8}T\d{6}Z-tiny-/);
  }, 180_000);

  it("experiment without --quiet: progress on stderr, the verdict printed once", async () => {
    const { code, stdout, stderr } = await irmlab(["experiment", config, "--out", join(work, "runs-progress")]);
    expect(code, stderr).toBe(0);
    expect(stderr).not.toBe("");
    expect(`${stdout}\n${stderr}`.match(/verdict: /g)).toHaveLength(1);
  }, 180_000);

  it("runs and compare: one JSON document each", async () => {
    const runsRoot = join(work, "runs");
    const runs = await irmlab(["runs", "--runs", runsRoot, "--json"]);
    expect(runs.code, runs.stderr).toBe(0);
    const list = JSON.parse(runs.stdout) as { runId: string }[];
    expect(list).toHaveLength(1);
    const compare = await irmlab(["compare", list[0]!.runId, list[0]!.runId, "--runs", runsRoot, "--resamples", "50", "--json"]);
    expect(compare.code, compare.stderr).toBe(0);
    expect(oneDocument(compare.stdout)).toMatchObject({ modelA: "context-profile", modelB: "customer-profile" });
  }, 120_000);

  it("sweep: the grid summary counts cells and gives the effect per condition; --json is one document", async () => {
    const root = join(work, "sweeps");
    const text = await irmlab(["sweep", sweepConfig, "--root", root, "--quiet"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe("");
    expect(text.stdout).toMatch(/^sweep tinysweep-[0-9a-f]{8} \(complete\): 2 cells: 2 complete, 0 failed, 0 not run$/m);
    expect(text.stdout).toMatch(/^dataset\.synthetic\.contextStrength +seeds +difference/m);
    expect(text.stdout).toMatch(/^0 +1 +[+-]?\d/m);
    expect(text.stdout).toMatch(/^2 +1 +[+-]?\d/m);
    // rerun: every cell is already complete, the same summary comes back as JSON
    const json = await irmlab(["sweep", sweepConfig, "--root", root, "--json"]);
    expect(json.code, json.stderr).toBe(0);
    expect(oneDocument(json.stdout)).toMatchObject({ status: "complete", counts: { cells: 2, complete: 2, failed: 0, pending: 0 } });
    // --jobs: two cells on two threads give the same summary; a count that is not a whole number >= 1 is refused
    const jobs = await irmlab(["sweep", sweepConfig, "--root", join(work, "sweeps-jobs"), "--jobs", "2", "--json"]);
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(oneDocument(jobs.stdout)).toMatchObject({ status: "complete", summary: oneDocument(json.stdout).summary });
    const bad = await irmlab(["sweep", sweepConfig, "--root", root, "--jobs", "0"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--jobs: expected a whole number of cells >= 1, got "0"/);
  }, 240_000);

  it("generate, ingest, value, clv, bench, env: one JSON document each, no progress with --quiet", async () => {
    const data = join(work, "gen");
    const cases: string[][] = [
      ["generate", "--customers", "120", "--items", "12", "--seed", "4", "--out", data],
      ["ingest", join(data, "dataset.yaml"), "--report", join(work, "rejects.csv")],
      ["value", "--synthetic", "--customers", "200", "--resamples", "50"],
      ["clv", "--synthetic", "--customers", "200", "--resamples", "50"],
      ["bench", "--rows", "20000", "--customers", "500", "--items", "50", "--models", "fm", "--stock-batches", "0", "--threads", "1", "--no-sklearn"],
      ["env"],
    ];
    for (const args of cases) {
      const { code, stdout, stderr } = await irmlab([...args, "--json", "--quiet"]);
      expect(code, `${args[0]}: ${stderr}`).toBe(0);
      expect(() => oneDocument(stdout), `${args[0]} stdout: ${stdout.slice(0, 200)}`).not.toThrow();
      expect(stderr, args[0]).toBe("");
    }
  }, 300_000);
});

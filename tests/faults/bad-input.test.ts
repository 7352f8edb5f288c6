/**
 * Bad input and damaged records give clear errors instead of accidents: the command names the file
 * (and key or row) and what was expected; CSV outputs neutralise formula-leading cells.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../../src/node/run/run-experiment.js";
import { readPredictions } from "../../src/node/run/predictions-csv.js";
import { readDataset } from "../../src/node/ingest/read-dataset.js";
import { writeRejectReport } from "../../src/node/ingest/write-reject-report.js";
import { listRuns, runSummaries } from "../../src/node/run/run-store.js";
import { scratch, startIrmlab, tinyConfig } from "./fault-helpers.js";

const dir = scratch("bad-input");
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const DESCRIPTOR = "format: csv\ncolumns: { customer: c, item: i, outcome: y }\noutcome: { type: rating, min: 1, max: 5 }\ncontext: { companion: k }\n";
// (ingest trims surrounding whitespace, so tab- and CR-leading cells are covered in tests/lib/format/csv-cell.test.ts)
const FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+2", "-2+3", "'=quoted"];

describe("a corrupted run.json", () => {
  it("is listed as damaged, naming the file, while `irmlab runs` lists every other run and succeeds", async () => {
    const store = join(dir, "runs");
    const config = tinyConfig(dir, "corrupt");
    const good = await runExperiment(config, { out: store, quiet: true });
    const bad = await runExperiment(config, { out: store, quiet: true });
    const text = readFileSync(join(bad.dir, "run.json"), "utf8");
    writeFileSync(join(bad.dir, "run.json"), `${text.slice(0, 17)}\u0001${text.slice(18)}`); // "Bad control character ... position 17"
    const cli = await startIrmlab(["runs", "--runs", store]).exit;
    expect([cli.code, cli.stderr]).toEqual([0, ""]);
    const lines = cli.stdout.trim().split("\n");
    // a header, a rule, then one line per run (columns padded by the terminal table)
    expect(lines[2]).toMatch(new RegExp(`^${good.run.runId} +complete +synthetic `));
    expect(lines[3]).toMatch(new RegExp(`^${bad.run.runId} +damaged( +—)+ +run\\.json does not match its sha256 in manifest\\.json \\(changed after the run was written\\)$`));
    expect(lines).toHaveLength(4);
    expect((await listRuns(store)).map((r) => r.dir)).toEqual([good.dir]);
    // a run.json that is not JSON at all (its manifest rewritten to match) is named too
    const { writeManifest } = await import("../../src/node/run/run-manifest.js");
    await writeManifest(bad.dir, bad.run.runId);
    expect((await runSummaries(store)).find((r) => r.dir === bad.dir)!.problem).toMatch(/^run.json is not valid JSON \(Bad control character/);
  }, 120_000);
});

describe("experiment on bad input", () => {
  it("names the descriptor when every row of its data is rejected", async () => {
    write("rejected.csv", "c,i,y,k\na,b,9,x\nc,d,x,y\n");
    const descriptor = write("rejected.yaml", `name: rejected\nsource: rejected.csv\n${DESCRIPTOR}`);
    await expect(runExperiment(descriptor, { out: join(dir, "r1"), quiet: true })).rejects.toThrowError(
      /rejected\.yaml: nothing to run an experiment on: all 2 data rows were rejected \(invalid outcome: 1, outcome out of range: 1\); `irmlab ingest` on its descriptor writes the reject report/,
    );
  });

  it("names the file of a YAML error, and recognises a descriptor with a typo as a broken descriptor", async () => {
    const yaml = write("broken.yaml", "name: x\nmodels: [a, b\n");
    await expect(runExperiment(yaml, { quiet: true })).rejects.toThrowError(new RegExp(`^${yaml.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid YAML: `));
    const typo = write("typo.yaml", "name: typo\nsource: rejected.csv\nformat: csv\ncolums: { customer: c, item: i, outcome: y }\n");
    await expect(runExperiment(typo, { quiet: true })).rejects.toThrowError(/typo\.yaml looks like a dataset descriptor \(it has source, format\) but is not a valid one: descriptor .*typo\.yaml: .*colums/);
  });

  it("refuses a huge synthetic population, a February 30th and an inexact seed, naming the file and the key", async () => {
    const config = (name: string, extra: string) => write(`${name}.yaml`, readFileSync(tinyConfig(dir, name), "utf8").replace("customers: 120", extra));
    await expect(runExperiment(config("huge", "customers: 1e12"), { quiet: true })).rejects.toThrowError(/huge\.yaml: dataset.synthetic.customers: expected a number <= 20000000, got 1000000000000/);
    const feb = write("feb.yaml", `${readFileSync(tinyConfig(dir, "feb"), "utf8")}value: { calibrationEnd: 2020-02-30 }\n`);
    await expect(runExperiment(feb, { quiet: true })).rejects.toThrowError(/feb\.yaml: value.calibrationEnd: expected a date such as "1997-09-30" \(a real calendar day.*got "2020-02-30"/);
    const seed = write("seed.yaml", readFileSync(tinyConfig(dir, "seed"), "utf8").replace("seed: 5", "seed: 99999999999999999999"));
    await expect(runExperiment(seed, { quiet: true })).rejects.toThrowError(/seed\.yaml: seed: expected an integer of at most 9007199254740991 in size/);
    const cli = await startIrmlab(["experiment", tinyConfig(dir, "cliseed"), "--seed", "99999999999999999999", "--out", join(dir, "never")]).exit;
    expect([cli.code, cli.stderr]).toEqual([1, 'irmlab: --seed: expected an integer from 0 to 9007199254740991 (larger ones cannot be stored exactly), got "99999999999999999999"\n']);
  }, 60_000);
});

describe("CSV outputs", () => {
  it("neutralise formula-leading ids and levels in predictions.csv and read them back unchanged", async () => {
    const rows = ["c,i,y,k"];
    for (let u = 0; u < 30; u++) for (let i = 0; i < 8; i++) rows.push([csv(FORMULAS[u % FORMULAS.length]! + u), `i${i}`, 1 + ((u + i) % 5), i % 2 ? "=alone" : "-family"].join(","));
    write("formulas.csv", `${rows.join("\n")}\n`);
    write("formulas.yaml", `name: formulas\nsource: formulas.csv\n${DESCRIPTOR}`);
    const config = write("formulas-exp.yaml", "name: formulas\nseed: 1\ndataset: { descriptor: formulas.yaml }\nmodels: [customer-profile, context-profile]\ncompare: { irm: context-profile, crm: customer-profile }\nbootstrap: { resamples: 50 }\nsegments: false\n");
    const { dir: runDir } = await runExperiment(config, { out: join(dir, "formula-runs"), quiet: true });
    const text = readFileSync(join(runDir, "predictions.csv"), "utf8");
    const cells = text.trim().split("\n").slice(1).flatMap((line) => line.split(",").slice(1, 4).map((c) => c.replace(/^"/, "")));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(text).toContain("'=cmd|' /C calc'!A0");
    expect(text).toContain("''=quoted");
    const read = await readPredictions(join(runDir, "predictions.csv"));
    expect(new Set(read.customerIds)).toEqual(new Set(Array.from({ length: 30 }, (_, u) => FORMULAS[u % FORMULAS.length]! + u).filter((id) => read.customerIds.includes(id))));
    expect(read.customerIds.some((id) => id.startsWith("=cmd"))).toBe(true);
    expect(read.contexts[0]!.levels.sort()).toEqual(["-family", "=alone"]);
  }, 120_000);

  it("neutralise formula-leading values in the reject report", async () => {
    const data = write("rej.csv", 'c,i,y,k\n=evil,b,"=HYPERLINK(""http://x"")",x\na,b,4,y\n');
    const descriptor = write("rej.yaml", `name: rej\nsource: rej.csv\n${DESCRIPTOR}`);
    const { report, rejects } = await readDataset(descriptor);
    const out = join(dir, "rej-rejects.csv");
    await writeRejectReport(report, rejects, out);
    expect(readFileSync(out, "utf8").split("\n")[1]).toMatch(/^1,2,y,"'=HYPERLINK\(""http:\/\/x""\)",invalid outcome,/);
    expect(data).toContain("rej.csv");
  });
});

function csv(s: string): string {
  return /[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

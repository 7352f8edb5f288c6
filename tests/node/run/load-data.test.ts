import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadExperimentData } from "../../../src/node/run/load-data.js";

describe("loadExperimentData", () => {
  it("hashes the file together with the descriptor settings that change what is read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "irmlab-load-"));
    writeFileSync(join(dir, "d.csv"), "c,i,y,k\na,x,1,NA\nb,x,0,home\n");
    const yaml = (missing: string) => `name: d\nsource: d.csv\nformat: csv\ncolumns: { customer: c, item: i, outcome: y }\noutcome: { type: binary }\nmissing: ${missing}\ncontext: { where: k }\n`;
    writeFileSync(join(dir, "a.yaml"), yaml('[""]'));
    writeFileSync(join(dir, "b.yaml"), yaml('[NA, ""]'));
    writeFileSync(join(dir, "a-again.yaml"), yaml('[""]').replace("name: d", "name: d2"));
    const config = join(dir, "experiment.yaml");
    const load = (file: string) => loadExperimentData({ kind: "descriptor", descriptor: file }, config);
    const [a, b, again] = await Promise.all([load("a.yaml"), load("b.yaml"), load("a-again.yaml")]);
    expect(a.summary.hash).not.toBe(b.summary.hash);
    expect(a.summary.hash).toBe(again.summary.hash); // the name is prose, not data
    expect(a.data.contexts[0]!.levels).toEqual(["NA", "home"]);
    expect(b.data.contexts[0]!.levels).toEqual(["home", "unknown"]);
  });
});

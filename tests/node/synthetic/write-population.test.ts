import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { createRng } from "../../../src/lib/random/rng.js";
import { generatePopulation } from "../../../src/lib/synthetic/generate-population.js";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";
import { defaultDatasetName, POPULATION_FILES, syntheticDescriptorYaml, writePopulationFolder } from "../../../src/node/synthetic/write-population.js";

const population = generatePopulation({ customers: 60 }, createRng(5));
const lines = (path: string): string[] => readFileSync(path, "utf8").trimEnd().split("\n");

describe("writePopulationFolder", () => {
  it("writes every file, and interactions.csv round-trips the data exactly", async () => {
    const root = mkdtempSync(join(tmpdir(), "irmlab-synthetic-"));
    const out = join(root, "generated", "pop");
    expect(await writePopulationFolder(population, out)).toBe(out);
    expect(readdirSync(join(root, "generated"))).toEqual(["pop"]);
    expect(readdirSync(out).sort()).toEqual([...POPULATION_FILES].sort());

    const d = population.interactions;
    const rows = lines(join(out, "interactions.csv"));
    expect(rows[0]).toBe("customer,item,timestamp,outcome,value,companion,intent,situation,true_probability");
    expect(rows.length).toBe(d.size + 1);
    let mismatches = 0;
    for (let r = 0; r < d.size; r++) {
      const f = rows[r + 1]!.split(",");
      const expected = [
        d.customerIds[d.customer[r]!], d.itemIds[d.item[r]!], new Date(d.timestamp![r]!).toISOString(), String(d.outcome[r]), String(d.value![r]),
        ...d.contexts.map((c) => c.levels[c.codes[r]!]), String(d.truth![r]),
      ];
      if (f.join(",") !== expected.join(",") || Number(f[8]) !== d.truth![r] || Date.parse(f[2]!) !== d.timestamp![r]) mismatches++;
    }
    expect(mismatches).toBe(0);

    const customers = lines(join(out, "customers.csv"));
    expect(customers.length).toBe(61);
    expect(customers[0]!.split(",").slice(0, 4)).toEqual(["customer", "is_prospect", "entry_time", "lambda_per_week"]);
    expect(customers[0]!.split(",").length).toBe(12 + 10);
    expect(customers[1]!.startsWith(`c000000,${population.customers.isProspect[0]},${new Date(population.customers.entryTime[0]!).toISOString()},`)).toBe(true);
    expect(lines(join(out, "journey.csv")).length).toBe(population.customers.journey.kind.length + 1);

    expect(parse(readFileSync(join(out, "dataset.yaml"), "utf8"))).toEqual({
      name: "pop",
      description: "Synthetic IRM Lab population with known ground truth (see parameters.json).",
      source: "interactions.csv",
      format: "csv",
      columns: { customer: "customer", item: "item", outcome: "outcome", timestamp: "timestamp", value: "value", truth: "true_probability" },
      outcome: { type: "binary" },
      timestamp: { format: "iso" },
      context: { companion: "companion", intent: "intent", situation: "situation" },
    });
    expect(JSON.parse(readFileSync(join(out, "parameters.json"), "utf8"))).toEqual(JSON.parse(JSON.stringify(population.parameters)));
  });

  it("can be read back through the normal ingest path with the same rows and truth", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "irmlab-synthetic-")), "pop");
    await writePopulationFolder(population, out);
    const { data, report } = await readDataset(join(out, "dataset.yaml"));
    const d = population.interactions;
    expect([report.rowsRead, report.rowsAccepted, report.rowsRejected]).toEqual([d.size, d.size, 0]);
    const label = (x: typeof d, r: number) =>
      [x.customerIds[x.customer[r]!], x.itemIds[x.item[r]!], x.timestamp![r], x.outcome[r], x.value![r], ...x.contexts.map((c) => c.levels[c.codes[r]!]), x.truth![r]].join("|");
    let mismatches = 0;
    for (let r = 0; r < d.size; r++) if (label(data, r) !== label(d, r)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it("refuses to overwrite a folder unless forced, and leaves no temporary folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "irmlab-synthetic-"));
    const out = join(root, "pop");
    await writePopulationFolder(population, out, { name: "first" });
    await expect(writePopulationFolder(population, out)).rejects.toThrowError(/output folder ".*pop" already exists; pass --force to replace it/);
    await writePopulationFolder(population, out, { force: true, name: "second" });
    expect(readFileSync(join(out, "dataset.yaml"), "utf8")).toMatch(/^name: second\n/);
    expect(readdirSync(root)).toEqual(["pop"]);
  });
});

describe("dataset names", () => {
  it("derives a descriptor-safe default name from seed, size and strength", () => {
    expect(defaultDatasetName(1, 2000, 1)).toBe("synthetic-s1-c2000-k1");
    expect(defaultDatasetName(3, 500, 0.5)).toBe("synthetic-s3-c500-k0_5");
    expect(defaultDatasetName(3, 500, 0, "funnel")).toBe("synthetic-s3-c500-k0-funnel");
  });

  it("rejects names the descriptor format does not allow", () => {
    expect(() => syntheticDescriptorYaml("my data")).toThrowError(/dataset name must use letters, digits, "-" and "_", starting with a letter or digit, got "my data"/);
  });
});

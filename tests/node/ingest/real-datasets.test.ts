import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";

const DATASETS = "../shared/datasets";
const present = existsSync(DATASETS);
if (!present) console.warn(`skipping real-dataset ingest tests: ${DATASETS} is absent (see data/datasets/*.yaml)`);

// Figures from ../shared/datasets/README.md (rows, customers, items); every row must be accepted.
const EXPECTED = [
  { descriptor: "depaulmovie", rows: 5043, customers: 97, items: 79, contexts: { companion: { Alone: 1173, Family: 1343, Partner: 1079, unknown: 1448 } } },
  { descriptor: "tripadvisor", rows: 14175, customers: 2371, items: 2269, contexts: { companion: { BUSINESS: 2794, COUPLES: 4701, FAMILY: 2921, FRIENDS: 762, SOLO: 2997 } } },
  { descriptor: "incarmusic", rows: 4012, customers: 42, items: 139, contexts: {} },
  { descriptor: "cdnow-sample", rows: 6919, customers: 2357, items: 1, contexts: {} },
  { descriptor: "cdnow-master", rows: 69659, customers: 23570, items: 1, contexts: {} },
] as const;

describe.skipIf(!present)("real datasets through their descriptors", () => {
  for (const e of EXPECTED) {
    it(`${e.descriptor}: reads ${e.rows} rows, accepts all, ${e.customers} customers and ${e.items} items`, async () => {
      const { report } = await readDataset(`data/datasets/${e.descriptor}.yaml`);
      expect([report.rowsRead, report.rowsAccepted, report.rowsRejected]).toEqual([e.rows, e.rows, 0]);
      expect([report.customers, report.items]).toEqual([e.customers, e.items]);
      expect(report.contexts).toMatchObject(e.contexts);
      expect(report.citation).toMatch(/\d{4}/);
    });
  }

  it("incarmusic: has ratings of 0, all 8 contexts, and 1,003 rows with none recorded", async () => {
    const { data, report } = await readDataset("data/datasets/incarmusic.yaml");
    expect(report.outcome.min).toBe(0);
    expect(data.contexts.map((c) => c.name)).toEqual(["driving_style", "landscape", "mood", "time_of_day", "road_type", "sleepiness", "traffic", "weather"]);
    let none = 0;
    let moreThanOne = 0;
    for (let i = 0; i < data.size; i++) {
      const known = data.contexts.filter((c) => c.levels[c.codes[i]!] !== "unknown").length;
      if (known === 0) none++;
      if (known > 1) moreThanOne++;
    }
    expect([none, moreThanOne]).toEqual([1003, 0]);
  });

  it("cdnow-sample: timestamps span Jan 1997 - Jun 1998, customer ids keep their leading zeros", async () => {
    const { data, report } = await readDataset("data/datasets/cdnow-sample.yaml");
    expect(report.timeRange).toEqual({ first: "1997-01-01T00:00:00.000Z", last: "1998-06-30T00:00:00.000Z" });
    expect(data.customerIds[0]).toBe("00004");
    expect(data.value!.length).toBe(6919);
  });
});

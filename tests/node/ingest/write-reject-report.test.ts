import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";
import { writeRejectReport } from "../../../src/node/ingest/write-reject-report.js";
import { tempDir, writeDataset } from "./temp-dataset.js";

const YAML = "name: r\nformat: csv\ncolumns: { customer: c, item: i, outcome: y }\noutcome: { type: rating, min: 1, max: 5 }\n";

describe("writeRejectReport", () => {
  it("writes stored rejects as quoted CSV, atomically, and records the path", async () => {
    const dir = tempDir();
    const csv = 'c,i,y\na,b,"7,5"\na,b,4\n,b,3\na,b,"say ""six"""\n';
    const { report, rejects } = await readDataset(writeDataset(dir, "r.csv", csv, YAML), { maxRejectExamples: 2 });
    expect([report.rowsRejected, report.rejectExamplesStored]).toEqual([3, 2]);
    const out = join(dir, "reports", "r-rejects.csv");
    const written = await writeRejectReport(report, rejects, out);
    expect(written).toEqual({ ...report, rejectReportPath: out });
    expect(readFileSync(out, "utf8")).toBe(
      'data_row,line,column,value,reason,detail\n1,2,y,"7,5",invalid outcome,"expected a number in [1, 5]"\n3,4,c,,missing customer,expected a customer id\n',
    );
    expect(readdirSync(join(dir, "reports"))).toEqual(["r-rejects.csv"]);
  });
});

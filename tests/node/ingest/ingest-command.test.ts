import { irmlab } from "../../helpers/run-cli.js";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir, writeDataset } from "./temp-dataset.js";

const YAML = "name: cli\nformat: csv\ncolumns: { customer: c, item: i, outcome: y }\noutcome: { type: binary }\n";

describe("irmlab ingest", () => {
  it("prints the JSON report and writes the reject report", async () => {
    const dir = tempDir();
    const descriptor = writeDataset(dir, "d.csv", "c,i,y\na,x,yes\nb,x,maybe\n", YAML);
    const report = join(dir, "rejects.csv");
    const { code, stdout } = await irmlab(["ingest", descriptor, "--json", "--quiet", "--report", report]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ name: "cli", rowsRead: 2, rowsAccepted: 1, rowsRejected: 1, rejectedByReason: { "invalid outcome": 1 }, rejectReportPath: report });
    expect(readFileSync(report, "utf8")).toBe("data_row,line,column,value,reason,detail\n2,3,y,maybe,invalid outcome,\"expected 0, 1, true, false, yes or no\"\n");
  }, 30_000);

  it("exits 1 with one clear message on a fatal error", async () => {
    const dir = tempDir();
    const descriptor = writeDataset(dir, "d.csv", "c,i,y\n", YAML);
    const { code, stdout, stderr } = await irmlab(["ingest", descriptor, "--quiet"]);
    expect([code, stdout]).toEqual([1, ""]);
    expect(stderr).toMatch(/^irmlab: .*d\.csv: no data rows \(the file has only a header\)\n$/);
  }, 30_000);
});

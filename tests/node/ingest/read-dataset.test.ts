import { describe, expect, it } from "vitest";
import { readDataset } from "../../../src/node/ingest/read-dataset.js";
import { tempDir, writeDataset } from "./temp-dataset.js";

const TRIPS = `name: trips
format: csv
columns: { customer: UserID, item: ItemID, outcome: Rating }
outcome: { type: rating, min: 1, max: 5 }
missing: [NA, ""]
context: { companion: TripType }
`;

async function read(file: string, content: string | Buffer, yaml = TRIPS) {
  return readDataset(writeDataset(tempDir(), file, content, yaml));
}

describe("readDataset", () => {
  it("reads quoted commas and line breaks, a BOM and CRLF into typed columns", async () => {
    const csv = '\uFEFFUserID,ItemID,Rating,TripType\r\nu1,"h,1",5,SOLO\r\nu2,h2,4,"COUP\r\nLES"\r\nu1,h2,3,NA\r\n';
    const { data, report } = await read("trips.csv", csv);
    expect(data).toEqual({
      size: 3,
      customerIds: ["u1", "u2"],
      customer: new Int32Array([0, 1, 0]),
      itemIds: ["h,1", "h2"],
      item: new Int32Array([0, 1, 1]),
      timestamp: null,
      outcome: new Float64Array([5, 4, 3]),
      outcomeSpec: { type: "rating", min: 1, max: 5 },
      value: null,
      contexts: [{ name: "companion", levels: ["COUP\r\nLES", "SOLO", "unknown"], codes: new Int32Array([1, 0, 2]) }],
      truth: null,
    });
    expect(report).toMatchObject({
      name: "trips",
      format: "csv",
      rowsRead: 3,
      rowsAccepted: 3,
      rowsRejected: 0,
      rejectedByReason: {},
      duplicateRows: 0,
      customers: 2,
      items: 2,
      contexts: { companion: { "COUP\r\nLES": 1, SOLO: 1, unknown: 1 } },
      outcome: { type: "rating", min: 3, max: 5, mean: 4 },
      rejectReportPath: null,
    });
    expect(report.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rejects bad rows with reason, column, value, data row and physical line, and keeps the count invariant", async () => {
    const csv = [
      "UserID,ItemID,Rating,TripType",
      'u1,h1,5,"multi', // data row 1 spans lines 2-3
      'line"',
      "u2,h1,9,SOLO", // 2: out of range (line 4)
      "u3,h1,five,SOLO", // 3: not a number (line 5)
      ",h1,4,SOLO", // 4: missing customer (line 6)
      "u4,NA,4,SOLO", // 5: missing item (line 7)
      "u5,h1,4", // 6: ragged (line 8)
      "",
      "u6,h1,,SOLO", // 7: missing outcome (line 10, after a blank line)
      "u7,h2,2,", // 8: missing context -> unknown, accepted (line 11)
    ].join("\n");
    const { data, report, rejects } = await read("trips.csv", csv);
    expect(report.rowsRead).toBe(8);
    expect(report.rowsAccepted + report.rowsRejected).toBe(report.rowsRead);
    expect([report.rowsAccepted, report.rowsRejected]).toEqual([2, 6]);
    expect(report.rejectedByReason).toEqual({
      "ragged row": 1,
      "missing customer": 1,
      "missing item": 1,
      "missing outcome": 1,
      "invalid outcome": 1,
      "outcome out of range": 1,
    });
    expect(rejects.map((r) => [r.dataRow, r.line, r.column, r.value, r.reason])).toEqual([
      [2, 4, "Rating", "9", "outcome out of range"],
      [3, 5, "Rating", "five", "invalid outcome"],
      [4, 6, "UserID", "", "missing customer"],
      [5, 7, "ItemID", "NA", "missing item"],
      [6, 8, "", "3 field(s)", "ragged row"],
      [7, 10, "Rating", "", "missing outcome"],
    ]);
    expect(rejects[0]!.detail).toBe("expected a number in [1, 5]");
    // rejected rows leave no trace in the dictionaries
    expect(data.customerIds).toEqual(["u1", "u7"]);
    expect(data.contexts[0]!.levels).toEqual(["multi\nline", "unknown"]);
  });

  it("rejects unparseable timestamps and non-numeric values, and gives item 'all' when no item column is mapped", async () => {
    const yaml = `name: tx
format: whitespace
header: false
names: [id, date, n, dollars]
columns: { customer: id, item: null, outcome: n, timestamp: date, value: dollars }
outcome: { type: amount }
timestamp: { format: yyyymmdd }
`;
    const txt = " 001 19970101 2 29.33\r\n 001 19970230 1 5.00\r\n\r\n 002 19970105 1 $12\r\n 002 19970105 1 12.00\r\n";
    const { data, report, rejects } = await read("tx.txt", txt, yaml);
    expect(rejects.map((r) => [r.dataRow, r.line, r.column, r.value, r.reason])).toEqual([
      [2, 2, "date", "19970230", "invalid timestamp"],
      [3, 4, "dollars", "$12", "invalid value"],
    ]);
    expect(data.itemIds).toEqual(["all"]);
    expect(data.customerIds).toEqual(["001", "002"]);
    expect(data.timestamp).toEqual(new Float64Array([Date.UTC(1997, 0, 1), Date.UTC(1997, 0, 5)]));
    expect(data.value).toEqual(new Float64Array([29.33, 12]));
    expect(report.timeRange).toEqual({ first: "1997-01-01T00:00:00.000Z", last: "1997-01-05T00:00:00.000Z" });
    expect(report.outcome).toEqual({ type: "amount", min: 1, max: 2, mean: 1.5 });
  });

  it("counts exact duplicates and rejects them only under duplicates: reject", async () => {
    const csv = "UserID,ItemID,Rating,TripType\nu1,h1,5,SOLO\nu1,h1,5,SOLO\nu1,h1,5,FAMILY\nu1,h1,5,SOLO\n";
    const kept = await read("d.csv", csv);
    expect([kept.report.rowsAccepted, kept.report.rowsRejected, kept.report.duplicateRows]).toEqual([4, 0, 2]);
    const rejected = await read("d.csv", csv, `${TRIPS}duplicates: reject\n`);
    expect([rejected.report.rowsAccepted, rejected.report.rowsRejected, rejected.report.duplicateRows]).toEqual([2, 2, 2]);
    expect(rejected.rejects.map((r) => [r.dataRow, r.reason])).toEqual([[2, "duplicate row"], [4, "duplicate row"]]);
    expect(rejected.data.contexts[0]!.codes).toEqual(new Int32Array([1, 0]));
  });

  it("reads binary outcomes from JSON arrays and NDJSON, rejecting records that are not objects", async () => {
    const yaml = `name: clicks
format: json
columns: { customer: user, item: offer, outcome: clicked, timestamp: at }
outcome: { type: binary }
timestamp: { format: iso }
context: { intent: intent }
`;
    const array = '[\n {"user": "a", "offer": 1, "clicked": true, "at": "2020-01-02T03:04:05Z", "intent": "gift"},\n 7,\n {"user": "b", "offer": 2, "clicked": "no", "at": "2020-01-03", "intent": null},\n {"user": "c", "offer": 2, "clicked": 1, "at": "2020-01-03", "intent": {"x": 1}}\n]\n';
    const a = await read("clicks.json", array, yaml);
    expect(a.data.outcome).toEqual(new Float64Array([1, 0]));
    expect(a.data.itemIds).toEqual(["1", "2"]);
    expect(a.data.contexts[0]!.levels).toEqual(["gift", "unknown"]);
    expect(a.rejects.map((r) => [r.dataRow, r.line, r.reason, r.detail])).toEqual([
      [2, 3, "invalid record", "expected not a JSON object: 7"],
      [4, 5, "invalid record", 'expected a string, number or boolean in "intent"'],
    ]);
    const ndjson = '{"user": "a", "offer": 1, "clicked": 1, "at": "2020-01-02", "intent": "self"}\n\n{"user": "b", "offer": 1, "clicked": 0, "at": "2020-01-02"\n';
    const n = await read("clicks.ndjson", ndjson, yaml);
    expect([n.report.rowsAccepted, n.report.rowsRejected]).toEqual([1, 1]);
    expect(n.rejects[0]).toMatchObject({ dataRow: 2, line: 3, reason: "invalid record" });
  });

  it("reads tsv and csv with another delimiter", async () => {
    const tsv = await read("t.tsv", "UserID\tItemID\tRating\tTripType\nu1\th1\t4\tSOLO\n", TRIPS.replace("format: csv", "format: tsv"));
    expect(tsv.data.outcome).toEqual(new Float64Array([4]));
    const semi = await read("t.csv", "UserID;ItemID;Rating;TripType\nu1;h1;2,5;SOLO\n", `${TRIPS}delimiter: ";"\n`);
    expect(semi.rejects.map((r) => [r.value, r.reason])).toEqual([["2,5", "invalid outcome"]]);
  });
});

describe("readDataset fatal errors", () => {
  it("refuses an empty file, a BOM-only file and a header-only file", async () => {
    await expect(read("e.csv", "")).rejects.toThrowError(/e\.csv: the file is empty \(expected a header and data rows\)/);
    await expect(read("e.csv", "\uFEFF\r\n")).rejects.toThrowError(/e\.csv: the file is empty \(no header and no data rows\)/);
    await expect(read("h.csv", "UserID,ItemID,Rating,TripType\r\n")).rejects.toThrowError(/h\.csv: no data rows \(the file has only a header\)/);
  });

  it("names a mapped column that the file lacks, with the columns it has", async () => {
    await expect(read("t.csv", "UserID,ItemID,Rating,TripType\nu,h,4,SOLO\n", TRIPS.replace("companion: TripType", "companion: TripTyp"))).rejects.toThrowError(
      /^descriptor .*test\.yaml: column "TripTyp" \(context\.companion\) not found in the header of .*t\.csv; columns are UserID, ItemID, Rating, TripType$/,
    );
  });

  it("suggests the delimiter when the header was read as one column", async () => {
    await expect(read("t.csv", "UserID\tItemID\tRating\tTripType\nu\th\t4\tSOLO\n")).rejects.toThrowError(
      /column "UserID" \(columns\.customer\) not found in the header of .*t\.csv; columns are UserID\tItemID\tRating\tTripType; the header looks tab-separated; set format: tsv/,
    );
    await expect(read("t.csv", "UserID;ItemID;Rating;TripType\nu;h;4;SOLO\n")).rejects.toThrowError(/the header looks semicolon-separated; set format: csv and delimiter: ";"/);
    await expect(read("t.txt", " UserID  ItemID Rating TripType\n", TRIPS)).rejects.toThrowError(/the header looks whitespace-separated; set format: whitespace/);
    await expect(read("t.tsv", "UserID,ItemID,Rating,TripType\nu,h,4,SOLO\n", TRIPS.replace("format: csv", "format: tsv"))).rejects.toThrowError(/the header looks comma-separated; set format: csv/);
  });

  it("refuses a headerless file whose first row does not match names", async () => {
    const yaml = "name: x\nformat: csv\nheader: false\nnames: [a, b, c]\ncolumns: { customer: a, item: b, outcome: c }\noutcome: { type: amount }\n";
    await expect(read("x.csv", "1\t2\t3\n", yaml)).rejects.toThrowError(
      /descriptor .*test\.yaml: names lists 3 columns \(a, b, c\) but line 1 of .*x\.csv has 1 field\(s\); the header looks tab-separated; set format: tsv/,
    );
  });

  it("names the line of malformed quoting and of a broken JSON array", async () => {
    await expect(read("q.csv", 'UserID,ItemID,Rating,TripType\nu,h,4,SOLO\nu,"h"x,4,SOLO\n')).rejects.toThrowError(/q\.csv: line 3: malformed CSV: Invalid Closing Quote/);
    const yaml = "name: j\nformat: json\ncolumns: { customer: u, item: i, outcome: y }\noutcome: { type: binary }\n";
    await expect(read("j.json", '[{"u": "a", "i": "b", "y": 1},\n{"u": "a"', yaml)).rejects.toThrowError(/j\.json: malformed JSON array: line 2: the JSON array is not closed/);
  });

  it("reads a ground-truth column (synthetic data) and rejects truth outside the outcome range", async () => {
    const yaml = `name: syn
format: csv
columns: { customer: c, item: i, outcome: y, truth: p }
outcome: { type: binary }
`;
    const { data, report, rejects } = await read("syn.csv", "c,i,y,p\nc1,i1,1,0.75\nc2,i1,0,1.5\nc3,i1,0,\n", yaml);
    expect(Array.from(data.truth!)).toEqual([0.75]);
    expect(report.rejectedByReason).toEqual({ "invalid truth": 1, "missing truth": 1 });
    expect(report.rowsRead).toBe(report.rowsAccepted + report.rowsRejected);
    expect(rejects.map((r) => [r.dataRow, r.column, r.value])).toEqual([
      [2, "p", "1.5"],
      [3, "p", ""],
    ]);
  });
});

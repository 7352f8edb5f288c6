import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseDescriptor } from "../../../src/node/descriptor/parse-descriptor.js";
import { loadDescriptor } from "../../../src/node/descriptor/load-descriptor.js";
import { tempDir } from "../ingest/temp-dataset.js";

const BASE = `
name: trips
source: data.csv
format: csv
columns: { customer: UserID, item: ItemID, outcome: Rating }
outcome: { type: rating, min: 1, max: 5 }
`;

function check(yaml: string): ReturnType<typeof parseDescriptor> {
  return parseDescriptor(parse(yaml), "d/trips.yaml");
}

describe("parseDescriptor", () => {
  it("applies defaults and resolves the source against the descriptor folder", () => {
    const d = check(`${BASE}context: { companion: TripType }\ncitation: Zheng 2014\n`);
    expect(d).toEqual({
      name: "trips",
      path: "d/trips.yaml",
      source: "data.csv",
      sourcePath: join(process.cwd(), "d", "data.csv"),
      format: "csv",
      compression: "none",
      delimiter: ",",
      header: true,
      names: null,
      sheet: null,
      headerRow: 1,
      columns: { customer: "UserID", item: "ItemID", outcome: "Rating", timestamp: null, value: null, truth: null },
      outcome: { type: "rating", min: 1, max: 5 },
      timestamp: null,
      trim: true,
      numericIds: "as-written",
      missing: [""],
      duplicates: "keep",
      context: { companion: "TripType" },
      citation: "Zheng 2014",
      description: null,
      currency: null,
    });
  });

  it("infers format and compression from the extension, and accepts globs and timestamp patterns", () => {
    const infer = (source: string) => {
      const d = check(BASE.replace("source: data.csv", `source: "${source}"`).replace("format: csv\n", ""));
      return [d.format, d.compression];
    };
    expect(infer("a.csv.gz")).toEqual(["csv", "gzip"]);
    expect(infer("part-*.tsv.zst")).toEqual(["tsv", "zstd"]);
    expect(infer("x/year=*/*.parquet")).toEqual(["parquet", "none"]);
    expect(infer("events.ndjson.gz")).toEqual(["json", "gzip"]);
    expect(infer("t.arrow")).toEqual(["arrow", "none"]);
    expect(infer("book.xlsx")).toEqual(["xlsx", "none"]);
    const d = check(`${BASE.replace("outcome: Rating }", "outcome: Rating, timestamp: When }")}timestamp: { format: "dd/MM/yyyy HH:mm:ss" }\ntrim: false\n`);
    expect([d.timestamp, d.trim]).toEqual([{ format: "dd/MM/yyyy HH:mm:ss" }, false]);
  });

  it("fixes the range of binary and amount outcomes", () => {
    expect(check(BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: binary }")).outcome).toEqual({ type: "binary", min: 0, max: 1 });
    expect(check(BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: amount }")).outcome).toEqual({ type: "amount", min: 0, max: Infinity });
  });

  it("reads count outcomes, and an amount's log1p transform; refuses a transform elsewhere or unknown", () => {
    expect(check(BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: count }")).outcome).toEqual({ type: "count", min: 0, max: Infinity });
    expect(check(BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: amount, transform: log1p }")).outcome).toEqual({ type: "amount", min: 0, max: Infinity, transform: "log1p" });
    expect(() => check(BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: count, transform: log1p }"))).toThrow(/key "outcome.transform" must be absent: only an amount outcome takes a transform.*got "log1p"/);
    expect(() => check(BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: amount, transform: sqrt }"))).toThrow(/key "outcome.transform" must be one of log1p; got "sqrt"/);
  });

  it("names the file, key path and value of every invalid key", () => {
    const cases: [string, RegExp][] = [
      [`${BASE}colour: red\n`, /^descriptor d\/trips\.yaml: key "colour" is not allowed; valid keys are name, description, source, format, .*citation, currency$/],
      [`${BASE}currency: euro\n`, /key "currency" must be a three-letter ISO 4217 code such as EUR or USD; got "euro"/],
      [BASE.replace("customer: UserID", "custmer: UserID"), /key "columns\.custmer" is not allowed; valid keys of columns are customer, item, outcome, timestamp, value/],
      [BASE.replace("customer: UserID, ", ""), /key "columns\.customer" is missing; expected the source column of customer ids/],
      [BASE.replace("format: csv", "format: xls"), /key "format" must be one of csv, tsv, json, whitespace, parquet, arrow, xlsx; got "xls"/],
      [BASE.replace("type: rating", "type: ratings"), /key "outcome\.type" must be one of binary, rating, amount, count; got "ratings"/],
      [BASE.replace("min: 1, ", ""), /key "outcome\.min" is missing; expected the smallest rating/],
      [BASE.replace("max: 5", "max: five"), /key "outcome\.max" must be a finite number; got "five"/],
      [BASE.replace("max: 5", "max: 1"), /key "outcome\.max" must be a number greater than outcome\.min \(1\); got 1/],
      [BASE.replace("{ type: rating, min: 1, max: 5 }", "{ type: binary, max: 2 }"), /key "outcome\.max" must be no max: the range of a binary outcome is fixed/],
      [`${BASE}header: yes please\n`, /key "header" must be true or false; got "yes please"/],
      [`${BASE}header: false\n`, /key "names" is missing; expected a list of column names/],
      [`${BASE}names: [a, b]\n`, /key "names" must be no names when header is true/],
      [`${BASE}missing: [NA, 0]\n`, /key "missing\[1\]" must be a string \(quote it\); got 0/],
      [`${BASE}duplicates: drop\n`, /key "duplicates" must be one of keep, reject; got "drop"/],
      [`${BASE}context: { companion: 3 }\n`, /key "context\.companion" must be a non-empty string; got 3/],
      [`${BASE}context: [TripType]\n`, /key "context" must be a mapping; got \["TripType"\]/],
      [BASE.replace("outcome: Rating }", "outcome: Rating, timestamp: Date }"), /key "timestamp" is missing; expected \{ format: iso \| yyyymmdd \| unix-seconds \| unix-ms \| a pattern such as "dd\/MM\/yyyy HH:mm:ss" \}/],
      [`${BASE.replace("outcome: Rating }", "outcome: Rating, timestamp: Date }")}timestamp: { format: dd/mm/yyyy }\n`, /key "timestamp\.format" must be one of iso, yyyymmdd, unix-seconds, unix-ms, or a pattern such as "dd\/MM\/yyyy HH:mm:ss"; this pattern has no month \(a pattern needs yyyy, MM or M, and dd or d\); got "dd\/mm\/yyyy"/],
      [`${BASE.replace("outcome: Rating }", "outcome: Rating, timestamp: Date }")}timestamp: { format: "YYYY-MM-DD" }\n`, /this pattern has unknown pattern letters "YYYY" at position 1/],
      [`${BASE}compression: gzip\nformat: parquet\n`.replace("format: csv\n", ""), /key "compression" must be none for format parquet/],
      [`${BASE}sheet: Data\n`, /key "sheet" must be absent: sheet applies only to format xlsx; got "Data"/],
      [`${BASE.replace("format: csv", "format: xlsx")}headerRow: 0\n`, /key "headerRow" must be a worksheet row number \(an integer >= 1\); got 0/],
      [`${BASE}trim: sometimes\n`, /key "trim" must be true or false; got "sometimes"/],
      [`${BASE}timestamp: { format: iso }\n`, /key "timestamp" must be no timestamp settings: columns\.timestamp is not set/],
      [BASE.replace("name: trips", "name: ../evil"), /key "name" must be letters, digits/],
      [`${BASE}delimiter: ";;"\n`, /key "delimiter" must be one character other than a quote or a line break; got ";;"/],
      [BASE.replace("format: csv", "format: tsv") + 'delimiter: ";"\n', /key "delimiter" must be no delimiter: it applies only to format csv; got ";"/],
      [BASE.replace("source: data.csv", "source: data.xls").replace("format: csv\n", ""), /key "format" is missing; expected one of csv, tsv, json, whitespace, parquet, arrow, xlsx \(cannot be inferred from the extension of "data\.xls"\)/],
      ["- just\n- a list\n", /key "\(document\)" must be a mapping with keys name/],
    ];
    for (const [yaml, message] of cases) expect(() => check(yaml), yaml).toThrowError(message);
  });
});

describe("loadDescriptor", () => {
  it("keeps the missing-value markers as typed (NULL, ~, 0 and yes are text, not null, numbers or booleans)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "data.csv"), "UserID,ItemID,Rating\n");
    const path = join(dir, "d.yaml");
    writeFileSync(path, `${BASE}missing: [NA, NULL, "", ~, 0, yes]\n`);
    expect((await loadDescriptor(path)).missing).toEqual(["NA", "NULL", "", "~", "0", "yes"]);
  });

  it("reports YAML syntax errors, duplicate keys and missing source files with the descriptor path", async () => {
    const dir = tempDir();
    const path = join(dir, "bad.yaml");
    writeFileSync(path, "name: [unclosed\n");
    await expect(loadDescriptor(path)).rejects.toThrowError(/^descriptor .*bad\.yaml: not valid YAML: /);
    writeFileSync(path, `${BASE}name: again\n`);
    await expect(loadDescriptor(path)).rejects.toThrowError(/descriptor .*bad\.yaml: not valid YAML: Map keys must be unique/);
    writeFileSync(path, BASE);
    await expect(loadDescriptor(path)).rejects.toThrowError(/descriptor .*bad\.yaml: source "data\.csv" is not a readable file \(resolved to .*data\.csv\)/);
    await expect(loadDescriptor(join(dir, "nope.yaml"))).rejects.toThrowError(/descriptor .*nope\.yaml: cannot read the file \(ENOENT\)/);
  });
});

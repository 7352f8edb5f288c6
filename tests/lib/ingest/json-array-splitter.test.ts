import { describe, expect, it } from "vitest";
import { JsonArraySplitter } from "../../../src/lib/ingest/json-array-splitter.js";

function split(chunks: string[]): { text: string; line: number }[] {
  const s = new JsonArraySplitter();
  const out = chunks.flatMap((c) => s.push(c));
  s.end();
  return out.map((e) => ({ text: e.text.trim(), line: e.line }));
}

describe("JsonArraySplitter", () => {
  it("splits elements with strings, escapes and nesting, whatever the chunking", () => {
    const text = '[\n {"a": "x, ]}", "b": [1, {"c": 2}]},\n {"a": "q\\"uote"}\n, 3 ]\n';
    const expected = [
      { text: '{"a": "x, ]}", "b": [1, {"c": 2}]}', line: 2 },
      { text: '{"a": "q\\"uote"}', line: 3 },
      { text: "3", line: 4 },
    ];
    expect(split([text])).toEqual(expected);
    expect(split(text.split(""))).toEqual(expected);
  });

  it("accepts an empty array and names the line of structural errors", () => {
    expect(split(["  [ ]  "])).toEqual([]);
    expect(() => split(['{"a": 1}'])).toThrowError(/line 1: expected "\[" to open a JSON array, got "\{"/);
    expect(() => split(["[1,\n]"])).toThrowError(/line 2: expected an array element, got "\]"/);
    expect(() => split(["[1, 2"])).toThrowError(/the JSON array is not closed/);
    expect(() => split(["[1]\n x"])).toThrowError(/line 2: unexpected "x" after the end of the JSON array/);
  });
});

import { describe, expect, it } from "vitest";
import { jsonNumberText } from "../../../src/lib/ingest/json-number-text.js";

describe("jsonNumberText", () => {
  it("returns the number's text as written, past a nested key holding another value", () => {
    const text = '{"meta": {"u": 7}, "u" :  1.0e2, "v": 3}';
    expect(jsonNumberText(text, "u", JSON.parse(text).u)).toBe("1.0e2");
    expect(jsonNumberText(text, "v", 3)).toBe("3");
  });

  it("keeps integers beyond 2^53 exactly, which JSON.parse rounds", () => {
    const text = '{"u": 9007199254740993}';
    expect(JSON.parse(text).u).toBe(9007199254740992);
    expect(jsonNumberText(text, "u", JSON.parse(text).u)).toBe("9007199254740993");
  });

  it("finds keys with quotes and regex characters, and gives null for a key written with escapes", () => {
    expect(jsonNumberText('{"a.b\\"c": -0.50}', 'a.b"c', -0.5)).toBe("-0.50");
    expect(jsonNumberText('{"\\u0075": 5}', "u", 5)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { LineCounter } from "../../../src/lib/ingest/line-counter.js";

describe("LineCounter", () => {
  it("maps byte offsets to lines across chunk boundaries", () => {
    const c = new LineCounter();
    const enc = new TextEncoder();
    c.push(enc.encode("ab\r\ncd"));
    c.push(enc.encode("\nef\n"));
    expect([0, 2, 3, 4, 6, 7, 9].map((o) => c.lineAt(o))).toEqual([1, 1, 1, 2, 2, 3, 3]);
    expect(() => c.lineAt(1)).toThrowError(/offset 1 is before the last query 9/);
    expect(() => c.lineAt(99)).toThrowError(/offset 99 is past the 10 bytes pushed/);
  });
});

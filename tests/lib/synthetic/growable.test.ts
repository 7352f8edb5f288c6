import { describe, expect, it } from "vitest";
import { growFloat64, growUint8 } from "../../../src/lib/synthetic/growable.js";

describe("GrowableColumn", () => {
  it("keeps every value across growth and finishes at the exact length", () => {
    const col = growFloat64(2);
    for (let i = 0; i < 1000; i++) col.push(i / 2);
    expect(col.size).toBe(1000);
    const out = col.finish();
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(Array.from({ length: 1000 }, (_, i) => i / 2));
  });

  it("finishes empty columns and keeps the element type", () => {
    expect(growUint8().finish()).toEqual(new Uint8Array(0));
  });
});

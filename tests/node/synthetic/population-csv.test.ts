import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/lib/random/rng.js";
import { createIsoFormatter } from "../../../src/node/synthetic/population-csv.js";

describe("createIsoFormatter", () => {
  it("formats exactly like Date.prototype.toISOString, before and after 1970, around leap days", () => {
    const iso = createIsoFormatter();
    const rng = createRng(1);
    const fixed = [0, -1, 951_782_400_000 - 1, 951_782_400_000, 1_709_164_800_123, Date.parse("2024-12-31T23:59:59.999Z"), -62_135_596_800_000];
    const random = Array.from({ length: 20_000 }, () => Math.round((rng.next() - 0.3) * 4e12));
    const values = [...fixed, ...random];
    expect(values.map(iso)).toEqual(values.map((ms) => new Date(ms).toISOString()));
  });
});

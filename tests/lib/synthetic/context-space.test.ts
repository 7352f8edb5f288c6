import { describe, expect, it } from "vitest";
import { assertContextCodes, contextCodesOf, FLAT_LEVEL_NAMES, LEVEL_OFFSETS, TOTAL_LEVELS } from "../../../src/lib/synthetic/context-space.js";

describe("context space", () => {
  it("numbers all levels in one flat space", () => {
    expect(TOTAL_LEVELS).toBe(10);
    expect(LEVEL_OFFSETS).toEqual([0, 5, 8]);
    expect(FLAT_LEVEL_NAMES).toEqual([
      "companion:alone", "companion:partner", "companion:friends", "companion:family", "companion:business",
      "intent:self", "intent:gift", "intent:work", "situation:home", "situation:out",
    ]);
  });

  it("maps level names to codes and rejects unknown levels", () => {
    expect(contextCodesOf({ companion: "friends", intent: "gift", situation: "out" })).toEqual([2, 1, 1]);
    expect(() => contextCodesOf({ companion: "friends", intent: "fun", situation: "out" })).toThrowError(/intent must be one of self, gift, work, got "fun"/);
    expect(() => contextCodesOf({ companion: "alone", intent: "self" })).toThrowError(/situation must be one of home, out, got "undefined"/);
  });

  it("checks code vectors", () => {
    expect(() => assertContextCodes([0, 0, 2], "f")).toThrowError(/f: context situation code "2" is not in \[0, 2\) \(home, out\)/);
    expect(() => assertContextCodes([0, 0, 0], "f")).not.toThrow();
  });
});

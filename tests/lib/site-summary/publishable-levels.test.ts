import { describe, expect, it } from "vitest";
import { levelRules, otherLevelsLabel, publishableLevels } from "../../../src/lib/site-summary/publishable-levels.js";

describe("publishable levels", () => {
  it("names only levels with at least k customers, largest first, pooling the rest", () => {
    const rule = publishableLevels(new Map([["a", 10], ["b", 9], ["c", 50], ["d", 0]]), 10);
    expect(rule).toEqual({ published: ["c", "a"], pooled: 2, otherLabel: "other (2 levels)" });
  });

  it("caps the named levels per dimension; ties broken by name so the result is stable", () => {
    const levels = new Map(Array.from({ length: 100 }, (_, i) => [`level-${String(i).padStart(3, "0")}`, 20] as const));
    const rule = publishableLevels(levels, 10, 5);
    expect(rule.published).toEqual(["level-000", "level-001", "level-002", "level-003", "level-004"]);
    expect(rule.otherLabel).toBe("other (95 levels)");
  });

  it("pools e-mail-like levels of one customer each, whatever the cap", () => {
    const emails = new Map(Array.from({ length: 300 }, (_, i) => [`person${i}@example.com`, 1] as const));
    const rules = levelRules([...emails].map(([level, customers]) => ({ dimension: "note", level, customers })), 10);
    expect(rules.get("note")).toEqual({ published: [], pooled: 300, otherLabel: "other (300 levels)" });
  });

  it("counts a level by its largest cell over models, and a suppressed (null) count as 0", () => {
    const rules = levelRules([
      { dimension: "d", level: "x", customers: 12 },
      { dimension: "d", level: "x", customers: 3 },
      { dimension: "d", level: "y", customers: null },
    ], 10);
    expect(rules.get("d")!.published).toEqual(["x"]);
    expect(otherLevelsLabel(1)).toBe("other (1 level)");
  });

  it("rejects k or cap that are not positive integers", () => {
    expect(() => publishableLevels(new Map(), 0)).toThrowError(/k must be a positive integer, received "0"/);
    expect(() => publishableLevels(new Map(), 10, 1.5)).toThrowError(/cap must be a positive integer, received "1.5"/);
  });
});

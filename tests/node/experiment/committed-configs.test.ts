import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseExperimentConfig } from "../../../src/lib/config/experiment-config.js";
import { parseSweepConfig } from "../../../src/lib/config/sweep-config.js";

describe("committed experiment configs", () => {
  it("all validate, sweeps included", () => {
    const shape = readdirSync("data/experiments")
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => {
        const raw = parse(readFileSync(`data/experiments/${f}`, "utf8")) as Record<string, unknown>;
        return [f, raw.sweep ? `${parseSweepConfig(raw, f).cells.length} cells` : parseExperimentConfig(raw, f).split.kind];
      });
    expect(Object.fromEntries(shape)).toMatchObject({ "default.yaml": "auto", "when-does-irm-pay-off.yaml": "36 cells", "real-data-protocol.yaml": "3 cells" });
  });
});

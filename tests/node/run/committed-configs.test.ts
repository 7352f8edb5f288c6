import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseExperimentConfig } from "../../../src/lib/config/experiment-config.js";
import { parseSweepConfig } from "../../../src/lib/config/sweep-config.js";
import { readStudy } from "../../../src/node/site/site-datasets.js";

/** What a committed YAML file under `dir` is: a sweep (its cell count), a study (its configs) or an experiment (its split). */
function shapeOf(dir: string, f: string): string {
  const raw = parse(readFileSync(`${dir}/${f}`, "utf8")) as Record<string, unknown>;
  if (raw.experiments) return `study of ${readStudy(`${dir}/${f}`).length}`;
  return raw.sweep ? `${parseSweepConfig(raw, f).cells.length} cells` : parseExperimentConfig(raw, f).split.kind;
}

describe("committed experiment configs", () => {
  it("all validate, sweeps and the site's study included", () => {
    const shape = readdirSync("data/experiments")
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => [f, shapeOf("data/experiments", f)]);
    expect(Object.fromEntries(shape)).toMatchObject({ "default.yaml": "auto", "when-does-irm-pay-off.yaml": "36 cells", "real-data-protocol.yaml": "3 cells", "study.yaml": "study of 6", "null-calibration.yaml": "40 cells", "null-calibration-journeys.yaml": "40 cells" });
  });

  it("every experiment the study lists exists and validates", () => {
    const listed = readStudy("data/experiments/study.yaml");
    expect(listed.length).toBeGreaterThan(0);
    for (const path of listed) {
      const raw = parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      expect(() => parseExperimentConfig(raw, path), path).not.toThrow();
    }
  });
});

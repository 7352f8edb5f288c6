import { describe, expect, it } from "vitest";
import { modelParamsHelp } from "../../src/lib/models/model-params.js";
import { DEFAULT_GRID } from "../../src/lib/selection/select-models.js";
import { DESCRIPTOR_PROTOCOL } from "../../src/node/run/read-experiment-config.js";
import { irmlab } from "../helpers/run-cli.js";

/** `irmlab experiment --help` documents every model's params, models: auto and the default protocol (issue 11). */
describe("irmlab experiment --help", () => {
  it("lists every model's params with defaults, the select keys and the models a bare descriptor runs", { timeout: 60_000 }, async () => {
    const { code, stdout } = await irmlab(["experiment", "--help"]);
    expect(code).toBe(0);
    for (const line of modelParamsHelp()) expect(stdout).toContain(line);
    expect(stdout).toContain("contextL2Scale [1, 10, 100]");
    expect(stdout).toMatch(/select: \{ validation: split \| kfold \| customer/);
    expect(stdout).toContain(`keys ${Object.keys(DEFAULT_GRID).join(", ")}`);
    expect(stdout).toContain(`default protocol: ${[...DESCRIPTOR_PROTOCOL.models, "global-mean"].join(", ")}`);
  });
});

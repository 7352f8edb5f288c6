import { describe, expect, it } from "vitest";
import { decodeWhatIfBundle, encodeWhatIfBundle } from "../../../../src/lib/site-summary/what-if/what-if-bundle.js";
import { whatIfRows } from "../../../../src/lib/site-summary/what-if/what-if-rows.js";
import { BINARY_OUTCOME } from "../../../../src/lib/schema/outcome.js";

const layout = { customers: 3, items: 2, contexts: [{ name: "companion", levels: ["alone", "partner"] }] };
const manifest = {
  schemaVersion: 1 as const, runId: "r", date: "2025-01-01", dataset: "synthetic", outcomeType: "binary" as const, omitted: ["x"], layout,
  models: [{ name: "mf", family: "crm" as const, description: "d", modelJson: "{}" }, { name: "fm", family: "irm" as const, description: "e", modelJson: "[]" }],
  customers: [{ label: "Customer A", code: 2, usual: [1], contextsSeen: 2 }], items: [{ code: 1, label: "offer 1" }],
};

describe("what-if-bundle", () => {
  it("round-trips the manifest and each model's weights byte for byte", () => {
    const bytes = encodeWhatIfBundle(manifest, [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5, 6, 7, 8])]);
    const { manifest: m, files } = decodeWhatIfBundle(bytes);
    expect(m.models.map((x) => [x.name, x.weightsOffset, x.weightsLength])).toEqual([["mf", 0, 3], ["fm", 3, 5]]);
    expect(files.map((f) => [f.modelJson, [...f.weights]])).toEqual([["{}", [1, 2, 3]], ["[]", [4, 5, 6, 7, 8]]]);
    expect(m.customers).toEqual(manifest.customers);
  });
  it("rejects a file that is not a bundle and a truncated one", () => {
    expect(() => decodeWhatIfBundle(new TextEncoder().encode("{\"a\":1}"))).toThrowError(/data\/whatif\.bin: expected a what-if bundle starting with "IRMW", received "\{"a"/);
    const bytes = encodeWhatIfBundle(manifest, [new Uint8Array(3), new Uint8Array(5)]);
    expect(() => decodeWhatIfBundle(bytes.subarray(0, bytes.length - 2))).toThrowError(/weights of model "fm" \(offset 3, 5 bytes\) run past the end/);
  });
  it("rejects mismatched model and weight counts", () => {
    expect(() => encodeWhatIfBundle(manifest, [new Uint8Array(1)])).toThrowError(/2 models but 1 weight shards/);
  });
});

describe("what-if-rows", () => {
  it("builds rows with the model's dictionary sizes and the scenario codes", () => {
    const rows = whatIfRows(layout, BINARY_OUTCOME, [{ customer: 2, item: 1, levels: [0] }, { customer: 0, item: 0, levels: [1] }]);
    expect([rows.size, rows.customerIds.length, rows.itemIds.length, [...rows.customer], [...rows.item], [...rows.contexts[0]!.codes]]).toEqual([2, 3, 2, [2, 0], [1, 0], [0, 1]]);
  });
  it("names the scenario and field of a code outside the layout", () => {
    expect(() => whatIfRows(layout, BINARY_OUTCOME, [{ customer: 3, item: 0, levels: [0] }])).toThrowError(/scenario 0: customer: expected an integer code in \[0, 2\], received "3"/);
    expect(() => whatIfRows(layout, BINARY_OUTCOME, [{ customer: 0, item: 0, levels: [2] }])).toThrowError(/scenario 0: context "companion": expected an integer code in \[0, 1\], received "2"/);
  });
});

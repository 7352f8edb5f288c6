import { describe, expect, it } from "vitest";
import { DictionaryEncoder } from "../../../src/lib/ingest/dictionary-encoder.js";
import { InteractionsBuilder } from "../../../src/lib/ingest/interactions-builder.js";

describe("DictionaryEncoder", () => {
  it("gives codes in order of first appearance and never adds on lookup", () => {
    const d = new DictionaryEncoder();
    expect(["b", "a", "b", "c"].map((s) => d.encode(s))).toEqual([0, 1, 0, 2]);
    expect([d.lookup("a"), d.lookup("zz"), d.size]).toEqual([1, -1, 3]);
    expect(d.dictionary()).toEqual(["b", "a", "c"]);
  });
});

describe("InteractionsBuilder", () => {
  it("builds columns with sorted context levels, unknown last", () => {
    const b = new InteractionsBuilder({ outcomeSpec: { type: "rating", min: 1, max: 5 }, timestamp: true, contexts: ["companion"], capacity: 1 });
    const codes = new Int32Array(1);
    const rows: [string, string, number, number, string][] = [
      ["u1", "i1", 5, 10, "unknown"],
      ["u2", "i1", 3, 20, "Partner"],
      ["u1", "i2", 1, 30, "Alone"],
    ];
    for (const [c, i, y, t, level] of rows) {
      codes[0] = b.contexts[0]!.encode(level);
      b.appendRow(b.customers.encode(c), b.items.encode(i), y, t, NaN, codes);
    }
    const data = b.build();
    expect(data).toEqual({
      size: 3,
      customerIds: ["u1", "u2"],
      customer: new Int32Array([0, 1, 0]),
      itemIds: ["i1", "i2"],
      item: new Int32Array([0, 0, 1]),
      timestamp: new Float64Array([10, 20, 30]),
      outcome: new Float64Array([5, 3, 1]),
      outcomeSpec: { type: "rating", min: 1, max: 5 },
      value: null,
      contexts: [{ name: "companion", levels: ["Alone", "Partner", "unknown"], codes: new Int32Array([2, 1, 0]) }],
      truth: null,
    });
  });

  it("refuses codes it did not issue and outcomes outside the spec", () => {
    const b = new InteractionsBuilder({ outcomeSpec: { type: "binary", min: 0, max: 1 } });
    expect(() => b.appendRow(0, 0, 1)).toThrowError(/row 0: customer code 0 is outside \[0, 0\)/);
    b.customers.encode("u");
    b.items.encode("i");
    expect(() => b.appendRow(0, 0, 2)).toThrowError(/row 0: outcome 2 is outside \[0, 1\]/);
    expect(() => new InteractionsBuilder({ outcomeSpec: { type: "binary", min: 0, max: 1 }, contexts: ["a", "a"] })).toThrowError(/context name "a" is empty or repeated/);
  });

  it("appendColumns gives the data appendRow gives row by row, and rejects a bad chunk whole, naming its first bad row as appendRow does", () => {
    const make = () => {
      const b = new InteractionsBuilder({ outcomeSpec: { type: "binary", min: 0, max: 1 }, timestamp: true, value: true, contexts: ["a", "b"], capacity: 2 });
      for (const id of ["c0", "c1", "c2"]) b.customers.encode(id);
      b.items.encode("i0");
      b.items.encode("i1");
      for (const level of ["x", "y"]) b.contexts[0]!.encode(level);
      for (const level of ["p", "q", "r"]) b.contexts[1]!.encode(level);
      return b;
    };
    const customer = new Int32Array([2, 0, 1, 2, 1]), item = new Int32Array([1, 0, 0, 1, 1]), outcome = new Float64Array([1, 0, 0, 1, 0]);
    const timestamp = new Float64Array([5, 4, 3, 2, 1]), value = new Float64Array([0.5, 0, 1.5, 2, 3]), a = new Int32Array([1, 0, 1, 1, 0]), b2 = new Int32Array([2, 0, 1, 2, 0]);
    const rowByRow = make();
    rowByRow.appendRow(0, 0, 1, 9, 9, [0, 0]);
    for (let i = 0; i < 5; i++) rowByRow.appendRow(customer[i]!, item[i]!, outcome[i]!, timestamp[i]!, value[i]!, [a[i]!, b2[i]!]);
    const bulk = make();
    bulk.appendRow(0, 0, 1, 9, 9, [0, 0]);
    bulk.appendColumns({ customer, item, outcome, timestamp, value, truth: null, contexts: [a, b2] }, 5);
    expect(bulk.build()).toEqual(rowByRow.build());

    const bad = make();
    const badContext = new Int32Array([0, 1, 2, 3, 0]);
    expect(() => bad.appendColumns({ customer, item, outcome, timestamp, value, truth: null, contexts: [a, badContext] }, 5)).toThrow(
      "appendRow: row 3: context b code 3 is outside [0, 3)",
    );
    expect(() => bad.appendColumns({ customer, item, outcome, timestamp: null, value, truth: null, contexts: [a, b2] }, 5)).toThrow("appendRow: row 0: timestamp NaN is not finite");
    expect(bad.size).toBe(0);
  });
});


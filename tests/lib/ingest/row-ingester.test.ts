import { describe, expect, it } from "vitest";
import { RejectLog } from "../../../src/lib/ingest/reject-log.js";
import { RowIngester, type RowIngesterOptions } from "../../../src/lib/ingest/row-ingester.js";

// RowIngester.appendColumns (the DuckDB reader's chunks) against append, one row after another (the
// streaming reader): the same rows kept, the same duplicates counted and the same rejects.

const OPTIONS: Omit<RowIngesterOptions, "duplicates"> = {
  outcomeSpec: { type: "binary", min: 0, max: 1 },
  columns: ["customer", "item", "outcome", "timestamp", null, null],
  timestampFormat: "epoch-ms",
  defaultItem: "all",
  contexts: [{ name: "channel", column: "channel" }],
  missing: [],
};

/** Rows with exact duplicates: next to their original, far from it, at a chunk's start and end, and twice over. */
function rows() {
  const base = [
    [0, 0, 1, 10, 0], [1, 0, 0, 11, 1], [0, 0, 1, 10, 0], [2, 1, 1, 12, 0], [0, 1, 0, 13, 1],
    [1, 0, 0, 11, 1], [1, 0, 0, 11, 0], [0, 0, 1, 10, 0], [2, 1, 1, 12, 0], [2, 1, 1, 12, 1], [3, 1, 0, 14, 0],
  ];
  const ints = (j: number) => Int32Array.from(base, (r) => r[j]!);
  const doubles = (j: number) => Float64Array.from(base, (r) => r[j]!);
  return { n: base.length, customer: ints(0), item: ints(1), outcome: doubles(2), timestamp: doubles(3), channel: ints(4) };
}

function ingester(duplicates: "keep" | "reject") {
  const log = new RejectLog();
  const ing = new RowIngester({ ...OPTIONS, duplicates }, log);
  const b = ing.builder;
  for (const id of ["a", "b", "c", "d"]) b.customers.encode(id);
  for (const id of ["i", "j"]) b.items.encode(id);
  for (const level of ["web", "shop"]) b.contexts[0]!.encode(level);
  return { ing, log };
}

describe("RowIngester.appendColumns", () => {
  for (const duplicates of ["keep", "reject"] as const) {
    for (const chunk of [11, 4, 1]) {
      it(`keeps, counts and rejects what append does row by row (duplicates: ${duplicates}, chunks of ${chunk} rows)`, () => {
        const r = rows();
        const one = ingester(duplicates);
        for (let i = 0; i < r.n; i++) one.ing.append(r.customer[i]!, r.item[i]!, r.outcome[i]!, r.timestamp[i]!, NaN, [r.channel[i]!], NaN, i + 1, i + 2);
        const bulk = ingester(duplicates);
        let kept = 0;
        for (let s = 0; s < r.n; s += chunk) {
          const e = Math.min(r.n, s + chunk);
          const cut = <A extends Int32Array | Float64Array>(a: A) => a.subarray(s, e) as A;
          const columns = { customer: cut(r.customer), item: cut(r.item), outcome: cut(r.outcome), timestamp: cut(r.timestamp), value: null, truth: null, contexts: [cut(r.channel)] };
          kept += bulk.ing.appendColumns(columns, e - s, (i) => s + i + 1, (i) => s + i + 2);
        }
        expect(bulk.ing.builder.build()).toEqual(one.ing.builder.build());
        expect(bulk.ing.duplicateRows).toBe(4);
        expect(bulk.ing.duplicateRows).toBe(one.ing.duplicateRows);
        expect(bulk.log.examples()).toEqual(one.log.examples());
        expect(kept).toBe(duplicates === "keep" ? 11 : 7);
        expect(bulk.log.examples().map((x) => [x.dataRow, x.line, x.reason])).toEqual(duplicates === "keep" ? [] : [[3, 4, "duplicate row"], [6, 7, "duplicate row"], [8, 9, "duplicate row"], [9, 10, "duplicate row"]]);
      });
    }
  }
});

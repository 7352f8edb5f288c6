/**
 * Online detection of exact duplicate rows in an InteractionsBuilder: an open-addressing hash
 * table of row indices (Int32Array, load <= 0.5), so memory is linear and no key strings are built.
 * Two rows are duplicates when customer, item, timestamp, every context level, outcome and value
 * are all equal.
 */
import type { InteractionsBuilder } from "./interactions-builder.js";

/** Finds, for each appended row, an earlier identical row. */
export class DuplicateIndex {
  private table: Int32Array;
  private count = 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  /**
   * @param builder the builder whose rows are indexed
   * @param expectedRows rows about to be added, when known (e.g. counted by SQL): the table is sized
   *   for them at once, since each doubling re-hashes every row so far in table order, a random read
   *   of every column per row (a third of the DuckDB ingest's JavaScript time at 1M rows). Default 0.
   */
  constructor(private readonly builder: InteractionsBuilder, expectedRows = 0) {
    let size = 1024;
    while (size < 2 * expectedRows + 2 && size < 2 ** 30) size *= 2;
    this.table = new Int32Array(size).fill(-1);
  }

  /**
   * Looks up row `row` (already appended to the builder) and indexes it when new.
   * @returns the index of an earlier identical row, or -1 (the row is then remembered)
   */
  add(row: number): number {
    const mask = this.table.length - 1;
    let slot = this.hash(row) & mask;
    for (;;) {
      const other = this.table[slot]!;
      if (other === -1) break;
      if (this.equal(row, other)) return other;
      slot = (slot + 1) & mask;
    }
    this.table[slot] = row;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
    return -1;
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    const mask = this.table.length - 1;
    for (let i = 0; i < old.length; i++) {
      const row = old[i]!;
      if (row === -1) continue;
      let slot = this.hash(row) & mask;
      while (this.table[slot] !== -1) slot = (slot + 1) & mask;
      this.table[slot] = row;
    }
  }

  private hash(row: number): number {
    const b = this.builder;
    let h = mix(0x9e3779b9, b.customer.at(row));
    h = mix(h, b.item.at(row));
    h = this.mixDouble(h, b.outcome.at(row));
    if (b.timestamp) h = this.mixDouble(h, b.timestamp.at(row));
    if (b.value) h = this.mixDouble(h, b.value.at(row));
    for (const c of b.contextCodes) h = mix(h, c.at(row));
    // final avalanche so that the low bits used by the mask depend on every field
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  private mixDouble(h: number, x: number): number {
    this.f64[0] = x;
    return mix(mix(h, this.u32[0]!), this.u32[1]!);
  }

  private equal(a: number, b: number): boolean {
    const d = this.builder;
    if (d.customer.at(a) !== d.customer.at(b) || d.item.at(a) !== d.item.at(b) || d.outcome.at(a) !== d.outcome.at(b)) return false;
    if (d.timestamp && d.timestamp.at(a) !== d.timestamp.at(b)) return false;
    if (d.value && d.value.at(a) !== d.value.at(b)) return false;
    for (const c of d.contextCodes) if (c.at(a) !== c.at(b)) return false;
    return true;
  }
}

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) ^ (h >>> 15);
}

/**
 * Append-only typed-array columns that double their capacity when full: amortized O(1) appends,
 * memory linear in the rows, no per-row objects. Used wherever the number of rows is not known in
 * advance (streamed files, simulated populations).
 */
type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (n: number): T };

export class GrowableColumn<T extends TypedArray> {
  private data: T;
  private count = 0;

  /**
   * @param make the typed array constructor (Float64Array, Int32Array, Uint8Array)
   * @param capacity initial capacity in values, >= 1 (default 1024)
   */
  constructor(private readonly make: TypedArrayConstructor<T>, capacity = 1024) {
    this.data = new make(Math.max(1, Math.floor(capacity)));
  }

  /** Number of values appended (and not popped). */
  get length(): number {
    return this.count;
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.count === this.data.length) {
      const bigger = new this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.count++] = value;
  }

  /** The value at `index` (unchecked: index must be in [0, length)). */
  at(index: number): number {
    return this.data[index]!;
  }

  /** Drops the last value (rolls back a row). */
  pop(): void {
    if (this.count > 0) this.count--;
  }

  /** A typed array of exactly the values appended: a copy, so the column stays usable. */
  toArray(): T {
    return this.data.slice(0, this.count) as T;
  }
}

/** A new Float64 column. */
export const growFloat64 = (capacity?: number): GrowableColumn<Float64Array> => new GrowableColumn(Float64Array, capacity);
/** A new Int32 column. */
export const growInt32 = (capacity?: number): GrowableColumn<Int32Array> => new GrowableColumn(Int32Array, capacity);
/** A new Uint8 column. */
export const growUint8 = (capacity?: number): GrowableColumn<Uint8Array> => new GrowableColumn(Uint8Array, capacity);

/**
 * Append-only typed-array columns that double their capacity when full: amortized O(1) appends,
 * memory linear in the rows, and one copy to the exact length at the end.
 */
type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (n: number): T };

export class GrowableColumn<T extends TypedArray> {
  private data: T;
  private length = 0;
  private readonly make: TypedArrayConstructor<T>;

  /**
   * @param make the typed array constructor (Float64Array, Int32Array, Uint8Array)
   * @param capacity initial capacity in elements, >= 1
   */
  constructor(make: TypedArrayConstructor<T>, capacity = 1024) {
    this.make = make;
    this.data = new make(Math.max(1, Math.floor(capacity)));
  }

  /** Number of values appended so far. */
  get size(): number {
    return this.length;
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** A typed array of exactly the values appended (a copy; the builder stays usable). */
  finish(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** A new Float64 column. */
export const growFloat64 = (capacity?: number): GrowableColumn<Float64Array> => new GrowableColumn(Float64Array, capacity);
/** A new Int32 column. */
export const growInt32 = (capacity?: number): GrowableColumn<Int32Array> => new GrowableColumn(Int32Array, capacity);
/** A new Uint8 column. */
export const growUint8 = (capacity?: number): GrowableColumn<Uint8Array> => new GrowableColumn(Uint8Array, capacity);

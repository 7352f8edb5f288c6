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
    if (this.count === this.data.length) this.reserve(this.count + 1);
    this.data[this.count++] = value;
  }

  /** Appends the first `n` values of `values` (one copy). */
  pushAll(values: ArrayLike<number>, n: number): void {
    this.reserve(this.count + n);
    if (ArrayBuffer.isView(values)) (this.data as T).set((values as T).subarray(0, n), this.count);
    else for (let i = 0; i < n; i++) this.data[this.count + i] = values[i]!;
    this.count += n;
  }

  /** Capacity for at least `n` values (doubling, so that appends stay amortized O(1)). */
  private reserve(n: number): void {
    if (n <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < n) size *= 2;
    const bigger = new this.make(size);
    bigger.set(this.data.subarray(0, this.count) as T);
    this.data = bigger;
  }

  /** Sets the value at `index` (unchecked: index must be in [0, length)). */
  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Keeps the first `length` values (length <= this.length). */
  truncate(length: number): void {
    if (length < this.count) this.count = Math.max(0, length);
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

  /**
   * The values appended, in the column's own array when they fill at least 7/8 of it (a view of
   * their length: no second copy of a large column exists at any moment), else in a copy. For the
   * column's last use: appending afterwards would write into the array handed over.
   */
  take(): T {
    return this.count * 8 >= this.data.length * 7 ? (this.data.subarray(0, this.count) as T) : this.toArray();
  }
}

/** A new Float64 column. */
export const growFloat64 = (capacity?: number): GrowableColumn<Float64Array> => new GrowableColumn(Float64Array, capacity);
/** A new Int32 column. */
export const growInt32 = (capacity?: number): GrowableColumn<Int32Array> => new GrowableColumn(Int32Array, capacity);
/** A new Uint8 column. */
export const growUint8 = (capacity?: number): GrowableColumn<Uint8Array> => new GrowableColumn(Uint8Array, capacity);

/**
 * Append-only typed arrays that double their capacity, so that columns of unknown length
 * (streamed files) are built in linear memory with no per-row objects.
 */

/** A growable Int32Array. */
export class GrowableInt32Array {
  private data: Int32Array;
  /** Number of values appended. */
  length = 0;

  /** @param capacity initial capacity in values (default 1024) */
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, Int32Array);
    this.data[this.length++] = value;
  }

  /** The value at `index` (unchecked: index must be in [0, length)). */
  at(index: number): number {
    return this.data[index]!;
  }

  /** Drops the last value (used to roll back a row). */
  pop(): void {
    if (this.length > 0) this.length--;
  }

  /** The values as an exactly-sized Int32Array (a copy unless the buffer is full). */
  toArray(): Int32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}

/** A growable Float64Array. */
export class GrowableFloat64Array {
  private data: Float64Array;
  /** Number of values appended. */
  length = 0;

  /** @param capacity initial capacity in values (default 1024) */
  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, Float64Array);
    this.data[this.length++] = value;
  }

  /** The value at `index` (unchecked: index must be in [0, length)). */
  at(index: number): number {
    return this.data[index]!;
  }

  /** Drops the last value (used to roll back a row). */
  pop(): void {
    if (this.length > 0) this.length--;
  }

  /** The values as an exactly-sized Float64Array (a copy unless the buffer is full). */
  toArray(): Float64Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}

function grow<T extends Int32Array | Float64Array>(data: T, ctor: { new (n: number): T }): T {
  const next = new ctor(data.length * 2);
  next.set(data);
  return next;
}

/**
 * Dictionary encoding of string identifiers and category levels: each distinct string gets the
 * next integer code, in order of first appearance. Used by ingest and by the synthetic generator,
 * so that every Interactions value is encoded the same way.
 */
export class DictionaryEncoder {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];

  /** Number of distinct values seen. */
  get size(): number {
    return this.values.length;
  }

  /**
   * The code of `value`, adding it when new.
   * @returns an integer in [0, size)
   */
  encode(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The code of `value`, or -1 when it has not been seen (never adds). */
  lookup(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  /** The distinct values indexed by code (a copy). */
  dictionary(): string[] {
    return this.values.slice();
  }
}

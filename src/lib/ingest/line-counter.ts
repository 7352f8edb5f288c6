/**
 * Maps byte offsets of a streamed file to 1-based physical line numbers, for offsets that only
 * increase. Chunks are pushed as they are read and dropped once passed, so memory stays bounded by
 * how far the reader runs ahead of the parser.
 */
const NEWLINE = 0x0a;

/** Streaming byte-offset → line-number map (a line ends at "\n"; "\r\n" counts once). */
export class LineCounter {
  private readonly chunks: Uint8Array[] = [];
  /** Offset of chunks[0][0] in the file. */
  private chunkStart = 0;
  /** Position reached within chunks[0]. */
  private cursor = 0;
  /** Newlines before chunkStart + cursor. */
  private newlines = 0;
  private pushed = 0;

  /** Bytes pushed so far. */
  get pushedBytes(): number {
    return this.pushed;
  }

  /** Appends the next chunk of the file. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.pushed += chunk.length;
  }

  /**
   * The 1-based line that contains byte `offset` (1 + newlines strictly before it).
   * @param offset byte offset, not smaller than any earlier query and below the bytes pushed
   * @throws RangeError when offset goes backwards or past the bytes pushed
   */
  lineAt(offset: number): number {
    const here = this.chunkStart + this.cursor;
    if (offset < here) throw new RangeError(`LineCounter: offset ${offset} is before the last query ${here}`);
    if (offset > this.pushed) throw new RangeError(`LineCounter: offset ${offset} is past the ${this.pushed} bytes pushed`);
    let remaining = offset - here;
    while (remaining > 0) {
      const chunk = this.chunks[0]!;
      const end = Math.min(chunk.length, this.cursor + remaining);
      // TypedArray.indexOf is native: far faster than a byte loop on long lines
      for (let i = chunk.indexOf(NEWLINE, this.cursor); i >= 0 && i < end; i = chunk.indexOf(NEWLINE, i + 1)) this.newlines++;
      remaining -= end - this.cursor;
      this.cursor = end;
      if (this.cursor === chunk.length) {
        this.chunks.shift();
        this.chunkStart += chunk.length;
        this.cursor = 0;
      }
    }
    return this.newlines + 1;
  }
}

/**
 * Streams the elements of a top-level JSON array out of text chunks without parsing the whole
 * array at once: it tracks strings, escapes and nesting depth, and hands back each element's
 * source text with the line where it starts. Each element is then parsed on its own.
 */

/** One element of the array, unparsed. */
export interface JsonElementText {
  readonly text: string;
  /** 1-based line where the element starts. */
  readonly line: number;
}

type Phase = "start" | "before" | "element" | "end";

/** Incremental splitter of `[elem, elem, ...]` text. */
export class JsonArraySplitter {
  private phase: Phase = "start";
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private elementLine = 0;
  private elements = 0;

  /**
   * Feeds the next chunk of text.
   * @returns the elements completed by this chunk, in order
   * @throws SyntaxError naming the line when the text is not a JSON array
   */
  push(text: string): JsonElementText[] {
    const out: JsonElementText[] = [];
    let segmentStart = -1;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (this.phase === "element") {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (ch === 0x5c) this.escaped = true;
          else if (ch === 0x22) this.inString = false;
        } else if (ch === 0x22) this.inString = true;
        else if (ch === 0x7b || ch === 0x5b) this.depth++;
        else if (ch === 0x7d || ch === 0x5d) {
          if (this.depth === 0) {
            // "]" closing the array ends the last element
            this.finish(text, segmentStart, i, out);
            segmentStart = -1;
            this.phase = "end";
          } else this.depth--;
        } else if (ch === 0x2c && this.depth === 0) {
          this.finish(text, segmentStart, i, out);
          segmentStart = -1;
          this.phase = "before";
        }
        if (ch === 0x0a) this.line++;
        continue;
      }
      if (ch === 0x0a) this.line++;
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || (ch === 0xfeff && i === 0 && this.phase === "start")) continue;
      if (this.phase === "start") {
        if (ch !== 0x5b) throw new SyntaxError(`line ${this.line}: expected "[" to open a JSON array, got "${text[i]}"`);
        this.phase = "before";
      } else if (this.phase === "before") {
        if (ch === 0x5d && this.elements === 0) {
          this.phase = "end";
          continue;
        }
        if (ch === 0x2c || ch === 0x5d) throw new SyntaxError(`line ${this.line}: expected an array element, got "${text[i]}"`);
        this.phase = "element";
        this.elementLine = this.line;
        segmentStart = i;
        i--; // rescan this character in element mode (it may open a string or object)
      } else {
        throw new SyntaxError(`line ${this.line}: unexpected "${text[i]}" after the end of the JSON array`);
      }
    }
    if (this.phase === "element" && segmentStart >= 0) this.parts.push(text.slice(segmentStart));
    else if (this.phase === "element") this.parts.push(text);
    return out;
  }

  /**
   * Declares the end of the text.
   * @throws SyntaxError when the array was not closed
   */
  end(): void {
    if (this.phase !== "end") throw new SyntaxError(`line ${this.line}: the JSON array is not closed (missing "]")`);
  }

  private finish(text: string, segmentStart: number, stop: number, out: JsonElementText[]): void {
    this.parts.push(text.slice(segmentStart >= 0 ? segmentStart : 0, stop));
    out.push({ text: this.parts.join(""), line: this.elementLine });
    this.parts = [];
    this.elements++;
  }
}

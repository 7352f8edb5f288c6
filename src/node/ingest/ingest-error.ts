/** A data file that cannot be ingested at all (empty, no data rows, malformed structure). */
export class IngestError extends Error {
  /**
   * @param file data file path
   * @param detail where (line) and what is wrong
   */
  constructor(readonly file: string, detail: string, options?: { cause?: unknown }) {
    super(`${file}: ${detail}`, options);
    this.name = "IngestError";
  }
}
